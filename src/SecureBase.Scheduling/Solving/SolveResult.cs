using SecureBase.Scheduling.Solutions;

namespace SecureBase.Scheduling.Solving;

/// <summary>The timetable found, its cost item by item, and how the search went.</summary>
public sealed record SolveResult(ScheduleSolution Solution, CostBreakdown Breakdown, SolveStatistics Statistics);

/// <param name="Elapsed">Wall-clock time of the whole call.</param>
/// <param name="Steps">Annealing steps taken, over all workers.</param>
/// <param name="StepBudget">Steps each annealing worker was allowed.</param>
/// <param name="Workers">Independent searches run side by side.</param>
/// <param name="StoppedByTimeLimit">The time limit (or cancellation) ended a search before its own budget: the result may then vary between runs.</param>
/// <param name="FirstValid">When the first valid timetable (the annealer's) was ready.</param>
/// <param name="Clusters">Independent clusters of sites the exact phase solved (0 when it did not run).</param>
/// <param name="ProvenClusters">Clusters whose optimum was proven.</param>
/// <param name="ExactSolverUnavailable">Why CP-SAT could not be used on this platform, or null.</param>
/// <param name="Repair">How many sessions kept last week's place.</param>
public sealed record SolveStatistics(
    TimeSpan Elapsed,
    long Steps,
    long StepBudget,
    int Workers,
    bool StoppedByTimeLimit,
    TimeSpan FirstValid = default,
    int Clusters = 0,
    int ProvenClusters = 0,
    string? ExactSolverUnavailable = null,
    RepairSummary? Repair = null)
{
    /// <summary>
    /// CP-SAT's own measure of the work it did, summed over its runs (about a second of one quiet core per unit), for
    /// measurement only and approximate: unlike <see cref="Elapsed"/> it does not grow with the machine's load, but where
    /// two runs race on a school's week (the first proof stops the other) how far the stopped run got depends on timing,
    /// so it varies a little between runs of the same instance. The timetable, cost and bound do not.
    /// </summary>
    public double ExactWork { get; init; }
}

/// <summary>
/// How much of last week stayed put. A session's place is <i>still open</i> when the change did not rule it out (its
/// slot and room are still allowed by rules 2 and 3); of those, <see cref="Kept"/> are in it again.
/// </summary>
/// <param name="WithPrevious">Sessions given last week's slot and room.</param>
/// <param name="StillOpen">Of those, sessions whose place the change left allowed.</param>
/// <param name="Kept">Of those, sessions placed there again.</param>
public sealed record RepairSummary(int WithPrevious, int StillOpen, int Kept);
