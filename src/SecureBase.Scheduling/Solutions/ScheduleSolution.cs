namespace SecureBase.Scheduling.Solutions;

/// <summary>
/// A timetable for an instance (FORMAT.md "Solution"): each session is either placed or listed as unplaced
/// with a reason. <see cref="Cost"/> is the cost recomputed from the placements. <see cref="Proof"/>, when present,
/// says how far from the best possible it can be (written as the extra field <c>proof</c>, which FORMAT.md readers ignore).
/// </summary>
public sealed record ScheduleSolution(
    string Instance,
    IReadOnlyList<Placement> Placements,
    IReadOnlyList<UnplacedSession> Unplaced,
    long Cost,
    SolutionProof? Proof = null);

/// <summary>A session placed in a slot and a room.</summary>
public sealed record Placement(string Session, string Slot, string Room);

/// <summary>A session the timetable could not hold, and why, written for a head of therapy.</summary>
public sealed record UnplacedSession(string Session, string Reason);

/// <summary>
/// What is proven about a timetable's cost: no timetable of the week costs less than <see cref="Bound"/>, and
/// <see cref="Optimal"/> when the cost equals it. For example cost 188 with bound 185 is "within 1.6% of the best
/// bound": the best possible timetable costs 185, 186, 187 or 188.
/// </summary>
public sealed record SolutionProof(long Bound, bool Optimal)
{
    /// <summary>(cost − bound) / bound in percent: how far above the best possible the cost can be at most (infinite for a bound of 0 under a positive cost).</summary>
    public double GapPercent(long cost) =>
        Optimal || cost <= Bound ? 0 : Bound <= 0 ? double.PositiveInfinity : 100.0 * (cost - Bound) / Bound;
}
