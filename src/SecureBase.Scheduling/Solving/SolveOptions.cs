namespace SecureBase.Scheduling.Solving;

/// <summary>
/// How hard and how long to search. The result depends only on the instance, <see cref="Seed"/>, <see cref="Effort"/>,
/// <see cref="Workers"/> and <see cref="TimeLimit"/> (which also bounds the step budget, see docs/scheduling.md), never
/// on the machine's speed or core count, unless the time limit is reached first: then the search stops where it is,
/// and the timetable is still valid but may differ from run to run.
/// </summary>
public sealed record SolveOptions
{
    /// <summary>The longest the search may run; a safety cap, not the usual way it ends.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seeds the search; a different seed may give a different timetable of similar cost.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Multiplies the step budget; 1 is tuned for a near-optimal timetable well inside two seconds for a school.</summary>
    public double Effort { get; init; } = 1.0;

    /// <summary>Independent searches run side by side (on as many cores as there are); the cheapest wins, ties to the first.</summary>
    public int Workers { get; init; } = 2;
}
