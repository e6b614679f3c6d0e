namespace SecureBase.Scheduling.Solving;

/// <summary>
/// How hard and how long to search. The result depends only on the instance and these options, never on the machine's
/// speed or core count, unless the time limit is reached first: then the search stops where it is, and the timetable is
/// still valid but may differ from run to run (<see cref="SolveStatistics.StoppedByTimeLimit"/> says so).
/// </summary>
public sealed record SolveOptions
{
    /// <summary>A week of up to this many sessions is a school's: without a time limit it gets 2 seconds, a larger one 60.</summary>
    public const int SchoolSize = 200;

    /// <summary>
    /// The longest the search may run; above zero. When not set: 2 seconds for a school's week (up to
    /// <see cref="SchoolSize"/> sessions), 60 seconds for a larger one (a local authority).
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Seeds the search; a different seed may give a different timetable of similar (or, when proven, equal) cost.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Multiplies the annealer's step budget; 1 is tuned for a near-optimal timetable well inside two seconds for a school.</summary>
    public double Effort { get; init; } = 1.0;

    /// <summary>Independent searches run side by side (on as many cores as there are); the cheapest wins, ties to the first.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>
    /// After the annealer's warm start, improve the timetable and prove a lower bound with CP-SAT (ADR 0012). False runs
    /// the annealer alone, as before; so does a platform where OR-Tools' native library cannot be loaded.
    /// </summary>
    public bool Prove { get; init; } = true;

    /// <summary>The time limit in force for a week of <paramref name="sessions"/> sessions.</summary>
    public TimeSpan TimeLimitFor(int sessions) =>
        TimeLimit ?? TimeSpan.FromSeconds(sessions <= SchoolSize ? 2 : 60);
}
