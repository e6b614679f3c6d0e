using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Outcomes;

/// <summary>
/// One TOM domain's change over an episode: its first rating (the baseline), its latest, the change
/// and whether it is meaningful (0.5 or more either way). Higher is better in every TOM domain.
/// </summary>
public sealed record OutcomeChange(string Domain, DateOnly BaselineOn, decimal Baseline, DateOnly LatestOn, decimal Latest, decimal Change, bool Meaningful, string Words);

/// <summary>
/// The outcomes module's surface for other modules (the episode page, reports): each TOM domain's
/// baseline, latest, change and whether the change is meaningful. It does no policy check: the caller
/// has already reached the episode under its own action (and decides who its output is shared with).
/// </summary>
public interface IOutcomeSummaries
{
    Task<IReadOnlyList<OutcomeChange>> ForEpisodeAsync(EpisodeId id, CancellationToken ct);
}

/// <summary>The rule of a meaningful change: 0.5 or more between two ratings of a TOM domain.</summary>
internal static class MeaningfulChange
{
    public const decimal Threshold = 0.5m;

    public static bool Is(decimal change) => Math.Abs(change) >= Threshold;

    /// <summary>"up 1.0: a meaningful improvement", "down 0.5: a meaningful decline", "no meaningful change (up 0.0)".</summary>
    public static string Words(decimal change)
    {
        var size = Math.Abs(change).ToString("0.0", CultureInfo.InvariantCulture);
        if (!Is(change))
        {
            return change == 0 ? "no change" : $"no meaningful change ({(change > 0 ? "up" : "down")} {size})";
        }

        return change > 0 ? $"up {size}: a meaningful improvement" : $"down {size}: a meaningful decline";
    }

    /// <summary>Each domain's change from its first rating to its latest, in domain order; domains never rated are left out.</summary>
    public static IReadOnlyList<OutcomeChange> Summarise(IReadOnlyList<TomRating> ratings)
    {
        var ordered = ratings.OrderBy(r => r.Cycle).ThenBy(r => r.Point).ThenBy(r => r.RatedOn).ToList();
        var changes = new List<OutcomeChange>();
        foreach (var domain in Enum.GetValues<TomDomain>())
        {
            var rated = ordered.Where(r => r[domain] is not null).ToList();
            if (rated.Count == 0)
            {
                continue;
            }

            var (first, last) = (rated[0], rated[^1]);
            var change = last[domain]!.Value - first[domain]!.Value;
            changes.Add(new OutcomeChange(TomWords.Domain(domain), first.RatedOn, first[domain]!.Value, last.RatedOn, last[domain]!.Value, change, Is(change),
                rated.Count == 1 ? "only the baseline so far" : Words(change)));
        }

        return changes;
    }
}

public sealed class OutcomeSummaries(SecureBaseDb db) : IOutcomeSummaries
{
    public async Task<IReadOnlyList<OutcomeChange>> ForEpisodeAsync(EpisodeId id, CancellationToken ct) =>
        MeaningfulChange.Summarise(await db.TomRatings.AsNoTracking().Where(t => t.EpisodeId == id).ToListAsync(ct));
}
