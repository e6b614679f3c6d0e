namespace SecureBase.Scheduling.Solutions;

/// <summary>
/// A timetable for an instance (FORMAT.md "Solution"): each session is either placed or listed as unplaced
/// with a reason. <see cref="Cost"/> is the cost recomputed from the placements.
/// </summary>
public sealed record ScheduleSolution(
    string Instance,
    IReadOnlyList<Placement> Placements,
    IReadOnlyList<UnplacedSession> Unplaced,
    long Cost);

/// <summary>A session placed in a slot and a room.</summary>
public sealed record Placement(string Session, string Slot, string Room);

/// <summary>A session the timetable could not hold, and why, written for a head of therapy.</summary>
public sealed record UnplacedSession(string Session, string Reason);
