using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Referrals;

namespace SecureBase.Audit;

/// <summary>
/// One line of the audit log as a reader sees it: the person and their role, the action in words,
/// and the record described by the pupil's or person's name and its kind. <see cref="Detail"/> is
/// left out where it is about therapy and the reader may not see therapy (the administrator).
/// </summary>
public sealed record AuditRow(long Sequence, DateTime At, string Who, string? UserName, string? Role, string What, string? Record, string? Detail);

/// <summary>The school's audit log, newest first, in words, and a check that the whole chain is intact.</summary>
[Permits(SchoolAction.ViewAuditLog)]
public sealed class AuditLogPageModel(SecureBaseDb db, AuditKey key, AuditWitness witness, CurrentUser me, AuditLog audit) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<AuditRow> Entries { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasMore { get; private set; }
    public AuditVerification? Verification { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int page = 1) => await LoadAsync(page);

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        Verification = await AuditVerifier.VerifyAsync(db, key, witness, HttpContext.RequestAborted);
        await audit.RecordNowAsync(me.Actor, AuditActions.AuditVerified, detail: Verification.Intact ? "intact" : $"broken at {Verification.FirstBadSequence}");
        await LoadAsync(1);
        return Page();
    }

    private async Task LoadAsync(int page)
    {
        PageNumber = Math.Clamp(page, 1, 100_000);
        var school = me.SchoolId;
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(e => e.SchoolId == school)
            .OrderByDescending(e => e.Sequence)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync();
        HasMore = rows.Count > PageSize;
        rows = rows.Take(PageSize).ToList();
        var names = await RecordNames.LoadAsync(db, rows);
        Entries = rows.Select(e => new AuditRow(
            e.Sequence,
            e.At,
            e.UserId is { } u && names.People.TryGetValue(u, out var person) ? person : e.UserName == "system" || e.UserName is null ? "SecureBase" : e.UserName,
            e.UserId is null ? null : e.UserName,
            AuditWording.Roles(e.Role),
            AuditWording.Action(e.Action),
            names.Describe(e),
            MayReadDetail(e) ? AuditWording.Detail(e.Action, e.Reason is null ? e.Detail : e.Detail is null ? e.Reason : $"{e.Detail}. Reason: {e.Reason}") : null)).ToList();
    }

    // Why a therapy record was read, a decision's outcome, an allocation's reason or EHCP provision
    // are therapy content: shown to a reader who may see that content, never to the administrator.
    private bool MayReadDetail(AuditEntry e) => e.RecordType switch
    {
        "Referral" or "Episode" or "ReferralReview" => me.Can(SchoolAction.ViewReferrals),
        "MdtMeeting" => me.Can(SchoolAction.ViewMdt),
        nameof(EhcpPlan) => me.Can(SchoolAction.ViewEhcp),
        _ => (e.Action != AuditActions.ConfidentialRead && e.Action != AuditActions.BreakGlassRead) || me.Can(SchoolAction.ViewReferrals),
    };

    /// <summary>Names for the people and records a page of entries mentions, looked up once per page.</summary>
    private sealed class RecordNames
    {
        public Dictionary<Guid, string> People { get; } = [];
        private readonly Dictionary<Guid, string> _pupils = [];
        private readonly Dictionary<Guid, Guid> _pupilOf = [];
        private readonly Dictionary<Guid, string> _staff = [];
        private readonly Dictionary<Guid, DateOnly> _meetings = [];
        private readonly Dictionary<Guid, (DateOnly HeldOn, string Title)> _reviews = [];
        private readonly Dictionary<Guid, string> _schools = [];

        public static async Task<RecordNames> LoadAsync(SecureBaseDb db, IReadOnlyList<AuditEntry> entries)
        {
            var n = new RecordNames();
            List<Guid> Ids(string type) => entries.Where(e => e.RecordType == type && Guid.TryParse(e.RecordId, out _)).Select(e => Guid.Parse(e.RecordId!)).Distinct().ToList();

            var userIds = entries.Where(e => e.UserId is not null).Select(e => e.UserId!.Value).Concat(Ids("User")).Distinct().ToList();
            foreach (var u in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync())
            {
                n.People[u.Id] = string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? "" : u.DisplayName;
            }

            var referralIds = Ids("Referral").Select(ReferralId.From).ToList();
            foreach (var r in await db.Referrals.AsNoTracking().Where(r => referralIds.Contains(r.Id)).Select(r => new { r.Id, r.PupilId }).ToListAsync())
            {
                n._pupilOf[r.Id.Value] = r.PupilId.Value;
            }

            var episodeIds = Ids("Episode").Select(EpisodeId.From).ToList();
            foreach (var ep in await db.Episodes.AsNoTracking().Where(ep => episodeIds.Contains(ep.Id)).Select(ep => new { ep.Id, ep.PupilId }).ToListAsync())
            {
                n._pupilOf[ep.Id.Value] = ep.PupilId.Value;
            }

            var planIds = Ids(nameof(EhcpPlan)).Select(EhcpPlanId.From).ToList();
            foreach (var p in await db.EhcpPlans.AsNoTracking().Where(p => planIds.Contains(p.Id)).Select(p => new { p.Id, p.PupilId }).ToListAsync())
            {
                n._pupilOf[p.Id.Value] = p.PupilId.Value;
            }

            var pupilIds = Ids("Pupil").Concat(n._pupilOf.Values).Distinct().Select(PupilId.From).ToList();
            foreach (var p in await db.Pupils.AsNoTracking().Where(p => pupilIds.Contains(p.Id)).Select(p => new { p.Id, p.PreferredFirstName, p.LegalFirstName, p.PreferredLastName, p.LegalLastName }).ToListAsync())
            {
                n._pupils[p.Id.Value] = $"{p.PreferredFirstName ?? p.LegalFirstName} {p.PreferredLastName ?? p.LegalLastName}";
            }

            var staffIds = Ids("Staff").Select(StaffId.From).ToList();
            foreach (var s in await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToListAsync())
            {
                n._staff[s.Id.Value] = s.DisplayName;
            }

            var meetingIds = Ids("MdtMeeting");
            foreach (var m in await db.MdtMeetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).Select(m => new { m.Id, m.HeldOn }).ToListAsync())
            {
                n._meetings[m.Id] = m.HeldOn;
            }

            var reviewIds = Ids("ReferralReview").Select(ReferralReviewId.From).ToList();
            foreach (var r in await db.ReferralReviews.AsNoTracking().Where(r => reviewIds.Contains(r.Id)).Select(r => new { r.Id, r.HeldOn, r.Title }).ToListAsync())
            {
                n._reviews[r.Id.Value] = (r.HeldOn, r.Title);
            }

            var schoolIds = Ids("School").Select(SchoolId.From).ToList();
            foreach (var s in await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync())
            {
                n._schools[s.Id.Value] = s.Name;
            }

            return n;
        }

        /// <summary>The record in words: its kind and whose it is, never what it says.</summary>
        public string? Describe(AuditEntry e)
        {
            if (e.RecordType is null)
            {
                return null;
            }

            var id = Guid.TryParse(e.RecordId, out var g) ? g : Guid.Empty;
            string Pupil(Guid pupil) => _pupils.GetValueOrDefault(pupil) ?? "a pupil no longer on record";
            string OfPupil() => _pupilOf.TryGetValue(id, out var pupil) ? Pupil(pupil) : "a pupil no longer on record";
            var gb = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
            return e.RecordType switch
            {
                "User" => $"Account of {People.GetValueOrDefault(id) ?? "a removed account"}",
                "Pupil" => $"Record of {Pupil(id)}",
                "Referral" => $"Referral for {OfPupil()}",
                "Episode" => $"Therapy of {OfPupil()}",
                nameof(EhcpPlan) => $"EHCP of {OfPupil()}",
                "Staff" => $"Staff record of {_staff.GetValueOrDefault(id) ?? "a removed staff member"}",
                "MdtMeeting" => _meetings.TryGetValue(id, out var held) ? $"MDT meeting of {held.ToString("d MMMM yyyy", gb)}" : "An MDT meeting",
                "ReferralReview" => _reviews.TryGetValue(id, out var review) ? $"Referral review \u201c{review.Title}\u201d of {review.HeldOn.ToString("d MMMM yyyy", gb)}" : "A referral review",
                "School" => _schools.GetValueOrDefault(id) ?? "A school",
                "AcademicYear" => "The school calendar: an academic year",
                "ClosureDay" => "The school calendar: a closure day",
                "LessonPeriod" => "The school calendar: a lesson period",
                "import" => "Pupils, parents and staff from the school's information system",
                "pupils" or "carers" or "staff" => $"The list of {(e.RecordType == "carers" ? "parents and carers" : e.RecordType)}",
                _ => AuditWording.Words(e.RecordType),
            };
        }
    }
}
