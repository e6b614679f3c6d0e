using SecureBase.Scheduling.Solving;
using SecureBase.Scheduling.Solving.Exact;
using static SecureBase.Scheduling.Tests.TestInstances;

namespace SecureBase.Scheduling.Tests.Solving;

/// <summary>
/// The bound that counts sessions that cannot all be placed (<see cref="MatchingBound"/>), used for a cluster when
/// CP-SAT's own bound is weaker: it must never claim more than the optimum, and must see what the trivial bound misses.
/// </summary>
public sealed class MatchingBoundTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SmallRandomWeek_BoundIsBetweenTheTrivialBoundAndTheBruteForceOptimum(int seed)
    {
        var instance = ProofTests.RandomWeek(seed);
        var problem = new CompiledProblem(instance);
        var sessions = Enumerable.Range(0, problem.SessionCount).ToArray();

        var bound = MatchingBound.Of(problem, sessions);

        bound.ShouldBeLessThanOrEqualTo(BruteForce.Optimum(instance));
        bound.ShouldBeGreaterThanOrEqualTo(ExactPhase.TrivialBound(problem, sessions));
    }

    [Fact]
    public void EightSessionsForOneRoomsSixSlots_CountsTwoThatCannotBePlaced()
    {
        var practitioners = Enumerable.Range(1, 8).Select(p => Practitioner($"T{p}")).ToList();
        var pupils = Enumerable.Range(1, 8).Select(u => Pupil($"P{u}")).ToList();
        var sessions = Enumerable.Range(1, 8).Select(s => Session($"S{s}", $"T{s}", [$"P{s}"])).ToList();
        var instance = Week([Room("R1")], practitioners, pupils, sessions);
        var problem = new CompiledProblem(instance);
        var all = Enumerable.Range(0, problem.SessionCount).ToArray();

        var bound = MatchingBound.Of(problem, all);

        var optimum = Scheduler.Solve(instance, Unhurried).Solution;
        optimum.Unplaced.Count.ShouldBe(2);
        bound.ShouldBe(optimum.Cost);
        bound.ShouldBeGreaterThanOrEqualTo(2L * instance.Weights.Unplaced);
        ExactPhase.TrivialBound(problem, all).ShouldBeLessThan(instance.Weights.Unplaced);
    }

    [Fact]
    public void OnePractitionerWithSevenSessionsAndSixSlots_CountsOneThatCannotBePlaced()
    {
        var pupils = Enumerable.Range(1, 7).Select(u => Pupil($"P{u}")).ToList();
        var sessions = Enumerable.Range(1, 7).Select(s => Session($"S{s}", "T1", [$"P{s}"])).ToList();
        var rooms = Enumerable.Range(1, 7).Select(r => Room($"R{r}")).ToList();
        var instance = Week(rooms, [Practitioner("T1")], pupils, sessions);
        var problem = new CompiledProblem(instance);
        var all = Enumerable.Range(0, problem.SessionCount).ToArray();

        var bound = MatchingBound.Of(problem, all);

        var solved = Scheduler.Solve(instance, Unhurried).Solution;
        solved.Unplaced.Count.ShouldBe(1);
        bound.ShouldBeGreaterThan(ExactPhase.TrivialBound(problem, all));
        bound.ShouldBeLessThanOrEqualTo(solved.Cost);
        bound.ShouldBeGreaterThanOrEqualTo(instance.Weights.Unplaced);
    }
}
