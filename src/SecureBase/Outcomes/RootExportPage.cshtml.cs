using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Outcomes;

/// <summary>
/// The Head of Therapy downloads the TOM ratings as CSV for ROOT, by date range and discipline, with
/// pupils by pseudonym (docs/root-Export.md). A range that cannot be read or ends before it starts is refused.
/// </summary>
[Permits(SchoolAction.ExportRoot)]
public sealed class RootExportPageModel : PageModel
{
    private RootExport Export => HttpContext.RequestServices.GetRequiredService<RootExport>();

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Discipline { get; set; }

    public IActionResult OnGet()
    {
        var today = Export.Today;
        From ??= today.AddYears(-1).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        To ??= today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync()
    {
        var filter = Export.Parse(From, To, Discipline);
        if (!filter.IsSuccess)
        {
            foreach (var f in filter.Error is Common.Error.Validation v ? v.Fields : [new Common.FieldError("", filter.Error!.Message)])
            {
                ModelState.AddModelError(f.Field, f.Message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var file = await Export.ExportAsync(filter.Value, HttpContext.RequestAborted);
        return File(file.Content, "text/csv; charset=utf-8", file.FileName);
    }
}
