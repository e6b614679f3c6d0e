using System.Diagnostics;

namespace SecureBase.Scheduling.Solving.Exact;

/// <summary>What the exact phase proved about the whole week.</summary>
/// <param name="Cost">The week's cost after the phase (never above the warm start's).</param>
/// <param name="Bound">A lower bound on every timetable's cost: the sum of the clusters' bounds.</param>
/// <param name="Optimal">Every cluster was proven optimal, so the week is.</param>
/// <param name="StoppedByClock">A run was ended by the wall clock rather than its deterministic limit or a proof.</param>
/// <param name="Clusters">Independent clusters of sites solved.</param>
/// <param name="ProvenClusters">Clusters whose optimum was proven.</param>
/// <param name="DeterministicSeconds">CP-SAT's own measure of the work done, summed over its runs.</param>
internal sealed record ExactResult(
    long Cost, long Bound, bool Optimal, bool StoppedByClock, int Clusters, int ProvenClusters, double DeterministicSeconds);

/// <summary>
/// Improves a valid timetable with CP-SAT and proves a lower bound: the week is split into <see cref="SiteClusters"/>,
/// each solved exactly from the warm start, on <c>lanes</c> threads. Clusters are dealt to the lanes by size, largest
/// first; each lane then solves its own smallest first, each cluster with its share, by size, of the deterministic work
/// the lane has left (so what the quick proofs leave goes to all the larger clusters after them, not just the next), so
/// the whole phase depends only on the instance and the options (unless the wall clock ends a run first).
/// </summary>
internal static class ExactPhase
{
    /// <summary>Receives a line per cluster solved with a companion run (measurement only).</summary>
    internal static Action<string>? Trace { get; set; }

    /// <summary>
    /// Measurement only: solve just this cluster (by index), with this deterministic work, the others keeping the warm
    /// start and their trivial bound (docs/scheduling.md, "Measuring the exact phase": PROBE_ONLY).
    /// </summary>
    internal static (int Cluster, double Units)? MeasureOne { get; set; }

    /// <summary>
    /// Measurement only (ADR 0012, sixth pass; PROBE_ORDER=largest): each lane solves its largest clusters first, so that
    /// a wall clock that falls short of the work budgets cuts the small clusters at the end, which prove in a fraction of
    /// their share, rather than the large ones. Production keeps smallest first, where what the quick proofs leave goes
    /// to the large clusters after them: on the work budgets alone that is better at 60 s (0.43% against 0.63%), worse at
    /// 30 s (7.9% against 1.7%); the quiet machine's clock decides which is better there.
    /// </summary>
    internal static bool LargestFirst { get; set; }

    /// <summary>A cluster's weight in its lane's work is its size to this power (1: by size, as in production).</summary>
    internal static double SizePower { get; set; } = 1;

    /// <summary>The share of its lane's work each cluster is sure of, by size, before the rest is shared by weight (0 in production).</summary>
    internal static double ShareFloor { get; set; }

    /// <summary>
    /// The share of their wall-clock time (their work's share of what is left) a cluster leaves to the clusters after it
    /// in its lane; 1 (production) gives each cluster exactly its work's share of the time left.
    /// </summary>
    internal static double WallReserve { get; set; } = 1;

    /// <summary>Uses <see cref="MatchingBound"/> where it beats CP-SAT's bound (false: the trivial bound, measurement only).</summary>
    internal static bool UseMatchingBound { get; set; } = true;

    private static double Weight(int sessions) => Math.Pow(sessions, SizePower);

