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
        // pupil id), not every session of the school times every pupil; only the fields needed are read.
        var ids = pupils.ToList();
        var rows = await db.TherapySessions.AsNoTracking()
            .Where(s => s.Date >= from && s.Date <= to)
            .SelectMany(s => s.Members.Where(m => ids.Contains(m.PupilId) && m.Minutes > 0), (s, m) => new
            {
                m.PupilId, s.Discipline, s.Date, m.Minutes, m.Attendance, Group = s.Members.Count() > 1,
            })
            .ToListAsync(ct);
        return rows
            .Where(r => SessionWords.WasSeen(r.Attendance))
            .Select(r => new DeliveredSession(r.PupilId, r.Discipline, r.Date, r.Minutes, r.Group))
            .ToList();
    }
}
