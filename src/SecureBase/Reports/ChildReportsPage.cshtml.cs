using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Reports;

/// <summary>
/// A parent's list of the approved reports about their own children that are shared with parents, each with its PDF.
/// The page is the parents' (their children's things); each report on it is still read under ViewReport.
/// </summary>
[Permits(SchoolAction.ViewChildSessions)]
public sealed class ChildReportsPageModel : PageModel
{
    private ReportDesk Desk => HttpContext.RequestServices.GetRequiredService<ReportDesk>();

    internal IReadOnlyList<(PupilId Id, string Pupil, IReadOnlyList<Report> Reports)> Children { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Children = await Desk.ForMyChildrenAsync(HttpContext.RequestAborted);
        return Page();
    }
}
