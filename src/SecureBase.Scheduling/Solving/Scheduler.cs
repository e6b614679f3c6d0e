using System.Diagnostics;
using SecureBase.Scheduling.Explaining;
using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Reading;
using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving.Exact;

namespace SecureBase.Scheduling.Solving;

/// <summary>
/// Places a week of therapy sessions (FORMAT.md): every session that can be placed is placed in one slot and one room
/// keeping the five rules, at the lowest cost the search finds, and every unplaced session is explained.
/// Repair is the same call: give each session its <c>previous</c> placement and the change, and the cost of moving
/// keeps everything that need not move where it was. The annealer (docs/adr/0010-scheduler-approach.md) gives a valid
/// timetable quickly; CP-SAT then improves it cluster of sites by cluster and proves the optimum or a lower bound
/// (docs/adr/0012-scheduler-cp-sat.md), reported in <see cref="ScheduleSolution.Proof"/>.
/// </summary>
public static class Scheduler
{
    /// <summary>Steps per session per worker; tuned against CBC's optima on the samples and generated schools (see the ADR).</summary>
    internal const long StepsPerSession = 40_000;

    /// <summary>
    /// The fewest steps a worker takes (for 20 sessions or more; 100,000 per session below that): small schools are
    /// cheap per step and gain most from a longer search.
    /// </summary>
    internal const long MinimumSteps = 2_000_000;

    /// <summary>Sessions up to this many get the full <see cref="StepsPerSession"/>.</summary>
    internal const int SchoolSize = SolveOptions.SchoolSize;

    /// <summary>
    /// Steps one worker takes per second on the reference machine (2 cores), used to keep the budget inside
    /// half the time limit there, so that the time cap (90% of the limit) is normally not what ends the search.
    /// </summary>
    internal const long ReferenceStepsPerSecond = 4_000_000;

    /// <summary>
    /// The share of the annealer's step budget used when CP-SAT follows: the annealer then only has to give CP-SAT a
    /// good valid timetable to start from (its hint), and the rest of the time goes to the exact search and its proof.
    /// </summary>
    internal static double WarmStartShare { get; set; } = 0.25;

    /// <summary>
    /// The share of the time left after the warm start given to CP-SAT as deterministic work (about a second of one
    /// quiet core per unit, though a slow LP makes it up to 1.4 s). 0.8 gives a school's week 1.44 units in 2 s, which the
    /// hardest generated week (the peripatetic one) needs with the default seed; 0.7 left it unproven (ADR 0012). An
    /// unproven week whose LP is slow can reach the clock first.
    /// </summary>
    internal static double ExactShare { get; set; } = 0.8;

    /// <summary>The wall-clock safety cap as a share of the time limit (0.9); raised only to measure deterministic work on a loaded machine.</summary>
    internal static double ClockCap { get; set; } = 0.9;

    /// <summary>Lets the idle core run the annealer when the companion run is switched off (measurement only).</summary>
    internal static bool SpareAnnealer { get; set; } = true;

