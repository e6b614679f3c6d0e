using SecureBase.Scheduling.Solutions;

namespace SecureBase.Scheduling.Solving;

/// <summary>The timetable found, its cost item by item, and how the search went.</summary>
public sealed record SolveResult(ScheduleSolution Solution, CostBreakdown Breakdown, SolveStatistics Statistics);

/// <param name="Elapsed">Wall-clock time of the whole call.</param>
/// <param name="Steps">Search steps taken, over all workers.</param>
/// <param name="StepBudget">Steps each worker was allowed.</param>
/// <param name="Workers">Independent searches run.</param>
/// <param name="StoppedByTimeLimit">The time limit (or cancellation) ended the search before its step budget: the result may then vary between runs.</param>
public sealed record SolveStatistics(TimeSpan Elapsed, long Steps, long StepBudget, int Workers, bool StoppedByTimeLimit);
