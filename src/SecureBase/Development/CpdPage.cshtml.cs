using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Development;

/// <summary>CPD: the user's own records and a form to add one (with an optional certificate); the Head of Therapy sees everyone's.</summary>
[Permits(SchoolAction.ViewCpd, OnPost = SchoolAction.RecordCpd)]
public sealed class CpdPageModel : PageModel
{
    private CpdDesk Desk => HttpContext.RequestServices.GetRequiredService<CpdDesk>();

    [BindProperty]
    public CpdForm Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Evidence { get; set; }

    internal IReadOnlyList<CpdView> Records { get; private set; } = [];
    private Paging _paging = Paging.Of(1, 0, CpdDesk.PageSize);

    internal PagerView Pager => new("Pages of CPD records", _paging, p => $"/cpd?page={p}", "Newer records", "Older records");
    internal bool SeesEveryone { get; private set; }
    internal bool CanRecord { get; private set; }

    public async Task OnGetAsync()
    {
        Input = new CpdForm { TookOn = Desk.Today };
        await LoadAsync();
    }

    /// <summary>A record's evidence file, downloaded (never shown inline).</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(Guid id)
    {
        var file = await Desk.EvidenceAsync(CpdRecordId.From(id), HttpContext.RequestAborted);
        return file is { } f ? File(f.Content, f.Type, f.Name) : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        CpdEvidence? evidence = null;
        if (Evidence is { Length: > 0 } upload)
        {
            if (upload.Length > CpdRecord.EvidenceMaxBytes)
            {
                ModelState.AddModelError("Evidence", "The evidence file must be smaller than 2 MB");
                await LoadAsync();
                return Page();
            }

            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, HttpContext.RequestAborted);
            evidence = new CpdEvidence(upload.FileName, buffer.ToArray());
        }

        var added = await Desk.AddAsync(new CpdInput(Input.Title, Input.TookOn, Input.Hours, Input.Provider, Input.Reflection), evidence, HttpContext.RequestAborted);
        if (added.IsSuccess)
        {
            TempData["Notice"] = $"Recorded: {added.Value.Title}.";
            return Redirect("/cpd");
        }

        if (added.Error is Error.Validation v && v.Fields.Any(f => f.Field == "Evidence"))
        {
            foreach (var f in v.Fields.Where(f => f.Field == "Evidence"))
            {
                ModelState.AddModelError("Evidence", f.Message);
            }

            ModelState.AddErrors(new Error.Validation(v.Fields.Where(f => f.Field != "Evidence").ToList()), "Input");
        }
        else
        {
            ModelState.AddErrors(added.Error!, "Input");
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        SeesEveryone = Desk.SeesEveryone;
        CanRecord = HttpContext.RequestServices.GetRequiredService<CurrentUser>().StaffId is not null;
        var page = await Desk.RecordsAsync(Paging.Requested(Request.Query["page"]), HttpContext.RequestAborted);
        (Records, _paging) = (page.Rows, page.Paging);
    }

    /// <summary>The form for a CPD record.</summary>
    public sealed class CpdForm
    {
        public string? Title { get; set; }
        public DateOnly? TookOn { get; set; }
        public decimal? Hours { get; set; }
        public string? Provider { get; set; }
        public string? Reflection { get; set; }
    }
}
