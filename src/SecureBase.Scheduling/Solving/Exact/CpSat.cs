using System.Globalization;
using Google.OrTools.Sat;

namespace SecureBase.Scheduling.Solving.Exact;

/// <summary>What one CP-SAT run found and proved about a cluster's cost.</summary>
/// <param name="Cost">The cluster's cost after the run: the solver's timetable's, or the hint's if the solver did no better.</param>
/// <param name="Bound">A lower bound on the cluster's cost (equal to it when <paramref name="Optimal"/>; long.MinValue when none).</param>
/// <param name="Optimal">The solver proved <paramref name="Cost"/> optimal.</param>
/// <param name="StoppedByClock">The wall-clock cap or cancellation, not the deterministic limit or a proof, ended the run.</param>
/// <param name="DeterministicSeconds">CP-SAT's own measure of the work done.</param>
internal sealed record ExactOutcome(long Cost, long Bound, bool Optimal, bool StoppedByClock, double DeterministicSeconds);

/// <summary>
/// Lets a run stop at its first timetable whose cost another run (its companion, on the same cluster) has proven
/// optimal. That timetable is the one the run would have ended with had it gone on to its own proof (CP-SAT only ever
/// replaces its timetable by a strictly cheaper one, and the optimum has none cheaper), and whether the run reaches that
/// cost within its deterministic limit does not depend on when the companion's proof arrived, so stopping early changes
/// the time taken, never the answer.
/// </summary>
internal sealed class ProvenElsewhere : CpSolverSolutionCallback
{
    private readonly Lock _gate = new();
    private long _optimum = long.MinValue;
    private long _best = long.MaxValue;
    private CpSolver? _solver;

    /// <summary>The run stopped (or need not start) because its timetable's cost is the proven optimum.</summary>
    public bool Reached { get; private set; }

    /// <summary>Called by the companion when it has proven <paramref name="optimum"/>.</summary>
    public void Proven(long optimum)
    {
        lock (_gate)
        {
            _optimum = optimum;
            if (_best <= optimum)
            {
                Reached = true;
                _solver?.StopSearch();
            }
        }
    }

    /// <summary>The run starts from a timetable costing <paramref name="hintCost"/>; true when that is already the proven optimum.</summary>
    internal bool Attach(CpSolver solver, long hintCost)
    {
        lock (_gate)
        {
            _best = hintCost;
            Reached = hintCost <= _optimum;
            _solver = Reached ? null : solver;
            return Reached;
        }
    }

    internal void Detach()
    {
        lock (_gate)
        {
            _solver = null;
        }
    }

    public override void OnSolutionCallback()
    {
        lock (_gate)
        {
            _best = Math.Min(_best, (long)Math.Round(ObjectiveValue()));
            if (_best <= _optimum)
            {
                Reached = true;
                StopSearch();
            }
        }
    }
}

/// <summary>
/// Runs Google OR-Tools' CP-SAT on a <see cref="ClusterModel"/> with the parameters chosen in ADR 0012, and finds out
/// once per process whether its native library can be loaded at all.
/// </summary>
internal static class CpSat
{
    private static readonly Lazy<string?> LoadFailure = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Null when CP-SAT runs here; otherwise why it cannot (the native library did not load).</summary>
    public static string? Unavailable => TestOverride ?? LoadFailure.Value;

    /// <summary>Lets tests act out a platform without the native library.</summary>
    internal static string? TestOverride { get; set; }

    /// <summary>
    /// For clusters that share the machine (an authority's, the two-sites sample's): one worker, the LP relaxation at its
    /// strongest (linearization level 2, which is what proves a week optimal: the bound, not the search, is the hard
    /// part), no presolve and all the LP's constraints from the start, as for a school. On the generated authority's
    /// clusters of 100-260 sessions presolve spent most of each run's work before the first LP bound; without it they
    /// are proven in 0.3-8 units instead of staying open at 10 (ADR 0012, fourth pass). One worker with a deterministic
    /// limit gives the same answer for the same input.
    /// </summary>
    internal static string SearchParameters { get; set; } = "linearization_level:2 cp_model_presolve:false add_lp_constraints_lazily:false";

    /// <summary>Plain CP-SAT in the benchmark (a whole week, no hint): presolve on, as the earlier passes measured it.</summary>
    internal const string PlainParameters = "linearization_level:2";

    /// <summary>
    /// A cluster alone on the machine (a school's week) is solved by two runs side by side, the first to prove ending both
    /// (<see cref="ProvenElsewhere"/>). This is the main one: no presolve (the hinted model of a school is small and
    /// presolve's work only delays the LP bound) and all the LP's constraints from the start rather than lazily, which
    /// proves the peripatetic and multi-site weeks fastest (ADR 0012, third pass).
    /// </summary>
    internal static string SchoolParameters { get; set; } = "linearization_level:2 cp_model_presolve:false add_lp_constraints_lazily:false";

