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

        var ids = pupils.ToList();
        var sessions = await db.TherapySessions.AsNoTracking()
            .Where(s => s.Date >= from && s.Date <= to && s.Members.Any(m => ids.Contains(m.PupilId)))
            .ToListAsync(ct);
        var wanted = ids.ToHashSet();
        return sessions
            .SelectMany(s => s.Members
                .Where(m => wanted.Contains(m.PupilId) && SessionWords.WasSeen(m.Attendance) && m.Minutes > 0)
                .Select(m => new DeliveredSession(m.PupilId, s.Discipline, s.Date, m.Minutes, s.IsGroup)))
            .ToList();
    }
}