    /// <exception cref="ArgumentException">The instance is not valid (see <see cref="InstanceValidator"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The time limit is zero or negative.</exception>
    public static SolveResult Solve(ScheduleInstance instance, SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SolveOptions();
        var limit = options.TimeLimitFor(instance.Sessions.Count);
        if (limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), limit, $"The time limit must be more than zero seconds; {limit.TotalSeconds} seconds was given.");
        }

        var errors = InstanceValidator.Validate(instance);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"The instance is not valid: {errors[0]}", nameof(instance));
        }

        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(limit.TotalSeconds * ClockCap * Stopwatch.Frequency);

        // The first use of OR-Tools in a process loads its native library (tenths of a second): it is done on the side,
        // while the problem is compiled and the warm start runs, rather than before them. Whether the library loads
        // decides only what happens after the warm start (the exact phase, or the annealer alone with its full budget),
        // so the result does not depend on how long the loading took.
        var native = options.Prove ? Task.Run(() => CpSat.Unavailable, CancellationToken.None) : Task.FromResult<string?>(null);
        var problem = new CompiledProblem(instance);
        Mark("compiled", started);
        var limited = options with { TimeLimit = limit };
        var budget = StepBudget(problem.SessionCount, limited, options.Prove ? WarmStartShare : 1.0);
        var workers = Math.Max(1, options.Workers);
        var (start, end) = Temperatures(instance.Weights);
        var clusters = options.Prove ? SiteClusters.Of(problem) : [];

        // A school is one cluster (or two): one CP-SAT run leaves a core idle. The exact phase gives it a companion run
        // with other search parameters (ExactPhase.WithCompanion), so the warm start uses every worker. Only when the
        // companion is switched off (to measure) do the idle workers run the annealer with its full budget instead, beside
        // the warm start and CP-SAT, stopped once CP-SAT has proven the optimum.
        var spares = options.Prove && SpareAnnealer && CpSat.CompanionParameters is null ? Math.Max(0, workers - Math.Max(1, clusters.Count)) : 0;
        var warm = new Annealer[workers - spares];
        var spare = new Annealer[spares];
        using var proven = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int[] assignment = [];
        long cost = 0;
        var firstValid = TimeSpan.Zero;
        string? unavailable = null;
        ExactResult? proof = null;
        Parallel.Invoke(
            new ParallelOptions { MaxDegreeOfParallelism = workers },
            () =>
            {
                Anneal(warm, 0, budget, cancellationToken);
                var winner = warm.Aggregate((best, a) => a.BestCost < best.BestCost ? a : best);
                firstValid = Stopwatch.GetElapsedTime(started);
                Mark("warm start", started);
                assignment = (int[])winner.Best.Clone();
                cost = winner.BestCost;
                unavailable = native.Result;
                if (options.Prove && unavailable is null)
                {
                    // Deterministic work for CP-SAT: what is left of the limit after the warm start's nominal time, per lane.
                    var warmStartSeconds = (double)budget / ReferenceStepsPerSecond;
                    var perLane = ExactShare * Math.Max(0.05 * limit.TotalSeconds, limit.TotalSeconds - warmStartSeconds);
                    proof = ExactPhase.Improve(problem, clusters, assignment, perLane, deadline, options.Seed, warm.Length, cancellationToken);
                    cost = proof.Cost;
                    if (proof.Optimal)
                    {
                        proven.Cancel();
                    }
                }
                else
                {
                    proven.Cancel();
                }
            },
            () => Anneal(spare, warm.Length, StepBudget(problem.SessionCount, limited), proven.Token));

        if (unavailable is not null)
        {
            // No exact solver here: the annealer alone, with its full budget, exactly as when it is asked for alone.
            budget = StepBudget(problem.SessionCount, limited);
            warm = new Annealer[workers];
            spare = [];
            Anneal(warm, 0, budget, cancellationToken);
            var winner = warm.Aggregate((best, a) => a.BestCost < best.BestCost ? a : best);
            assignment = (int[])winner.Best.Clone();
            cost = winner.BestCost;
        }

        var stoppedEarly = warm.Any(a => a.StoppedEarly) || proof?.StoppedByClock == true;
        if (proof is { Optimal: false })
        {
            stoppedEarly |= spare.Any(a => a.StoppedEarly);
            foreach (var annealer in spare.Where(a => a.BestCost < cost))
            {
                Array.Copy(annealer.Best, assignment, assignment.Length);
                cost = annealer.BestCost;
            }
        }

        void Anneal(Annealer[] annealers, int firstWorker, long steps, CancellationToken token) =>
            Parallel.For(
                0,
                annealers.Length,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Min(workers, Environment.ProcessorCount) },
                w =>
                {
                    var annealer = new Annealer(problem, WorkerSeed(options.Seed, firstWorker + w), deadline, token);
                    annealer.Run(steps, start, end);
                    annealers[w] = annealer;
                });

        var placements = new List<Placement>();
        for (var s = 0; s < problem.SessionCount; s++)
        {
            var c = assignment[s];
            if (c >= 0)
            {
                placements.Add(new Placement(
                    instance.Sessions[s].Id,
                    instance.Slots[problem.CandidateSlot[c]].Id,
                    instance.Rooms[problem.CandidateRoom[c]].Id));
            }
        }

        var breakdown = CostCalculator.Compute(instance, placements);
        if (breakdown.Total != cost)
        {
            throw new InvalidOperationException(
                $"The search's running cost {cost} differs from the recomputed cost {breakdown.Total}: a bug in the search.");
        }

        var bound = proof?.Bound ?? Math.Min(cost, ExactPhase.TrivialBound(problem, Enumerable.Range(0, problem.SessionCount)));
        var unplaced = UnplacedExplainer.ExplainAll(instance, placements);
        var solution = new ScheduleSolution(instance.Name, placements, unplaced, breakdown.Total, new SolutionProof(bound, bound == cost));
        var statistics = new SolveStatistics(
            Stopwatch.GetElapsedTime(started),
            warm.Concat(spare).Sum(a => a.Steps),
            budget,
            workers,
            stoppedEarly,
            firstValid,
            proof?.Clusters ?? 0,
            proof?.ProvenClusters ?? 0,
            unavailable,
            Repair(problem, assignment, instance))
        {
            ExactWork = proof?.DeterministicSeconds ?? 0,
        };
        return new SolveResult(solution, breakdown, statistics);
    }

    /// <summary>A timing line for measurement (<see cref="ExactPhase.Trace"/>); nothing when no one listens.</summary>
    internal static void Mark(string what, long since) =>
        ExactPhase.Trace?.Invoke(FormattableString.Invariant($"T {what} at {Stopwatch.GetElapsedTime(since).TotalMilliseconds:0} ms"));

    private static ulong WorkerSeed(int seed, int worker) => ((ulong)(uint)seed << 32) ^ (0x9E3779B97F4A7C15UL * (ulong)(worker + 1));

    /// <summary>Counts the sessions whose last week's place is still allowed, and of those the ones placed there again.</summary>
    private static RepairSummary Repair(CompiledProblem problem, int[] assignment, ScheduleInstance instance)
    {
        int withPrevious = 0, stillOpen = 0, kept = 0;
        for (var s = 0; s < problem.SessionCount; s++)
        {
            if (instance.Sessions[s].Previous is not { Slot: not null, Room: not null })
            {
                continue;
            }

            withPrevious++;
            if (problem.PreviousCandidate[s] >= 0)
            {
                stillOpen++;
                kept += assignment[s] == problem.PreviousCandidate[s] ? 1 : 0;
            }
        }

        return new RepairSummary(withPrevious, stillOpen, kept);
    }

    /// <summary>
    /// The steps each worker takes: proportional to the number of sessions (with a floor), and capped so that on the
    /// reference machine the search ends in well under the time limit. Both depend only on the instance and the options.
    /// </summary>
    internal static long StepBudget(int sessions, SolveOptions options, double share = 1.0)
    {
        var floor = Math.Min(MinimumSteps, 100_000L * sessions);
        var bySize = (long)(Math.Max(floor, StepsForSize(sessions)) * Math.Max(0, options.Effort) * share);
        var byTime = (long)(options.TimeLimitFor(sessions).TotalSeconds * 0.5 * share * ReferenceStepsPerSecond);
        return Math.Max(0, Math.Min(bySize, byTime));
    }

    /// <summary>
    /// <see cref="StepsPerSession"/> for each of the first <see cref="SchoolSize"/> sessions, a fifth of that beyond:
    /// a local authority is many nearly independent schools, each settling in fewer steps than a lone school needs,
    /// and this keeps the 2,000-session sample well inside its 30 seconds on a busy machine.
    /// </summary>
    private static long StepsForSize(int sessions) =>
        (Math.Min(sessions, SchoolSize) * StepsPerSession) + (Math.Max(0, sessions - SchoolSize) * StepsPerSession / 5);

    /// <summary>
    /// Annealing starts warm enough to accept a slot change now and then, and ends cold enough to accept
    /// almost nothing worse than the smallest weight.
    /// </summary>
    private static (double Start, double End) Temperatures(CostWeights w)
    {
        int[] weights = [w.SlotChange, w.RoomChange, w.NonDedicatedRoom, w.AvoidedSlot, w.ExtraRoomPerDay];
        var largest = Math.Max(1, weights.Max());
        var smallest = Math.Max(1, weights.Where(x => x > 0).DefaultIfEmpty(1).Min());
        return (largest * 0.5, smallest * 0.1);
    }
}
