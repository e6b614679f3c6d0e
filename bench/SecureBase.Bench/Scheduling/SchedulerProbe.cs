using System.Globalization;
using SecureBase.Scheduling.Reading;
using SecureBase.Scheduling.Solving;
using SecureBase.Scheduling.Solving.Exact;

namespace SecureBase.Bench.Scheduling;

/// <summary>
/// A measurement aid for tuning the exact phase, not part of the suite: <c>scheduler-probe [INSTANCE.json ...]</c> runs
/// the production scheduler on the three samples and eight generated school weeks (or the files given, or generated weeks
/// by name, e.g. <c>gen-tight-practitioners</c>) in this process
/// and prints cost, bound, proof, CP-SAT's deterministic work and seconds per instance. Variants come from environment
/// variables: PROBE_PARAMS (CP-SAT's search parameters for clusters that share the machine), PROBE_SCHOOL (the main run's for a
/// cluster alone), PROBE_COMPANION (the companion run's, "none" for none),
/// PROBE_EXACT (the exact share), PROBE_WARM (the warm start's share), PROBE_CLOCK (the clock cap as a share of the
/// limit: raise it on a loaded machine so that only the deterministic budgets end the runs), PROBE_LIMIT (seconds, 2)
/// PROBE_SEED (1), PROBE_ORDER=largest (largest clusters first, the sixth pass's alternative), PROBE_POWER (the size power of a cluster's
/// share), PROBE_RESERVE (the wall-clock share left to later clusters), PROBE_FLOOR (the work each cluster is sure of), PROBE_MATCHING=0 (no matching bound), PROBE_ONLY=K:UNITS (only cluster K, with that much deterministic work; add log_search_progress:true
/// to PROBE_PARAMS to see its cost and bound over time), PROBE_SPARE=0 (no spare annealer when the companion is off), PROBE_POLISH (the
/// polish's work in all, 0 for none; ADR 0012, eighth pass), PROBE_POLISH_STEP (its work per neighbourhood) and PROBE_TRACE=1 (a line per run, with
/// its clock and CPU time).
/// </summary>
internal static class SchedulerProbe
{
    public const string Command = "scheduler-probe";

    public static async Task<int> MainAsync(string[] args)
    {
        if (Environment.GetEnvironmentVariable("PROBE_PARAMS") is { } search)
        {
            CpSat.SearchParameters = search;
        }

        if (Environment.GetEnvironmentVariable("PROBE_SCHOOL") is { } school)
        {
            CpSat.SchoolParameters = school;
        }

        if (Environment.GetEnvironmentVariable("PROBE_COMPANION") is { } companion)
        {
            CpSat.CompanionParameters = companion == "none" ? null : companion;
        }

        if (Environment.GetEnvironmentVariable("PROBE_ONLY") is { } only)
        {
            var parts = only.Split(':');
            ExactPhase.MeasureOne = (int.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        if (Environment.GetEnvironmentVariable("PROBE_ORDER") == "largest")
        {
            // The sixth pass's alternative (ADR 0012): largest first, shares by size cubed above a floor of a quarter of
            // each cluster's share by size, half of the later clusters' time kept for them.
            ExactPhase.LargestFirst = true;
            ExactPhase.SizePower = 3;
            ExactPhase.ShareFloor = 0.25;
            ExactPhase.WallReserve = 0.5;
        }

        ExactPhase.SizePower = Number("PROBE_POWER", ExactPhase.SizePower);
        ExactPhase.WallReserve = Number("PROBE_RESERVE", ExactPhase.WallReserve);
        ExactPhase.ShareFloor = Number("PROBE_FLOOR", ExactPhase.ShareFloor);
        ExactPhase.UseMatchingBound = Number("PROBE_MATCHING", 1) > 0;
        Scheduler.SpareAnnealer = Number("PROBE_SPARE", 1) > 0;
        Scheduler.ExactShare = Number("PROBE_EXACT", Scheduler.ExactShare);
        Scheduler.WarmStartShare = Number("PROBE_WARM", Scheduler.WarmStartShare);
        Scheduler.ClockCap = Number("PROBE_CLOCK", Scheduler.ClockCap);
        ExactPhase.PolishUnits = Number("PROBE_POLISH", ExactPhase.PolishUnits);
        ExactPhase.PolishStep = Number("PROBE_POLISH_STEP", ExactPhase.PolishStep);
        if (Environment.GetEnvironmentVariable("PROBE_TRACE") is not null)
        {
            ExactPhase.Trace = line => Console.WriteLine("    " + line);
        }

        var limit = TimeSpan.FromSeconds(Number("PROBE_LIMIT", 2));
        var seed = (int)Number("PROBE_SEED", 1);
        var files = new List<(string Name, string Json)>();
        if (args.Length > 0)
        {
            foreach (var a in args)
            {
                var shape = SchedulerSuite.Shapes.FirstOrDefault(shape => shape.Name == a);
                files.Add(a == "authority"
                    ? (SchedulerSuite.Authority.Name, InstanceGenerator.Generate(SchedulerSuite.Authority))
                    : shape is not null
                        ? (shape.Name, InstanceGenerator.Generate(shape))
                        : (Path.GetFileNameWithoutExtension(a), await File.ReadAllTextAsync(a)));
            }
        }
        else
        {
            var samples = Path.Combine(Directory.GetCurrentDirectory(), "samples", "scheduling");
            foreach (var sample in new[] { "small", "school", "two-sites" })
            {
                files.Add(($"sample {sample}", await File.ReadAllTextAsync(Path.Combine(samples, $"{sample}.json"))));
            }

            files.AddRange(SchedulerSuite.Shapes.Select(shape => (shape.Name, InstanceGenerator.Generate(shape))));
        }

        Console.WriteLine($"params={CpSat.SearchParameters}; only={ExactPhase.MeasureOne}; largest-first={ExactPhase.LargestFirst}; power={ExactPhase.SizePower}; reserve={ExactPhase.WallReserve}; floor={ExactPhase.ShareFloor}; matching={ExactPhase.UseMatchingBound}; school={CpSat.SchoolParameters}; companion={CpSat.CompanionParameters ?? "none"}; exact={Scheduler.ExactShare}; warm={Scheduler.WarmStartShare}; clock={Scheduler.ClockCap}; limit={limit.TotalSeconds}; seed={seed}; load {File.ReadAllText("/proc/loadavg").Trim()}");
        double totalWork = 0;
        var provenCount = 0;
        foreach (var (name, json) in files)
        {
            var instance = InstanceReader.Parse(json).Instance!;
            var result = Scheduler.Solve(instance, new SolveOptions { TimeLimit = limit, Seed = seed });
            var s = result.Statistics;
            var proof = result.Solution.Proof!;
            totalWork += s.ExactWork;
            provenCount += proof.Optimal ? 1 : 0;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-28} {instance.Sessions.Count,5} cost {result.Solution.Cost,6} bound {proof.Bound,6} {(proof.Optimal ? "PROVEN" : "open  ")} work {s.ExactWork,6:0.00} first {s.FirstValid.TotalSeconds,5:0.00} s {s.Elapsed.TotalSeconds,6:0.00} s clusters {s.ProvenClusters}/{s.Clusters}{(s.StoppedByTimeLimit ? " (clock)" : "")}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"proven {provenCount}/{files.Count}, total work {totalWork:0.00}; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        return 0;
    }

    private static double Number(string name, double fallback) =>
        Environment.GetEnvironmentVariable(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
