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
    /// One worker, the LP relaxation at its strongest (linearization level 2, which is what proves a school's week
    /// optimal: the bound, not the search, is the hard part) and probing search, measured best on the hard generated
    /// schools (ADR 0012). One worker with a deterministic limit gives the same answer for the same input.
    /// </summary>
    internal static string SearchParameters { get; set; } = "linearization_level:2";

    /// <summary>
    /// The second, independent run given a core the clusters leave idle (a school's single cluster): probing search on
    /// top of the same LP, which proves the peripatetic school weeks where the first run's search does not (ADR 0012).
    /// Null: no second run (measurement only).
    /// </summary>
    internal static string? CompanionParameters { get; set; } = "linearization_level:2 use_probing_search:true";

    /// <summary>
    /// Solves the cluster hinted with <paramref name="assignment"/> (whose objective is
    /// <paramref name="hintCost"/>), and writes its sessions' new places back into it when they are cheaper.
    /// <paramref name="deterministicLimit"/> (CP-SAT's own work measure, roughly a second of one quiet core each) normally
    /// ends an unproven run, so the same input gives the same answer; <paramref name="timeLimit"/> is a safety cap.
    /// Without <paramref name="hint"/> CP-SAT starts from nothing (the benchmark's "plain CP-SAT").
    /// </summary>
    public static ExactOutcome Solve(
        ClusterModel model, int[] assignment, long hintCost, TimeSpan timeLimit, double deterministicLimit, int seed,
        CancellationToken cancellationToken, bool hint = true, string? parameters = null)
    {
        if (hint)
        {
            model.Hint(assignment);
        }

        using var solver = new CpSolver { StringParameters = Parameters(timeLimit, deterministicLimit, seed, parameters ?? SearchParameters) };
        using var stop = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(model.Model);
        var deterministic = solver.Response?.DeterministicTime ?? 0;
        var optimal = status == CpSolverStatus.Optimal;
        var byClock = !optimal && deterministic < deterministicLimit * 0.99;
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new ExactOutcome(hintCost, long.MinValue, false, byClock, deterministic);
        }

        var objective = (long)Math.Round(solver.ObjectiveValue);
        var bound = optimal ? objective : (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6);
        if (objective > hintCost)
        {
            return new ExactOutcome(hintCost, bound, false, byClock, deterministic);
        }

        model.Read(solver, assignment);
        return new ExactOutcome(objective, bound, optimal, byClock, deterministic);
    }

    internal static string Parameters(TimeSpan timeLimit, double deterministicLimit, int seed, string search) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"num_workers:1 random_seed:{seed} max_time_in_seconds:{Math.Max(0.001, timeLimit.TotalSeconds):0.###} max_deterministic_time:{Math.Max(0.001, deterministicLimit):0.###} {search}");

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
