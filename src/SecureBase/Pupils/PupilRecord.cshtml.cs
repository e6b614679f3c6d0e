using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Pupils;

/// <summary>A parent or carer as listed on a pupil's record.</summary>
public sealed record CarerRow(CarerLinkId LinkId, string Name, string Relationship, bool ParentalResponsibility, int Priority, bool Restricted, string? RestrictionReason,
    string? Email, string? Phone, string? Address, ContactPreference Preference, string? Language, bool HasAccount);

/// <summary>
/// One pupil's record. What shows depends on the policy table: staff who may open the record see
/// it in full; a parent sees their own child's school details; a pupil sees their own; contacts
/// only for those who may see parents' and carers' details.
/// </summary>
[Permits(SchoolAction.ViewPupilRecord)]
public sealed class PupilRecordModel(PupilAccess access, SecureBaseDb db, CurrentUser me, Referrals.ReferralReading referrals) : PageModel
{
    public Pupil Pupil { get; private set; } = null!;
    public string? SiteName { get; private set; }
    public IReadOnlyList<CarerRow>? Carers { get; private set; }
    public IReadOnlyList<(string Discipline, string Practitioner, DateOnly Since, EpisodeId Id, bool Opens)> Episodes { get; private set; } = [];

    /// <summary>Staff see the whole record; a parent or the pupil sees the family view.</summary>
    public bool StaffView { get; private set; }
    public bool CanEdit => me.Can(SchoolAction.ManagePupils) && !Pupil.HasLeft;
    public bool CanManageCarers => me.Can(SchoolAction.ManageCarers) && !Pupil.HasLeft;
    public bool CanSeeEhcp { get; private set; }

    /// <summary>Links to pages about this pupil, shown only where the reader's relationship reaches this pupil.</summary>
    public bool CanSeeAssessments { get; private set; }

    public bool CanSeeLiaison { get; private set; }

    public bool CanSeeLessons { get; private set; }
    public bool HasPhoto { get; private set; }

    /// <summary>The pupil's referrals the user may open (a practitioner those of a pupil on their own caseload).</summary>
    public IReadOnlyList<(Referrals.ReferralId Id, DateTime ReceivedAt, Referrals.ReferralStatus Status)> Referrals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(PupilId pupilId)
    {
        var pupil = await access.FindAsync(pupilId, SchoolAction.ViewPupilRecord, HttpContext.RequestAborted);
        if (pupil is null)
        {
            return NotFound();
        }

        Pupil = pupil;
        var scope = me.ScopeFor(SchoolAction.ViewPupilRecord);
        StaffView = (scope & (Scope.School | Scope.OwnCaseload | Scope.DeliveredBySelf)) != Scope.None;
        HasPhoto = await db.PupilPhotos.AnyAsync(p => p.PupilId == pupilId);
        SiteName = pupil.SiteId is { } site ? await db.Sites.Where(s => s.Id == site).Select(s => s.Name).SingleOrDefaultAsync() : null;
        CanSeeEhcp = pupil.SenStatus == SenStatus.Ehcp && await Reaches(SchoolAction.ViewEhcp);
        CanSeeAssessments = await Reaches(SchoolAction.ViewAssessmentProfile);
        CanSeeLiaison = await Reaches(SchoolAction.ViewLiaison);
        CanSeeLessons = await Reaches(SchoolAction.ViewPupilLessons);

        if (await access.Visible(SchoolAction.ViewCarers).AnyAsync(p => p.Id == pupilId))
        {
            Carers = await (from l in db.CarerLinks
                            join c in db.Carers on l.CarerId equals c.Id
                            where l.PupilId == pupilId
                            orderby l.ContactPriority
                            select new CarerRow(l.Id, (c.Title == null ? "" : c.Title + " ") + c.FirstName + " " + c.LastName, l.Relationship, l.ParentalResponsibility,
                                l.ContactPriority, l.IsRestricted, l.RestrictionReason, c.Email, c.Phone, c.Address, c.ContactPreference, c.PreferredLanguage, c.UserId != null))
                .ToListAsync();
        }

        // Which therapies a pupil is in is caseload information: the Head of Therapy and the pupil's own practitioners.
        var caseload = me.ScopeFor(SchoolAction.ViewCaseload);
        var ownPractitioner = me.StaffId is { } staffId && await db.Episodes.AnyAsync(e => e.PupilId == pupilId && e.StaffId == staffId && e.Status == Caseload.EpisodeStatus.Open);
        if (caseload.HasFlag(Scope.School) || (caseload != Scope.None && ownPractitioner))
        {
            Episodes = (await (from e in db.Episodes
                               join s in db.StaffMembers on e.StaffId equals s.Id
                               where e.PupilId == pupilId && e.Status == Caseload.EpisodeStatus.Open
                               orderby e.StartDate
                               select new { e.Id, e.StaffId, e.Discipline, s.Title, s.FirstName, s.LastName, e.StartDate }).ToListAsync())
                .Select(e => (Staff.Disciplines.Name(e.Discipline), e.Title is null ? $"{e.FirstName} {e.LastName}" : $"{e.Title} {e.LastName}", e.StartDate,
                    e.Id, me.ScopeFor(SchoolAction.ViewEpisode).HasFlag(Scope.School) || (me.Can(SchoolAction.ViewEpisode) && e.StaffId == me.StaffId)))
                .ToList();
        }

        if (me.Can(SchoolAction.ViewReferrals))
        {
            Referrals = (await referrals.Visible().Where(r => r.PupilId == pupilId).OrderByDescending(r => r.ReceivedAt)
                    .Select(r => new { r.Id, r.ReceivedAt, r.Status }).ToListAsync())
                .Select(r => (r.Id, r.ReceivedAt, r.Status)).ToList();
        }

        return Page();

        async Task<bool> Reaches(SchoolAction action) =>
            me.Can(action) && await access.Visible(action).AnyAsync(p => p.Id == pupilId, HttpContext.RequestAborted);
    }

    public int AgeOn(DateOnly today) => today.Year - Pupil.DateOfBirth.Year - (today.DayOfYear < Pupil.DateOfBirth.DayOfYear ? 1 : 0);
}
