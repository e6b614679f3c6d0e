using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Pupils;

/// <summary>
/// What the annual-review report of an EHCP pupil must mention from the disengagement rule: each
/// therapy the pupil disengaged from (an episode closed for disengagement), so the local authority is aware.
/// </summary>
public static class EhcpDisengagement
{
    public static async Task<IReadOnlyList<string>> LinesAsync(SecureBaseDb db, PupilId pupilId, CancellationToken ct = default) =>
        (await db.Episodes.AsNoTracking()
            .Where(e => e.PupilId == pupilId && e.Status == EpisodeStatus.Closed && e.DischargeReason == DischargeReason.Disengagement)
            .Select(e => new { e.Discipline, e.EndDate })
            .ToListAsync(ct))
        .OrderBy(e => e.EndDate)
        .Select(e => $"Disengaged from {Disciplines.InSentence(e.Discipline)} on {e.EndDate:d MMMM yyyy}; the local authority should be aware.")
        .ToList();
}
