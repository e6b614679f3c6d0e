using SecureBase.Scheduling.Allocation;

namespace SecureBase.Scheduling.Tests.Allocation;

/// <summary>
/// The solver adds pupils one at a time (most urgent, longest waiting first). The order must only settle ties
/// between equally good assignments: fed the pupils least urgent and shortest waiting first, or at random, it
/// still reaches the optimum, and the weeks-waited level of the objective (not the order) puts long waits first.
/// </summary>
public sealed class SolverOrderTests
{
    [Fact]
    public void Recommend_InWorstOrAnyOrder_StillScoresAsWellAsTryingEveryAssignment_AndPlacesLongestWaitsFirst()
    {
        var rng = new Random(99);
        for (var i = 0; i < 300; i++)
        {
            var input = SmallInstances.Random(rng);
            var c = CompiledAllocation.ForAll(input);
            var all = BruteForce.All(input);
            var best = all.Select(a => BruteForce.ScoreOf(input, a)).Max();
            var upper = Upper(best);
            var longestFirst = all.Where(a => Upper(BruteForce.ScoreOf(input, a)) == upper)
                .Select(a => BruteForce.WaitsLongestFirst(input, a)).Max(StringComparer.Ordinal);

            var backwards = Enumerable.Range(0, c.Pupils.Length)
                .OrderByDescending(p => c.Pupils[p].Pupil.Priority).ThenBy(p => c.Pupils[p].Pupil.WeeksWaited).ToList();
            var shuffled = Enumerable.Range(0, c.Pupils.Length).OrderBy(_ => rng.Next()).ToList();
            foreach (var order in new[] { backwards, shuffled })
            {
                var recommended = AllocationProposer.Recommend(c, order);
                var assignment = Enumerable.Range(0, c.Pupils.Length).Where(p => recommended[p] >= 0)
                    .ToDictionary(p => c.Pupils[p].Pupil.Id, p => c.Practitioners[recommended[p]].Id);

                BruteForce.ScoreOf(input, assignment).ShouldBe(best, $"instance {i}, order {string.Join(",", order)}");
                BruteForce.WaitsLongestFirst(input, assignment).ShouldBe(longestFirst, $"instance {i}, order {string.Join(",", order)}");
            }
        }
    }

    private static (int, int, int, int, int, int) Upper((int, int, int, int, int, int, long) s) => (s.Item1, s.Item2, s.Item3, s.Item4, s.Item5, s.Item6);
}
