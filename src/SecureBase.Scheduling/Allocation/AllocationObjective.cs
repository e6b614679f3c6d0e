namespace SecureBase.Scheduling.Allocation;

/// <summary>
/// The lexicographic objective of <see cref="AllocationScore"/> packed into one 128-bit integer per
/// (pupil, practitioner) pair, so that a sum over any assignment compares exactly as the levels do.
/// Level k is multiplied by M(k) = (B(0)+1)·…·(B(k-1)+1), where B(j) bounds the sum of level j over any
/// assignment; then everything below level k adds up to at most M(k) − 1 and can never outweigh one unit of it.
/// </summary>
internal sealed class AllocationObjective
{
    // Levels, lowest first: weeks waited, shared slots, exact match, placed at priority 4, 3, 2, 1.
    private const int Levels = 7;
    private readonly Int128[] _multiplier = new Int128[Levels + 1];

    public AllocationObjective(IReadOnlyList<CompiledPupil> pupils)
    {
        var bounds = new Int128[Levels];
        foreach (var p in pupils)
        {
            bounds[0] += p.Pupil.WeeksWaited;
            bounds[1] += p.Candidates.Length == 0 ? 0 : p.Candidates.Max(c => c.SharedCount);
            bounds[2] += 1;
            bounds[LevelOf(p.Pupil.Priority)] += 1;
        }

        _multiplier[0] = 1;
        try
        {
            for (var k = 0; k < Levels; k++)
            {
                _multiplier[k + 1] = checked(_multiplier[k] * (bounds[k] + 1));
            }

            // Paths in the solver add and subtract up to a few whole objectives: keep 4 bits of headroom.
            _ = checked(_multiplier[Levels] * 16);
        }
        catch (OverflowException e)
        {
            throw new ArgumentException("The waiting list is too large for an exact allocation objective.", nameof(pupils), e);
        }
    }

    /// <summary>An upper bound of the objective of any assignment.</summary>
    public Int128 Total => _multiplier[Levels];

    public Int128 Value(WaitingPupil pupil, Candidate candidate) =>
        _multiplier[LevelOf(pupil.Priority)]
        + (candidate.Match == DisciplineMatch.Exact ? _multiplier[2] : 0)
        + (_multiplier[1] * candidate.SharedCount)
        + pupil.WeeksWaited;

    private static int LevelOf(int priority) => Levels - priority;
}