    public static ExactResult Improve(
        CompiledProblem problem, List<int[]> clusters, int[] assignment, double deterministicBudget, long deadline, int seed, int lanes,
        CancellationToken cancellationToken)
    {
        var laneCount = Math.Max(1, Math.Min(lanes, clusters.Count));
        var laneClusters = Enumerable.Range(0, laneCount).Select(_ => new List<int>()).ToArray();
        var laneSessions = new long[laneCount];
        foreach (var k in Enumerable.Range(0, clusters.Count).OrderByDescending(k => clusters[k].Length).ThenBy(k => k))
        {
            var lane = Array.IndexOf(laneSessions, laneSessions.Min());
            laneClusters[lane].Add(k);
            laneSessions[lane] += clusters[k].Length;
        }

        var outcomes = new ExactOutcome[clusters.Count];
        var total = Math.Max(1, problem.SessionCount);
        Parallel.For(0, laneCount, new ParallelOptions { MaxDegreeOfParallelism = laneCount }, lane =>
        {
            var work = deterministicBudget * laneCount * laneSessions[lane] / total;
            // Smallest first (production): what the quick proofs leave over goes to the large clusters at the end.
            var order = LargestFirst
                ? laneClusters[lane].OrderByDescending(k => clusters[k].Length).ThenBy(k => k).ToList()
                : laneClusters[lane].OrderBy(k => clusters[k].Length).ThenBy(k => k).ToList();
            var weightLeft = order.Sum(k => Weight(clusters[k].Length));

            // Each cluster is sure of a floor, its size's share of ShareFloor of the lane's work; the rest is shared by weight.
            var floorOf = work * ShareFloor / laneSessions[lane];
            var floorLeft = floorOf * laneSessions[lane];
            foreach (var k in order)
            {
                var cluster = clusters[k];
                var weight = Weight(cluster.Length);
                var floor = floorOf * cluster.Length;
                var share = Math.Min(Math.Max(0, work), floor + (Math.Max(0, work - floorLeft) * weight / weightLeft));
                var wallLeft = Math.Max(0, (double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);

                // The clock is a safety cap: a cluster may run into the time of those after it, but leaves them
                // WallReserve of their share of it (the small ones at the end prove in a fraction of their share).
                var wall = TimeSpan.FromSeconds(work <= 0 ? wallLeft : wallLeft * (1 - (WallReserve * (work - share) / work)));
                weightLeft -= weight;
                floorLeft -= floor;
                var hint = ClusterCost(problem, assignment, cluster);
                if (MeasureOne is { } only)
                {
                    if (only.Cluster != k)
                    {
                        outcomes[k] = new ExactOutcome(hint, long.MinValue, false, false, 0);
                        continue;
                    }

                    (share, wall) = (only.Units, TimeSpan.FromHours(1));
                }

                if (wall <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
                {
                    outcomes[k] = new ExactOutcome(hint, long.MinValue, false, true, 0);
                    continue;
                }

                outcomes[k] = laneCount < lanes
                    ? CpSat.CompanionParameters is { } companion
                        ? WithCompanion(problem, cluster, assignment, hint, wall, share, seed, companion, cancellationToken)
                        : MainRun(problem, cluster, assignment, hint, wall, share, seed, parameters: null, race: null, cancellationToken)
                    : CpSat.Solve(new ClusterModel(problem, cluster), assignment, hint, wall, share, seed, cancellationToken);
                work -= Math.Min(share, outcomes[k].DeterministicSeconds);
                Trace?.Invoke($"lane {lane} cluster {k}: {cluster.Length} sessions, budget {share:0.00}, wall {wall.TotalSeconds:0.0} s, {outcomes[k]}");
            }
        });

        Verify(problem, assignment);
        long cost = 0, bound = 0;
        for (var k = 0; k < clusters.Count; k++)
        {
            var outcome = outcomes[k];
            if (!outcome.Optimal)
            {
                // CP-SAT's bound is weakest where its run was shortest (a large cluster before its first LP): two
                // assignments of the sessions to rooms' and practitioners' slots may count more sessions that cannot be placed.
                var matching = UseMatchingBound ? MatchingBound.Of(problem, clusters[k]) : TrivialBound(problem, clusters[k]);
                if (matching > outcome.Bound)
                {
                    outcomes[k] = outcome = outcome with { Bound = Math.Min(matching, outcome.Cost), Optimal = matching >= outcome.Cost };
                }
            }

            cost += outcome.Cost;
            bound += outcome.Bound;
        }

        var proven = outcomes.Count(o => o.Optimal);
        return new ExactResult(
            cost, Math.Min(bound, cost), proven == clusters.Count, outcomes.Any(o => o.StoppedByClock), clusters.Count, proven,
            outcomes.Where(o => o is not null).Sum(o => o.DeterministicSeconds));
    }

    /// <summary>
    /// A cluster alone on the machine (a school): the main run and a companion with other search parameters, each on
    /// its own core with the same deterministic limit, the companion from the warm start, the main run from the warm start
    /// polished (<see cref="MainRun"/>; the polish's work comes out of the main run's limit). The main run's proof wins and stops the
    /// companion. A companion's proof stops the main run as soon as the main run holds a timetable of that cost, which is
    /// the one its own proof would have kept (<see cref="ProvenElsewhere"/>), so whichever run proves first ends the
    /// call and the answer is the same. If the main run never reaches the optimum within its limit, the companion's
    /// proven timetable; otherwise the cheaper timetable (ties to the main run) with the higher of the two bounds. Each
    /// run depends only on its input, and which one is used depends only on their results, never on which finished
    /// first, so the output stays deterministic (the work reported, not the timetable, depends on the timing).
    /// </summary>
    private static ExactOutcome WithCompanion(
        CompiledProblem problem, int[] cluster, int[] assignment, long hint, TimeSpan wall, double share, int seed, string companion,
        CancellationToken cancellationToken)
    {
        var second = (int[])assignment.Clone();
        using var mainProved = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var race = new ProvenElsewhere();
        ExactOutcome main = null!, other = null!;
        Parallel.Invoke(
            new ParallelOptions { MaxDegreeOfParallelism = 2 },
            () =>
            {
                main = MainRun(problem, cluster, assignment, hint, wall, share, seed, CpSat.SchoolParameters, race, cancellationToken);
                if (main.Optimal)
                {
                    mainProved.Cancel();
                }
            },
            () =>
            {
                other = CpSat.Solve(new ClusterModel(problem, cluster), second, hint, wall, share, seed, mainProved.Token, parameters: companion);
                if (other.Optimal)
                {
                    race.Proven(other.Cost);
                }
            });

        var work = main.DeterministicSeconds + other.DeterministicSeconds;
        Trace?.Invoke($"main {main}; companion {other}");
        if (main.Optimal)
        {
            return main with { DeterministicSeconds = work };
        }

        var bound = Math.Max(main.Bound, other.Bound);
        if (other.Optimal || other.Cost < main.Cost)
        {
            foreach (var s in cluster)
            {
                assignment[s] = second[s];
            }

            return other with { Bound = bound, StoppedByClock = main.StoppedByClock || other.StoppedByClock, DeterministicSeconds = work };
        }

        return main with { Bound = bound, Optimal = main.Cost == bound, StoppedByClock = main.StoppedByClock || other.StoppedByClock, DeterministicSeconds = work };
    }

    /// <summary>
    /// The run on a cluster alone on the machine (a school's week): the warm start polished if it leaves sessions
    /// unplaced (<see cref="Polish"/>), then CP-SAT from it with what is left of <paramref name="share"/>. The work
    /// reported includes the polish.
    /// </summary>
    private static ExactOutcome MainRun(
        CompiledProblem problem, int[] cluster, int[] assignment, long hint, TimeSpan wall, double share, int seed,
        string? parameters, ProvenElsewhere? race, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var model = new ClusterModel(problem, cluster);
        Scheduler.Mark("model built in", started);
        var polish = 0.0;
        if (PolishUnits > 0 && cluster.Any(s => assignment[s] < 0))
        {
            (hint, polish) = Polish(problem, model, cluster, assignment, hint, Math.Min(PolishUnits, share / 4), seed, wall, started, cancellationToken);
            Scheduler.Mark(FormattableString.Invariant($"polished to {hint} with {polish:0.00} units"), started);
        }

        var outcome = CpSat.Solve(
            model, assignment, hint, wall - Stopwatch.GetElapsedTime(started), share - polish, seed, cancellationToken, parameters: parameters, race: race);
        return outcome with { DeterministicSeconds = outcome.DeterministicSeconds + polish };
    }

    /// <summary>
    /// The most deterministic work the polish (<see cref="Polish"/>) may use, taken from the main run's share (and never
    /// more than a quarter of it); 0 turns the polish off (measurement only).
    /// </summary>
    internal static double PolishUnits { get; set; } = 0.4;

    /// <summary>The deterministic work the polish gives each neighbourhood.</summary>
    internal static double PolishStep { get; set; } = 0.15;

    /// <summary>
    /// A short exact improvement of the warm start before the main run starts from it: for each pair of the cluster's
    /// practitioners in turn, CP-SAT re-decides their sessions and every unplaced one, everything else held where it is
    /// (<see cref="ClusterModel.Restrict"/>), each pair with at most <see cref="PolishStep"/> of deterministic work.
    /// It is for a week whose warm start leaves sessions out, where a practitioner's every slot is taken: on
    /// gen-tight-practitioners the annealer ends at 3208 with every seed and length, because the optimum (3206) needs
    /// two practitioners' weeks re-arranged together, which no chain of single moves reaches without a worse timetable
    /// between; one pair's neighbourhood reaches it in 0.1 units. A main run hinted at the optimum stops as soon as
    /// either run proves it, rather than searching for it after the companion's proof (ADR 0012, eighth pass). On weeks
    /// whose warm start places everything it only delayed the main run's proof, so it is not run there.
    /// </summary>
    /// <returns>The timetable's cost after the polish (written into <paramref name="assignment"/>) and the work used.</returns>
    private static (long Cost, double Work) Polish(
        CompiledProblem problem, ClusterModel model, int[] cluster, int[] assignment, long cost, double units, int seed, TimeSpan wall,
        long started, CancellationToken cancellationToken)
    {
        var work = 0.0;
        var practitioners = cluster.Select(s => problem.SessionPractitioner[s]).Distinct().Order().ToArray();
        var pairs = practitioners.Length == 1
            ? [(practitioners[0], practitioners[0])]
            : practitioners.SelectMany((a, i) => practitioners.Skip(i + 1).Select(b => (a, b))).ToList();
        var free = new bool[problem.SessionCount];
        foreach (var (a, b) in pairs)
        {
            if (work >= units * 0.999)
            {
                break;
            }

            foreach (var s in cluster)
            {
                var practitioner = problem.SessionPractitioner[s];
                free[s] = assignment[s] < 0 || practitioner == a || practitioner == b;
            }

            model.Restrict(assignment, free);
            var outcome = CpSat.Solve(
                model, assignment, cost, wall - Stopwatch.GetElapsedTime(started), Math.Min(PolishStep, units - work), seed, cancellationToken,
                parameters: CpSat.SchoolParameters);
            model.Release();
            work += outcome.DeterministicSeconds;
            cost = outcome.Cost;
        }

        return (cost, work);
    }

    /// <summary>
    /// Replays the timetable through the annealer's own bookkeeping, which shares nothing with the CP-SAT model: a
    /// placement that breaks rule 4 or 5 there is a bug in the model, reported rather than returned.
    /// </summary>
    private static void Verify(CompiledProblem problem, int[] assignment)
    {
        var state = new SearchState(problem);
        for (var s = 0; s < problem.SessionCount; s++)
        {
            if (assignment[s] >= 0)
            {
                if (!state.CanPlace(s, assignment[s]))
                {
                    throw new InvalidOperationException($"The exact solver placed session {s} where rules 4 or 5 forbid it: a bug in the model.");
                }

                state.Place(s, assignment[s]);
            }
        }
    }

    /// <summary>
    /// A bound that needs no solver: each session costs at least its cheapest allowed place, or the unplaced weight if
    /// that is less (the per-day room cost is never negative).
    /// </summary>
    public static long TrivialBound(CompiledProblem problem, IEnumerable<int> sessions)
    {
        long bound = 0;
        foreach (var s in sessions)
        {
            var cheapest = problem.CandidateCount(s) > 0 ? problem.CandidateCost[problem.CandidateStart[s]] : int.MaxValue;
            bound += Math.Min(problem.UnplacedWeight, cheapest);
        }

        return bound;
    }

    /// <summary>The cost of one cluster's sessions under <paramref name="assignment"/> (FORMAT.md's cost restricted to them).</summary>
    internal static long ClusterCost(CompiledProblem problem, int[] assignment, int[] cluster)
    {
        long cost = 0;
        var rooms = new Dictionary<(int Practitioner, int Day), HashSet<int>>();
        foreach (var s in cluster)
        {
            var c = assignment[s];
            if (c < 0)
            {
                cost += problem.UnplacedWeight;
                continue;
            }

            cost += problem.CandidateCost[c];
            var key = (problem.SessionPractitioner[s], problem.SlotDay[problem.CandidateSlot[c]]);
            if (!rooms.TryGetValue(key, out var used))
            {
                rooms[key] = used = [];
            }

            used.Add(problem.CandidateRoom[c]);
        }

        return cost + rooms.Values.Sum(used => (long)problem.ExtraRoomWeight * (used.Count - 1));
    }
}
