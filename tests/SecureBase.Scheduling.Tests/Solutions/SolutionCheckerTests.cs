using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Solutions;
using static SecureBase.Scheduling.Tests.TestInstances;

namespace SecureBase.Scheduling.Tests.Solutions;

public sealed class SolutionCheckerTests
{
    private static readonly ScheduleInstance Instance = Week(
        [Room("R1", features: ["sink"], unavailable: ["Tue-3"]), Room("R2"), Room("B1", site: "B")],
        [Practitioner("T1", ["Mon-1", "Mon-2", "Tue-3"]), Practitioner("T2")],
        [Pupil("P1", unavailable: ["Mon-2"]), Pupil("P2"), Pupil("P3", site: "B")],
        [Session("S1", "T1", ["P1"], requires: ["sink"]), Session("S2", "T2", ["P2"]), Session("S3", "T1", ["P3"])]);

    private static IReadOnlyList<string> Check(params Placement[] placements)
    {
        var unplaced = Instance.Sessions.Where(s => placements.All(p => p.Session != s.Id)).Select(s => new UnplacedSession(s.Id, "")).ToList();
        var cost = placements.Select(p => p.Session).Distinct().Count() == placements.Length ? CostCalculator.Compute(Instance, placements).Total : 0;
        return SolutionChecker.Check(Instance, new ScheduleSolution("test-week", placements, unplaced, cost));
    }

    [Fact]
    public void ValidTimetable_HasNoProblems() =>
        Check(new Placement("S1", "Mon-1", "R1"), new("S2", "Mon-1", "R2"), new("S3", "Tue-3", "B1")).ShouldBeEmpty();

    [Theory]
    [InlineData("S1", "Tue-1", "R1", "Rule 2")] // T1 is not available
    [InlineData("S1", "Mon-2", "R1", "Rule 2")] // P1's protected lesson
    [InlineData("S1", "Tue-3", "R1", "Rule 2")] // R1 is taken
    [InlineData("S1", "Mon-1", "R2", "Rule 3")] // no sink
    [InlineData("S3", "Mon-1", "R2", "Rule 3")] // room at the wrong site
    public void PlacementBreakingARule_IsReported(string session, string slot, string room, string rule) =>
        Check(new Placement(session, slot, room)).ShouldContain(p => p.StartsWith(rule, StringComparison.Ordinal));

    [Fact]
    public void TwoSessionsInOneRoomAtOnce_BreakRule4() =>
        Check(new Placement("S1", "Mon-1", "R1"), new("S2", "Mon-1", "R1")).ShouldContain(p => p.StartsWith("Rule 4: room R1", StringComparison.Ordinal));

    [Fact]
    public void PractitionerAtTwoSitesInADay_BreaksRule5() =>
        Check(new Placement("S1", "Mon-1", "R1"), new("S3", "Mon-2", "B1")).ShouldContain(p => p.StartsWith("Rule 5", StringComparison.Ordinal));

    [Fact]
    public void SessionPlacedTwice_BreaksRule1() =>
        Check(new Placement("S2", "Mon-1", "R2"), new("S2", "Tue-1", "R2")).ShouldContain(p => p.StartsWith("Rule 1", StringComparison.Ordinal));

    [Fact]
    public void WrongStatedCost_IsReported()
    {
        var solution = new ScheduleSolution("test-week", [new("S2", "Mon-1", "R2")], [new("S1", ""), new("S3", "")], 5);

        SolutionChecker.Check(Instance, solution).ShouldBe(["The stated cost is 5, but the placements cost 2000."]);
    }
}
