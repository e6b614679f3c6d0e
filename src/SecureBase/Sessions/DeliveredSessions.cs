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
    /// </summary>
    public async Task<IReadOnlyList<DeliveredTotal>> TotalsForAsync(IReadOnlyCollection<PupilId> pupils, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (pupils.Count == 0)
        {
            return [];
        }

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
