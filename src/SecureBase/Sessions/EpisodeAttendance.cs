using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Sessions;

/// <summary>One session of an episode as reports count it: the day, whether the pupil came, and how they engaged.</summary>
public sealed record EpisodeSessionLine(DateOnly Date, Attendance Attendance, Engagement? Engagement);

/// <summary>
/// The sessions module's published read of an episode's attendance and engagement between two days,
/// for reports (issue 12): one line per session the pupil was in, never notes.
/// </summary>
public sealed class EpisodeAttendance(SecureBaseDb db)
{
    public async Task<IReadOnlyList<EpisodeSessionLine>> ForAsync(EpisodeId episode, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var rows = await db.TherapySessions.AsNoTracking()
            .Where(s => s.Date >= from && s.Date <= to)
            .SelectMany(s => s.Members.Where(m => m.EpisodeId == episode), (s, m) => new { s.Date, s.Start, m.Attendance, m.Engagement })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Date).ThenBy(r => r.Start).Select(r => new EpisodeSessionLine(r.Date, r.Attendance, r.Engagement)).ToList();
    }
}
