using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Outcomes;

/// <summary>
/// One episode's TOM change for the dashboards: the mean change of the four core domains from their first rating to
/// their latest, whether any domain improved meaningfully (0.5 or more) and whether any declined meaningfully.
/// </summary>
public sealed record EpisodeTomChange(EpisodeId EpisodeId, PupilId PupilId, Discipline Discipline, decimal MeanChange, bool ImprovedMeaningfully, bool DeclinedMeaningfully);

/// <summary>
/// The outcomes module's published read of TOM change (issue 12's dashboards): every episode rated at least twice
/// with its latest rating on or after a day. Numbers only. No policy check: the caller's.
/// </summary>
public interface ITomChanges
{
    Task<IReadOnlyList<EpisodeTomChange>> LatestSinceAsync(DateOnly from, CancellationToken ct);
}

internal sealed class TomChanges(SecureBaseDb db) : ITomChanges
{
    private static readonly TomDomain[] Core = [TomDomain.Impairment, TomDomain.Activity, TomDomain.Participation, TomDomain.WellBeing];

    public async Task<IReadOnlyList<EpisodeTomChange>> LatestSinceAsync(DateOnly from, CancellationToken ct)
    {
        var episodes = db.TomRatings.Where(t => t.RatedOn >= from).Select(t => t.EpisodeId);
        var ratings = await db.TomRatings.AsNoTracking().Where(t => episodes.Contains(t.EpisodeId)).ToListAsync(ct);
        var result = new List<EpisodeTomChange>();
        foreach (var episode in ratings.GroupBy(r => r.EpisodeId).Where(g => g.Count() > 1))
        {
            var ordered = episode.OrderBy(r => r.Cycle).ThenBy(r => r.Point).ThenBy(r => r.RatedOn).ToList();
            var changes = Core.Select(d => ordered[^1][d]!.Value - ordered[0][d]!.Value).ToList();
            result.Add(new EpisodeTomChange(episode.Key, ordered[0].PupilId, ordered[0].Discipline, Math.Round(changes.Average(), 2),
                changes.Any(c => c >= MeaningfulChange.Threshold), changes.Any(c => c <= -MeaningfulChange.Threshold)));
        }

        return result;
    }
}
