using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Pupils;

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

        // From the members' side, so that the cost follows the pupils asked about (the member index on
        // pupil id), never the school's sessions times the pupils. The school's filter is applied here, not
        // in SQL: on SQLite an equality on school_id makes the planner walk every session of the school and
        // look each pupil up in each (hundreds of thousands of probes at a large school); the pupils asked
        // about are this school's, and a row of another school is still dropped below. Only the fields needed are read.
        var ids = pupils.ToList();
        var school = db.CurrentSchoolId;
        var found = await db.TherapySessions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Date >= from && s.Date <= to)
            .SelectMany(s => s.Members.Where(m => ids.Contains(m.PupilId) && m.Minutes > 0), (s, m) => new
            {
                s.SchoolId, m.PupilId, s.Discipline, s.Date, m.Minutes, m.Attendance, Group = s.Members.Count() > 1,
            })
            .ToListAsync(ct);
        var rows = found.Where(r => r.SchoolId == school);
        return rows
            .Where(r => SessionWords.WasSeen(r.Attendance))
            .Select(r => new DeliveredSession(r.PupilId, r.Discipline, r.Date, r.Minutes, r.Group))
            .ToList();
    }
}
