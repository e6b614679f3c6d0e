using SecureBase.Scheduling.Explaining;
using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Solving;
using static SecureBase.Scheduling.Tests.TestInstances;

namespace SecureBase.Scheduling.Tests.Explaining;

public sealed class UnplacedExplainerTests
{
    private static readonly Slot[] FourDays =
    [
        new("Mon-1", "Mon", "09:00"), new("Mon-2", "Mon", "10:00"), new("Tue-1", "Tue", "09:00"), new("Tue-2", "Tue", "10:00"),
        new("Wed-1", "Wed", "09:00"), new("Wed-2", "Wed", "10:00"), new("Thu-1", "Thu", "09:00"), new("Thu-2", "Thu", "10:00"),
    ];

    [Fact]
    public void PartTimePractitionerBlockedByLessonsAndRooms_IsExplainedInTheSchoolsWords()
    {
        var instance = new ScheduleInstance(
            "explain",
            CostWeights.Default,
            FourDays,
            [Room("R1", features: ["sand-tray"], unavailable: ["Thu-1", "Thu-2"], name: "the Blue Room"), Room("R2")],
            [new Practitioner("T1", ["Tue-1", "Tue-2", "Thu-1", "Thu-2"], "Ms Adeyemi")],
            [Pupil("P1", unavailable: ["Tue-1", "Tue-2"], name: "Jamal")],
            [Session("S1", "T1", ["P1"], ["sand-tray"])]);

        var solution = Scheduler.Solve(instance).Solution;

        solution.Unplaced.Single().Reason.ShouldBe(
            "Ms Adeyemi works Tuesdays and Thursdays only, and in all those slots either Jamal has a protected lesson or every room with sand tray at site A is taken.");
    }

    [Fact]
    public void NoRoomWithTheFeatureAtTheSite_IsNamed()
    {
        var instance = Week(
            [Room("A1", "A"), Room("B1", "B", features: ["sensory"])],
            [Practitioner("T1")],
            [Pupil("P1", "A")],
            [Session("S1", "T1", ["P1"], ["sensory"])]);

        Scheduler.Solve(instance).Solution.Unplaced.Single().Reason.ShouldBe("No room at site A has sensory, which the session needs.");
    }

    [Fact]
    public void PractitionerWithoutAvailability_IsNamed()
    {
        var instance = Week([Room("R1")], [Practitioner("T1", [], name: "Mr Li")], [Pupil("P1")], [Session("S1", "T1", ["P1"])]);

        Scheduler.Solve(instance).Solution.Unplaced.Single().Reason.ShouldBe("Mr Li has no available slots this week.");
    }

    [Fact]
    public void PartlyAvailablePractitioner_IsDescribedSlotBySlot()
    {
        var instance = Week(
            [Room("R1")],
            [Practitioner("T1", ["Mon-1", "Mon-2", "Mon-3", "Tue-2"])],
            [Pupil("P1", unavailable: ["Mon-1", "Mon-2", "Mon-3", "Tue-2"])],
            [Session("S1", "T1", ["P1"])]);

        Scheduler.Solve(instance).Solution.Unplaced.Single().Reason.ShouldBe(
            "T1 works only on Mondays and at Tuesday 10:00, and in all those slots P1 has a protected lesson.");
    }

    [Fact]
    public void Explain_NamesOtherSessionsInTheWay()
    {
        var instance = Week(
            [Room("R1")],
            [Practitioner("T1", ["Mon-1"]), Practitioner("T2", ["Mon-1"])],
            [Pupil("P1"), Pupil("P2")],
            [Session("S1", "T1", ["P1"]), Session("S2", "T2", ["P2"])]);

        var reason = UnplacedExplainer.Explain(instance, [new("S1", "Mon-1", "R1")], "S2");

        reason.ShouldBe("T2 works only at Monday 09:00, and in all those slots every room at site A is in use by another session.");
    }
}
