using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Referrals;
using SecureBase.Staff;

namespace SecureBase.Demo;

/// <summary>A smaller school of the demo local authority: its size, whether it has a dedicated therapy room, its practitioners.</summary>
internal sealed record DemoAuthoritySchool(string Name, string Urn, int Pupils, bool DedicatedRoom, int DisplaceEvery,
    IReadOnlyList<(string Title, string First, string Last, string Job, Discipline Discipline, int Capacity, DayOfWeek[] Days)> Practitioners)
{
    public List<StaffMember> Staff(SchoolId school, SiteId main) => Practitioners.Select((p, i) =>
    {
        var m = StaffMember.Create(school, $"P{i + 1}", new StaffDetails(p.Title, p.First, p.Last, null, p.Job, p.Discipline, RegistrationBody.None, null, null, p.Capacity));
        m.SetWorkingPattern(p.Days.Select(d => new WorkingBlock(d, new TimeOnly(9, 0), new TimeOnly(15, 0), main)).ToArray());
        return m;
    }).ToList();
}

/// <summary>
/// The rest of the demo local authority (issue 12's local authority view): four smaller schools of different sizes, one
/// with a dedicated therapy room and three without, each with practitioners (no demo accounts: nobody signs in there),
/// and, besides the history every demo school gets (sessions, TOM ratings, EHCP provision), the referral behind each
/// episode (received weeks before it started) and a few still waiting, and sessions displaced now and then.
/// </summary>
internal static class DemoAuthoritySchools
{
    private static readonly DayOfWeek[] MonWed = [DayOfWeek.Monday, DayOfWeek.Wednesday];
    private static readonly DayOfWeek[] TueThu = [DayOfWeek.Tuesday, DayOfWeek.Thursday];
    private static readonly DayOfWeek[] Friday = [DayOfWeek.Friday];

    public static readonly IReadOnlyList<DemoAuthoritySchool> All =
    [
        new("Riverside Junior School", "139412", 80, DedicatedRoom: true, DisplaceEvery: 11,
        [
            ("Ms", "Orla", "Keane", "Play therapist", Discipline.PlayTherapy, 10, MonWed),
            ("Mr", "Tomasz", "Wiśniewski", "Speech and language therapist", Discipline.SpeechAndLanguage, 12, TueThu),
            ("Mrs", "Funmi", "Adeyemi", "ELSA", Discipline.Elsa, 6, Friday),
        ]),
        new("St Anne's CE Primary", "139588", 45, DedicatedRoom: false, DisplaceEvery: 6,
        [
            ("Mrs", "Helen", "Crossley", "Counsellor", Discipline.Counselling, 9, MonWed),
        ]),
        new("Kingsmead Primary", "140033", 60, DedicatedRoom: false, DisplaceEvery: 5,
        [
            ("Ms", "Aisling", "Doherty", "Art therapist", Discipline.ArtTherapy, 9, TueThu),
            ("Mr", "Samir", "Haddad", "ELSA", Discipline.Elsa, 6, Friday),
        ]),
        new("Brookfield Infant School", "140251", 24, DedicatedRoom: false, DisplaceEvery: 8,
        [
            ("Ms", "Chloe", "Barker", "ELSA", Discipline.Elsa, 6, MonWed),
        ]),
    ];

    /// <summary>The referral behind each open episode (received 2 to 12 weeks before it started, allocated the day it started), and a few still on the waiting list.</summary>
    public static async Task ReferralsAsync(SecureBaseDb db, DateOnly today, DateTime now, CancellationToken ct)
    {
        DateTime At(DateOnly d) => db.SchoolContext.Time.ToUtc(d, new TimeOnly(10, 0));
        NewReferral Asked(Discipline d) => new(ReferralSource.EducationStaff, null, "Class teacher", d, ReferralReason.EmotionalWellbeing, null,
            "Finding the school day hard; the class team would like therapy to be considered.", null, ReferralUrgency.Routine, ConsentGiven: true, SafeguardingWorry: false, Guid.NewGuid());
        var episodes = (await db.Episodes.Where(e => e.Status == EpisodeStatus.Open).ToListAsync(ct)).OrderBy(e => e.StartDate).ThenBy(e => e.Id.Value).ToList();
        var random = new Random(1212 + episodes.Count);
        foreach (var e in episodes)
        {
            var received = e.StartDate.AddDays(-7 * random.Next(2, 13));
            var r = Referral.Receive(e.SchoolId, e.PupilId, Asked(e.Discipline), At(received));
            r.Accept(e.Discipline, 2, null, Guid.Empty, At(received.AddDays(4)));
            r.Allocate(e.Id, Guid.Empty, At(e.StartDate));
            db.Referrals.Add(r);
        }

        var inTherapy = episodes.Select(e => e.PupilId).ToHashSet();
        var free = await db.Pupils.Where(p => p.LeftOn == null).Select(p => p.Id).ToListAsync(ct);
        var disciplines = episodes.Select(e => e.Discipline).Distinct().ToList();
        foreach (var pupil in free.Where(p => !inTherapy.Contains(p)).Take(random.Next(2, 7)))
        {
            var d = disciplines.Count == 0 ? Discipline.Elsa : disciplines[random.Next(disciplines.Count)];
            var r = Referral.Receive(db.CurrentSchoolId, pupil, Asked(d), At(today.AddDays(-random.Next(5, 70))));
            r.Accept(d, 3, null, Guid.Empty, At(today.AddDays(-2)));
            db.Referrals.Add(r);
        }

        await db.SaveChangesAsync(ct);
    }
}
