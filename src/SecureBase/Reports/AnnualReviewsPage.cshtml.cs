using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Reports;

/// <summary>
/// The annual-review contributions due this half term (EHCP pupils whose annual review falls in it),
/// and all the approved ones as one PDF, for the Head of Therapy and the SENDCo. None to print: a
/// message, never an empty file.
/// </summary>
[Permits(SchoolAction.DownloadAnnualReviewBatch)]
public sealed class AnnualReviewsPageModel : PageModel
{
    private ReportDesk Desk => HttpContext.RequestServices.GetRequiredService<ReportDesk>();

    internal AnnualReviewBatch Batch { get; private set; } = null!;

    internal string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Batch = await Desk.AnnualReviewsDueAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Batch = await Desk.AnnualReviewsDueAsync(HttpContext.RequestAborted);
        if (await Desk.AnnualReviewPdfAsync(Batch, HttpContext.RequestAborted) is not { } pdf)
        {
            Problem = AnnualReviewWords.NothingToPrint(Batch);
            return Page();
        }

        return File(pdf.Pdf, "application/pdf", $"annual-review-contributions-{Batch.From:yyyy-MM-dd}.pdf");
    }
}
