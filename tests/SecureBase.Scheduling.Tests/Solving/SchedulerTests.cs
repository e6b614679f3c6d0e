using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;

namespace SecureBase.Scheduling.Tests.Solving;

public sealed class SchedulerTests
{
    [Theory]
    [InlineData("small")]
    [InlineData("school")]
    [InlineData("two-sites")]
    public void Sample_IsValidFullyPlacedAndWithinOnePercentOfTheExactOptimum(string name)
    {
        var instance = TestInstances.Sample(name);
        var reference = TestInstances.ReferenceCost(name);

        var result = Scheduler.Solve(instance, TestInstances.Unhurried);

        SolutionChecker.Check(instance, result.Solution).ShouldBeEmpty();
        result.Breakdown.Unplaced.ShouldBe(0);
        result.Solution.Cost.ShouldBeGreaterThanOrEqualTo(reference, "the reference is CBC's proven optimum");
        result.Solution.Cost.ShouldBeLessThanOrEqualTo((long)Math.Floor(reference * 1.01));
    }

    [Fact]
    public void SameInstanceAndOptions_GiveByteIdenticalSolutions()
    {
        var instance = TestInstances.Sample("small");
        var options = TestInstances.Unhurried with { Seed = 7 };

        var first = SolutionJson.Write(Scheduler.Solve(instance, options).Solution);
        var second = SolutionJson.Write(Scheduler.Solve(instance, options).Solution);

        second.ShouldBe(first);
    }

    [Fact]
    public void AnotherSeed_GivesAValidTimetableToo()
    {
        var instance = TestInstances.Sample("small");

        var result = Scheduler.Solve(instance, new SolveOptions { Seed = 12345 });

        SolutionChecker.Check(instance, result.Solution).ShouldBeEmpty();
        result.Breakdown.Unplaced.ShouldBe(0);
    }

    [Fact]
    public void LocalAuthority_AtLowEffortAndAShortLimit_IsStillValidWithABoundBelowItsCost()
    {
        var instance = TestInstances.Sample("local-authority");

        var result = Scheduler.Solve(instance, new SolveOptions { Effort = 0.01, TimeLimit = TimeSpan.FromSeconds(3) });

        SolutionChecker.Check(instance, result.Solution).ShouldBeEmpty();
        result.Solution.Unplaced.ShouldAllBe(u => u.Reason.Length > 20);
        result.Solution.Proof!.Bound.ShouldBeLessThanOrEqualTo(result.Solution.Cost);
        result.Solution.Proof.Bound.ShouldBeGreaterThan(0);
        result.Statistics.Clusters.ShouldBe(30, "the sample's 40 sites form 30 clusters linked by practitioners");
    }

    [Fact]
    public void StepBudget_GrowsWithSessionsAndIsCappedByTheTimeLimit()
    {
        var roomy = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(600) };
        var tight = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1) };

        Scheduler.StepBudget(100, roomy).ShouldBe(2 * Scheduler.StepBudget(50, roomy));
        Scheduler.StepBudget(2000, tight).ShouldBeLessThan(Scheduler.StepBudget(2000, roomy));
    }

    [Fact]
    public void WeekWithNoSessions_GivesAnEmptyTimetableCostingNothing()
    {
        var instance = TestInstances.Sample("small") with { Sessions = [] };

        var result = Scheduler.Solve(instance);

        result.Solution.Placements.ShouldBeEmpty();
        result.Solution.Unplaced.ShouldBeEmpty();
        result.Solution.Cost.ShouldBe(0);
    }

    [Fact]
    public void TimeLimitReachedAtOnce_StillGivesAValidTimetableAndSaysSo()
    {
        var instance = TestInstances.Sample("school");

        var result = Scheduler.Solve(instance, new SolveOptions { TimeLimit = TimeSpan.FromTicks(1) });

        SolutionChecker.Check(instance, result.Solution).ShouldBeEmpty();
        result.Statistics.StoppedByTimeLimit.ShouldBeTrue();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void TimeLimitOfZeroOrLess_IsRefusedPlainly(double seconds)
    {
        var instance = TestInstances.Sample("small");

        var refusal = Should.Throw<ArgumentOutOfRangeException>(() => Scheduler.Solve(instance, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(seconds) }));

        refusal.Message.ShouldContain("The time limit must be more than zero seconds");
    }

    [Fact]
    public void NoTimeLimit_GivesASchoolTwoSecondsAndAnAuthorityAMinute()
    {
        var options = new SolveOptions();

        options.TimeLimitFor(200).ShouldBe(TimeSpan.FromSeconds(2));
        options.TimeLimitFor(201).ShouldBe(TimeSpan.FromSeconds(60));
        (options with { TimeLimit = TimeSpan.FromSeconds(5) }).TimeLimitFor(5000).ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void InvalidInstance_IsRefusedBySolve()
    {
        var instance = TestInstances.Sample("small");
        var broken = instance with { Sessions = [.. instance.Sessions, instance.Sessions[0]] };

        Should.Throw<ArgumentException>(() => Scheduler.Solve(broken)).Message.ShouldContain("used twice");
    }
}
