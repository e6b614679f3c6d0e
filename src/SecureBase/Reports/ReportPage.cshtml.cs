using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Reports;

/// <summary>
/// A report as a printable page: the therapy team any version (and approves a draft); anyone else
/// only an approved report shared with them. Every read is audited; a report not shared with the
/// reader is not found.
/// </summary>
[Permits(SchoolAction.ViewReport, OnPost = SchoolAction.ApproveReport)]
public sealed class ReportPageModel : PageModel
{
    private ReportDesk Desk => HttpContext.RequestServices.GetRequiredService<ReportDesk>();

    internal ReportReading Reading { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(ReportId reportId)
    {
        if (await Desk.ReadAsync(reportId, "page", HttpContext.RequestAborted) is not { } reading)
        {
            return NotFound();
        }

        Reading = reading;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(ReportId reportId)
    {
        var approved = await Desk.ApproveAsync(reportId, HttpContext.RequestAborted);
        if (approved.Error is Common.Error.NotFound)
        {
            return NotFound();
        }

        TempData["Notice"] = approved.IsSuccess
            ? $"Version {approved.Value.Version} is approved: those it is shared with can now read it."
            : approved.Error!.Message;
        return Redirect($"/reports/{reportId}");
    }
}
