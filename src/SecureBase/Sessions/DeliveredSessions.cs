using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Sessions;

/// <summary>
/// The sessions module's published read of what was delivered: for each pupil, each session they
/// attended (their own minutes, the session's discipline, and whether it was a group), for EHCP
/// provision's specified-against-delivered. Refused, absent, cancelled and displaced sessions were
/// not delivered.
/// </summary>
public sealed class DeliveredSessions(SecureBaseDb db)
{
    public async Task<IReadOnlyList<DeliveredSession>> ForAsync(IReadOnlyCollection<PupilId> pupils, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (pupils.Count == 0)
        {
            return [];
        }

        var school = db.CurrentSchoolId;
        var found = await MembersIn(pupils, from, to).ToListAsync(ct);
        return found
            .Where(r => r.SchoolId == school && SessionWords.WasSeen(r.Attendance))
            .Select(r => new DeliveredSession(r.PupilId, r.Discipline, r.Date, r.Minutes, r.Group))
            .ToList();
    }

    /// <summary>
    /// What <see cref="ForAsync"/> reads, already added up by the database: for each pupil, discipline and mode
    /// (individual or group), how many sessions they attended in the period and their minutes. For lists of many pupils
    /// (the EHCP list), where reading every session into the application cost more than showing the page.
    /// <para>
    /// Each instance keeps the totals it added up for each school under the school's
    /// <see cref="Schools.School.SessionsStamp"/>, which the request read with the signed-in user's school: the EHCP list
    /// is read far more often than sessions are recorded, and a request whose stamp and period match asks the database
    /// only about pupils not yet kept (none, once the list has been shown). Saving a session or anyone's attendance in
    /// one, on any instance, gives the school a new stamp in the same transaction, so the next request on every instance
    /// adds them up again. Without a stamp (jobs, API clients, a request that has saved a session) they are added up
    /// for the request.
    /// </para>
    /// </summary>
    public async Task<IReadOnlyList<DeliveredTotal>> TotalsForAsync(IReadOnlyCollection<PupilId> pupils, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (pupils.Count == 0)
        {
            return [];
        }

        if (db.SchoolContext.SessionsStamp is not { } stamp)
        {
            return await AddUpAsync(pupils, from, to, ct);
        }

        var school = db.CurrentSchoolId;
        if (!Kept.TryGetValue(school, out var kept) || kept.Stamp != stamp || kept.From != from || kept.To != to)
        {
            kept = new KeptTotals(stamp, from, to);
            Kept[school] = kept;
        }

        var missing = pupils.Where(p => !kept.ByPupil.ContainsKey(p)).ToList();
        if (missing.Count > 0)
        {
            var found = (await AddUpAsync(missing, from, to, ct)).ToLookup(t => t.PupilId);
            foreach (var pupil in missing)
            {
                kept.ByPupil[pupil] = found[pupil].ToList();
            }
        }

        return pupils.SelectMany(p => kept.ByPupil[p]).ToList();
    }

    /// <summary>The totals kept for each school on this instance, under the stamp and for the period they were added up (a few KB a school).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<SchoolId, KeptTotals> Kept = new();

    /// <summary>Each pupil's totals (none: an empty list) as added up under one sessions stamp, for one period.</summary>
    private sealed record KeptTotals(long Stamp, DateOnly From, DateOnly To)
    {
        public System.Collections.Concurrent.ConcurrentDictionary<PupilId, IReadOnlyList<DeliveredTotal>> ByPupil { get; } = new();
    }

    private async Task<IReadOnlyList<DeliveredTotal>> AddUpAsync(IReadOnlyCollection<PupilId> pupils, DateOnly from, DateOnly to, CancellationToken ct)
    {
        // The same reading as ForAsync, grouped in SQL.
        var school = db.CurrentSchoolId;
        var found = await MembersIn(pupils, from, to)
            .GroupBy(r => new { r.SchoolId, r.PupilId, r.Discipline, r.Attendance, r.Group })
            .Select(g => new { g.Key.SchoolId, g.Key.PupilId, g.Key.Discipline, g.Key.Attendance, g.Key.Group, Sessions = g.Count(), Minutes = g.Sum(r => r.Minutes) })
            .ToListAsync(ct);
        return found
            .Where(r => r.SchoolId == school && SessionWords.WasSeen(r.Attendance))
            .GroupBy(r => (r.PupilId, r.Discipline, r.Group))
            .Select(g => new DeliveredTotal(g.Key.PupilId, g.Key.Discipline, g.Key.Group, g.Sum(r => r.Sessions), g.Sum(r => r.Minutes)))
            .ToList();
    }

    /// <summary>One pupil's part in one session: what both reads take, before the school's filter and attendance are applied.</summary>
    private sealed class MemberRead
    {
        public SchoolId SchoolId { get; init; }
        public PupilId PupilId { get; init; }
        public Discipline Discipline { get; init; }
        public DateOnly Date { get; init; }
        public int Minutes { get; init; }
        public Attendance Attendance { get; init; }
        public bool Group { get; init; }
    }

    /// <summary>
    /// The members of the sessions in the period who are among these pupils and have minutes recorded. From the members'
    /// side, so that the cost follows the pupils asked about (the member index on pupil id), never the school's sessions
    /// times the pupils. The school's filter is left to the caller, not SQL: on SQLite an equality on school_id makes the
    /// planner walk every session of the school and look each pupil up in each (hundreds of thousands of probes at a large
    /// school); the pupils asked about are this school's, and a row of another school is still dropped by the caller. Only
    /// the fields needed are read.
    /// </summary>
    private IQueryable<MemberRead> MembersIn(IReadOnlyCollection<PupilId> pupils, DateOnly from, DateOnly to)
    {
        var ids = pupils.ToList();
        return db.TherapySessions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Date >= from && s.Date <= to)
            .SelectMany(s => s.Members.Where(m => ids.Contains(m.PupilId) && m.Minutes > 0), (s, m) => new MemberRead
            {
                SchoolId = s.SchoolId, PupilId = m.PupilId, Discipline = s.Discipline, Date = s.Date, Minutes = m.Minutes, Attendance = m.Attendance,
                Group = s.IsGroup,
            });
    }
}
