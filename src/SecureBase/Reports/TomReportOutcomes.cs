using SecureBase.Common;
using SecureBase.Outcomes;

namespace SecureBase.Reports;

/// <summary>
/// Outcome change from the Therapy Outcome Measures (the outcomes module's published summaries): each domain's
/// baseline and latest rating up to the end of the report's period, and whether the change is meaningful (0.5 or more).
/// </summary>
internal sealed class TomReportOutcomes(IOutcomeSummaries summaries) : IReportOutcomes
{
    public async Task<IReadOnlyList<string>> ChangeAsync(EpisodeId episode, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await summaries.ForEpisodeAsync(episode, ct))
            .Where(c => c.LatestOn <= to && c.LatestOn >= from)
            .Select(c => c.LatestOn == c.BaselineOn
                ? $"Therapy Outcome Measure, {c.Domain}: {c.Latest:0.0} of 5 at baseline ({ReportDates.Short(c.BaselineOn)})."
                : $"Therapy Outcome Measure, {c.Domain}: from {c.Baseline:0.0} ({ReportDates.Short(c.BaselineOn)}) to {c.Latest:0.0} of 5 ({ReportDates.Short(c.LatestOn)}): {c.Words}.")
            .ToList();
}
