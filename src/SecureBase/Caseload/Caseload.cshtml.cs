using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Caseload;

public sealed record CaseloadRow(EpisodeId EpisodeId, PupilId PupilId, string Pupil, Staff.Discipline DisciplineCode, string Discipline, StaffId StaffId, string Practitioner, DateOnly Since, Referrals.ReferralId? ReferralId);

/// <summary>A practitioner's caseload (the Head of Therapy sees everyone's), fifty pupils a page.</summary>
[Permits(SchoolAction.ViewCaseload)]
public sealed class CaseloadModel(Caseloads caseloads, CurrentUser me) : PageModel
{
    public IReadOnlyList<CaseloadRow> Rows { get; private set; } = [];
    public bool Everyone { get; private set; }
    public bool CanDeclareNotReady => me.Can(SchoolAction.DeclareNotReady);

    /// <summary>Every open episode the user sees, on this page and the others.</summary>
    public int Total { get; private set; }

    private Paging _paging = Paging.Of(1, 0, Caseloads.PageSize);

    internal PagerView Pager => new("Pages of the caseload", _paging, p => $"/caseload?page={p}");

    public async Task OnGetAsync()
    {
        Everyone = caseloads.SeesEveryone;
        var (page, total) = await caseloads.PageAsync(Paging.Requested(Request.Query["page"]), HttpContext.RequestAborted);
        (Rows, _paging, Total) = (page.Rows, page.Paging, total);
    }
}
