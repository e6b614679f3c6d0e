namespace SecureBase.Scheduling.Allocation;

/// <summary>
/// The proposal for the whole waiting list: for each pupil the recommended practitioner (or why there is none)
/// and the ranked choice the team decides from. The recommendations together are an optimal assignment
/// (<see cref="AllocationScore"/> explains "optimal").
/// </summary>
/// <param name="Pupils">One entry per waiting pupil, in the order of the input.</param>
/// <param name="Score">What the recommended assignment achieves, level by level.</param>
public sealed record AllocationProposal(IReadOnlyList<PupilProposal> Pupils, AllocationScore Score)
{
    /// <summary>Pupil id → recommended practitioner id, for the pupils who have a recommendation. Pass it to
    /// <see cref="AllocationProposer.ProposeFor"/> to show one pupil's proposal without solving again.</summary>
    public IReadOnlyDictionary<string, string> Recommendations => Pupils
        .Where(p => p.RecommendedPractitionerId is not null)
        .ToDictionary(p => p.PupilId, p => p.RecommendedPractitionerId!, StringComparer.Ordinal);

    public PupilProposal? For(string pupilId) => Pupils.FirstOrDefault(p => string.Equals(p.PupilId, pupilId, StringComparison.Ordinal));
}

/// <summary>
/// One waiting pupil's proposal: who is recommended, why not when nobody is, and every practitioner whose
/// discipline matches the need, best first.
/// </summary>
/// <param name="RecommendedPractitionerId">The practitioner the assignment gives the pupil; null when not placed.</param>
/// <param name="NotPlaced">Why no one is recommended; null when someone is.</param>
/// <param name="Summary">One sentence for the MDT page: the recommendation and its reason, or why there is none.</param>
/// <param name="Ranking">Practitioners with a discipline match, in the order <see cref="AllocationProposer"/> documents.</param>
public sealed record PupilProposal(
    string PupilId,
    string PupilName,
    int Priority,
    int WeeksWaited,
    string? RecommendedPractitionerId,
    NotPlacedReason? NotPlaced,
    string Summary,
    IReadOnlyList<PractitionerProposal> Ranking)
{
    public PractitionerProposal? Recommended => Ranking.FirstOrDefault(r => r.IsRecommended);
}

/// <summary>
/// One practitioner in a pupil's ranking, with the numbers the order is made of and a reason in the school's
/// words, e.g. "Exact match (speech and language therapy); 3 shared free slots; caseload 18/22".
/// </summary>
/// <param name="MatchedDiscipline">The practitioner's discipline that meets the need best.</param>
/// <param name="SharedSlotIds">Slots where the practitioner works at the pupil's site, the pupil is free and a
/// room with the features needed is free, in the order of the input's slots.</param>
/// <param name="PlacesProposedForOthers">Of the practitioner's free places, how many the assignment gives to
/// other waiting pupils (0 when ranking one pupil on its own).</param>
/// <param name="IsRecommended">This is the practitioner the assignment recommends for the pupil.</param>
public sealed record PractitionerProposal(
    string PractitionerId,
    string PractitionerName,
    DisciplineMatch Match,
    string MatchedDiscipline,
    IReadOnlyList<string> SharedSlotIds,
    int Caseload,
    int Capacity,
    int PlacesProposedForOthers,
    bool IsRecommended,
    string Reason)
{
    public int SharedSlots => SharedSlotIds.Count;

    /// <summary>Places left for this pupil: capacity less caseload less places proposed for other pupils, at least 0.</summary>
    public int FreeCapacity => Math.Max(0, Capacity - Caseload - PlacesProposedForOthers);

    public bool IsFull => FreeCapacity == 0;
}

/// <summary>Why a waiting pupil has no recommended practitioner.</summary>
public enum NotPlacedReason
{
    /// <summary>No one in the team practises the discipline needed or a related one.</summary>
    NoMatchingDiscipline,

    /// <summary>Practitioners match, but none works at the pupil's site when the pupil is free and a suitable room is free.</summary>
    NoSharedTime,

    /// <summary>Every matching practitioner who shares free time with the pupil has a full caseload.</summary>
    CaseloadsFull,

    /// <summary>Matching practitioners with shared time have free places, but the assignment gives them all to other
    /// pupils who are more urgent, or as urgent and a better fit (the summary says how many of each).</summary>
    PlacesNeededByOthers,
}

/// <summary>
/// What an assignment achieves, compared level by level (lexicographically): pupils placed at priority 1, then
/// at priority 2, 3 and 4, then exact discipline matches, then shared free slots in total (more room to timetable
/// the session), then the weeks waited in total by the pupils placed. A better level always wins, whatever the
/// levels below it. Among assignments equal on the levels above it, the most weeks waited in total places the
/// longest waits first (see docs/adr/0011-allocation-ranking.md).
/// </summary>
/// <param name="PlacedByPriority">Pupils placed at priorities 1 to 4 (index 0 is priority 1).</param>
public sealed record AllocationScore(
    IReadOnlyList<int> PlacedByPriority,
    int ExactMatches,
    int RelatedMatches,
    int TotalSharedSlots,
    int TotalWeeksWaited) : IComparable<AllocationScore>
{
    public int Placed => PlacedByPriority.Sum();

    public bool Equals(AllocationScore? other) => other is not null && CompareTo(other) == 0;

    public override int GetHashCode() =>
        HashCode.Combine(PlacedByPriority[0], PlacedByPriority[1], PlacedByPriority[2], PlacedByPriority[3], ExactMatches, TotalSharedSlots, TotalWeeksWaited);

    public int CompareTo(AllocationScore? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var i = 0; i < 4; i++)
        {
            var c = PlacedByPriority[i].CompareTo(other.PlacedByPriority[i]);
            if (c != 0)
            {
                return c;
            }
        }

        var byExact = ExactMatches.CompareTo(other.ExactMatches);
        if (byExact != 0)
        {
            return byExact;
        }

        var bySlots = TotalSharedSlots.CompareTo(other.TotalSharedSlots);
        return bySlots != 0 ? bySlots : TotalWeeksWaited.CompareTo(other.TotalWeeksWaited);
    }

    public override string ToString() =>
        $"placed P1 {PlacedByPriority[0]}, P2 {PlacedByPriority[1]}, P3 {PlacedByPriority[2]}, P4 {PlacedByPriority[3]}; " +
        $"{ExactMatches} exact, {RelatedMatches} related; {TotalSharedSlots} shared slots; {TotalWeeksWaited} weeks waited";
}