    /// <summary>
    /// The second, independent run given a core the clusters leave idle (a school's single cluster): no presolve and no
    /// probing, which proves gen-tight-practitioners fastest where the main run is slowest (ADR 0012, third pass).
    /// Null: no second run (measurement only).
    /// </summary>
    internal static string? CompanionParameters { get; set; } = "linearization_level:2 cp_model_presolve:false cp_model_probing_level:0";

    /// <summary>
    /// Solves the cluster hinted with <paramref name="assignment"/> (whose objective is
    /// <paramref name="hintCost"/>), and writes its sessions' new places back into it when they are cheaper.
    /// <paramref name="deterministicLimit"/> (CP-SAT's own work measure, roughly a second of one quiet core each) normally
    /// ends an unproven run, so the same input gives the same answer; <paramref name="timeLimit"/> is a safety cap.
    /// Without <paramref name="hint"/> CP-SAT starts from nothing (the benchmark's "plain CP-SAT").
    /// </summary>
    public static ExactOutcome Solve(
        ClusterModel model, int[] assignment, long hintCost, TimeSpan timeLimit, double deterministicLimit, int seed,
        CancellationToken cancellationToken, bool hint = true, string? parameters = null, ProvenElsewhere? race = null)
    {
        if (hint)
        {
            model.Hint(assignment);
        }

        var (clock, cpu) = (System.Diagnostics.Stopwatch.GetTimestamp(), ExactPhase.Trace is null ? 0 : ThreadCpuMilliseconds());
        using var solver = new CpSolver { StringParameters = Parameters(timeLimit, deterministicLimit, seed, parameters ?? SearchParameters) };
        if (race?.Attach(solver, hintCost) == true)
        {
            // The companion has already proven the hint optimal: the hint is this run's first timetable at that cost.
            return new ExactOutcome(hintCost, hintCost, true, false, 0);
        }

        CpSolverStatus status;
        try
        {
            using var stop = cancellationToken.Register(solver.StopSearch);
            status = race is null ? solver.Solve(model.Model) : solver.Solve(model.Model, race);
        }
        finally
        {
            race?.Detach();
        }

        var deterministic = solver.Response?.DeterministicTime ?? 0;
        ExactPhase.Trace?.Invoke(string.Create(
            CultureInfo.InvariantCulture,
            $"T solve {System.Diagnostics.Stopwatch.GetElapsedTime(clock).TotalMilliseconds:0} ms, cpu {ThreadCpuMilliseconds() - cpu:0} ms, {deterministic:0.00} units, {status}{(race?.Reached == true ? " (stopped at the companion's optimum)" : "")}, {parameters ?? "main"}"));
        var reached = race?.Reached == true;
        var optimal = status == CpSolverStatus.Optimal || reached;
        var byClock = !optimal && deterministic < deterministicLimit * 0.99;
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new ExactOutcome(hintCost, reached ? hintCost : long.MinValue, reached, byClock, deterministic);
        }

        var objective = (long)Math.Round(solver.ObjectiveValue);
        var bound = optimal ? objective : (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6);
        if (hint && objective >= hintCost)
        {
            // Nothing cheaper than the hint: keep the hint's timetable (not another of the same cost), so that a run that
            // stops at its first timetable of the optimum (ProvenElsewhere) and one that proves it give the same one.
            return new ExactOutcome(hintCost, optimal ? hintCost : Math.Min(bound, hintCost), optimal, byClock, deterministic);
        }

        model.Read(solver, assignment);
        return new ExactOutcome(objective, bound, optimal, byClock, deterministic);
    }

    internal static string Parameters(TimeSpan timeLimit, double deterministicLimit, int seed, string search) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"num_workers:1 random_seed:{seed} max_time_in_seconds:{Math.Max(0.001, timeLimit.TotalSeconds):0.###} max_deterministic_time:{Math.Max(0.001, deterministicLimit):0.###} {search}");

    /// <summary>CPU time of the calling thread (Linux; 0 elsewhere): measurement only, steadier than the clock on a shared machine.</summary>
    internal static double ThreadCpuMilliseconds()
    {
        try
        {
            var text = File.ReadAllText("/proc/thread-self/schedstat");
            return long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture) / 1e6;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static string? Probe()
    {
        try
        {
            var model = new CpModel();
            model.AddBoolOr([model.NewBoolVar("")]);
            using var solver = new CpSolver();
            solver.Solve(model);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            return e.InnerException?.Message ?? e.Message;
        }
    }
}
