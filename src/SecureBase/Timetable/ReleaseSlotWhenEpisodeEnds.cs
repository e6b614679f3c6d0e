using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Timetable;

/// <summary>
/// When an episode ends (discharge, disengagement, not ready), its pupil leaves their weekly session
/// from the next day: a 1:1 session ends and its later occurrences go, so the slot and the room are
/// free for the next pupil; a group goes on without them.
/// </summary>
internal sealed class ReleaseSlotWhenEpisodeEnds(SecureBaseDb db) : IHandles<EpisodeEnded>
{
    public async Task HandleAsync(EpisodeEnded happened, CancellationToken ct)
    {
        var sessions = await db.WeeklySessions.Where(s => s.EndedOn == null && s.Pupils.Any(p => p.EpisodeId == happened.EpisodeId)).ToListAsync(ct);
        foreach (var session in sessions)
        {
            session.RemovePupil(happened.PupilId, happened.EndDate);
            if (session.EndedOn is null)
            {
                continue;
            }

            var later = await db.SessionOccurrences.Where(o => o.SessionId == session.Id && o.Date > happened.EndDate).ToListAsync(ct);
            db.SessionOccurrences.RemoveRange(later);
        }
    }
}
