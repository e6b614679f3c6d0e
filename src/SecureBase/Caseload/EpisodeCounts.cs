using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Caseload;

/// <summary>An episode of therapy as the dashboards count it: whose, which discipline, open or ended, and its refusals.</summary>
public sealed record EpisodeCount(EpisodeId Id, PupilId PupilId, StaffId StaffId, Discipline Discipline, DateOnly StartDate, DateOnly? EndDate,
    bool Open, bool EndedForDisengagement, int RefusedWeeks);

/// <summary>
/// The caseload module's published read for the dashboards (issue 12): the episodes open at some point from a day
/// on (open now, or ended on or after it). No notes, no goals. No policy check: the caller's.
/// </summary>
public interface IEpisodeCounts
{
    Task<IReadOnlyList<EpisodeCount>> ActiveSinceAsync(DateOnly from, CancellationToken ct);
}

internal sealed class EpisodeCounts(SecureBaseDb db) : IEpisodeCounts
{
    public async Task<IReadOnlyList<EpisodeCount>> ActiveSinceAsync(DateOnly from, CancellationToken ct) =>
        await db.Episodes.AsNoTracking()
            .Where(e => e.Status == EpisodeStatus.Open || (e.EndDate != null && e.EndDate >= from))
            .Select(e => new EpisodeCount(e.Id, e.PupilId, e.StaffId, e.Discipline, e.StartDate, e.EndDate, e.Status == EpisodeStatus.Open,
                e.DischargeReason == DischargeReason.Disengagement, e.RefusedWeeks))
            .ToListAsync(ct);
}
