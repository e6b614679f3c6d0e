using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Caseload;

public sealed record CaseloadRow(EpisodeId EpisodeId, PupilId PupilId, string Pupil, Staff.Discipline DisciplineCode, string Discipline, StaffId StaffId, string Practitioner, DateOnly Since, Referrals.ReferralId? ReferralId);

/// <summary>A practitioner's caseload (the Head of Therapy sees everyone's).</summary>
[Permits(SchoolAction.ViewCaseload)]
public sealed class CaseloadModel(Caseloads caseloads, CurrentUser me) : PageModel
{
    public IReadOnlyList<CaseloadRow> Rows { get; private set; } = [];
    public bool Everyone { get; private set; }
    public bool CanDeclareNotReady => me.Can(SchoolAction.DeclareNotReady);

    public async Task OnGetAsync()
    {
        Everyone = caseloads.SeesEveryone;
        Rows = await caseloads.ListAsync(HttpContext.RequestAborted);
    }
}
