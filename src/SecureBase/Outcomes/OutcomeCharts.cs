using System.Globalization;

namespace SecureBase.Outcomes;

/// <summary>A chart and the words that go with it: its id, heading and SVG.</summary>
internal sealed record ChartFigure(string Id, string Heading, string Svg);

/// <summary>One cycle's change from baseline to final in one domain.</summary>
internal sealed record CycleChange(int Cycle, string Domain, decimal Baseline, decimal Final, decimal Change, bool Meaningful, string Words);

/// <summary>The outcomes page's charts, built from the records: TOM per domain, goals per goal, SDQ total per informant.</summary>
internal static class OutcomeCharts
{
    public static IReadOnlyList<TomDomain> DomainsShown(IReadOnlyList<TomRating> ratings) =>
        Enum.GetValues<TomDomain>().Where(d => d != TomDomain.CarerWellBeing || ratings.Any(r => r.CarerWellBeing is not null)).ToList();

    public static string Label(TomRating r) => $"C{r.Cycle} {TomWords.Point(r.Point)}";

    public static IReadOnlyList<ChartFigure> Tom(IReadOnlyList<TomRating> ratings)
    {
        var figures = new List<ChartFigure>();
        foreach (var domain in DomainsShown(ratings))
        {
            var points = new List<ChartPoint>();
            decimal? previous = null;
            foreach (var r in ratings)
            {
                var v = r[domain];
                points.Add(new ChartPoint(Label(r), v, v is { } now && previous is { } before && MeaningfulChange.Is(now - before)));
                previous = v ?? previous;
            }

            var name = TomWords.Domain(domain);
            var id = "tom-" + domain.ToString().ToLowerInvariant();
            var values = string.Join(", ", ratings.Where(r => r[domain] is not null).Select(r => $"{Label(r)} {TomWords.Score(r[domain]!.Value)}"));
            figures.Add(new ChartFigure(id, name, OutcomeChart.Line(id, $"{name} over time (TOM, 0 to 5)",
                $"{name}: {values}. A starred, ringed point changed by 0.5 or more from the rating before.", points, TomRating.Max, 1m)));
        }

        return figures;
    }

    /// <summary>Each cycle's baseline to final change per domain, where both were rated.</summary>
    public static IReadOnlyList<CycleChange> BaselineToFinal(IReadOnlyList<TomRating> ratings)
    {
        var changes = new List<CycleChange>();
        foreach (var cycle in ratings.GroupBy(r => r.Cycle).OrderBy(g => g.Key))
        {
            if (cycle.FirstOrDefault(r => r.Point == TomPoint.Baseline) is not { } b || cycle.FirstOrDefault(r => r.Point == TomPoint.Final) is not { } f)
            {
                continue;
            }

            foreach (var d in DomainsShown(ratings))
            {
                if (b[d] is { } from && f[d] is { } to)
                {
                    changes.Add(new CycleChange(cycle.Key, TomWords.Domain(d), from, to, to - from, MeaningfulChange.Is(to - from), MeaningfulChange.Words(to - from)));
                }
            }
        }

        return changes;
    }

    public static IReadOnlyList<ChartFigure> Goals(IReadOnlyList<Caseload.GoalScore> scores)
    {
        var figures = new List<ChartFigure>();
        var n = 0;
        foreach (var thread in scores.GroupBy(s => s.Thread))
        {
            n++;
            var goal = thread.Last().Goal;
            var points = thread.Select(s => new ChartPoint($"C{s.Cycle} {s.RatedOn.ToString("d MMM", CultureInfo.GetCultureInfo("en-GB"))}", s.Score)).ToList();
            var id = $"goal-{n}";
            figures.Add(new ChartFigure(id, goal, OutcomeChart.Line(id, $"Goal {n} progress (0 to 10)",
                $"{goal}: " + string.Join(", ", thread.Select(s => $"{s.RatedOn:d MMM yyyy} {s.Score}")), points, 10m, 2m, "#00703c")));
        }

        return figures;
    }

    public static IReadOnlyList<ChartFigure> Sdq(IReadOnlyList<SdqScore> scores)
    {
        var figures = new List<ChartFigure>();
        foreach (var informant in scores.GroupBy(s => s.Informant).OrderBy(g => g.Key))
        {
            var who = SdqBands.Informant(informant.Key);
            var id = "sdq-" + informant.Key.ToString().ToLowerInvariant();
            var points = informant.Select(s => new ChartPoint(s.CompletedOn.ToString("d MMM yy", CultureInfo.GetCultureInfo("en-GB")), s.TotalDifficulties)).ToList();
            figures.Add(new ChartFigure(id, $"Total difficulties ({who})", OutcomeChart.Line(id, $"SDQ total difficulties, {who} (0 to 40)",
                string.Join(", ", informant.Select(s => $"{s.CompletedOn:d MMM yyyy} {s.TotalDifficulties} ({SdqBands.Words(s.Band)})")), points, 40m, 10m, "#912b88")));
        }

        return figures;
    }
}
