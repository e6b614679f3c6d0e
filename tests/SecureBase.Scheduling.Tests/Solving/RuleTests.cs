using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;
using static SecureBase.Scheduling.Tests.TestInstances;

namespace SecureBase.Scheduling.Tests.Solving;

/// <summary>Each rule of FORMAT.md where breaking it would be the cheap way out.</summary>
public sealed class RuleTests
{
    private static SolveResult Solve(ScheduleInstance instance)
    {
        var result = Scheduler.Solve(instance);
        SolutionChecker.Check(instance, result.Solution).ShouldBeEmpty();
        return result;
    }

    private static Placement PlacementOf(SolveResult result, string session) =>
        result.Solution.Placements.Single(p => p.Session == session);

    [Fact]
    public void TwoSessionsWantingTheOnlySandTrayRoom_TakeItInDifferentSlots()
    {
        // Both were in the sand-tray room at Mon-1 last week; keeping both there would save a slot change.
        var instance = Week(
            [Room("Sand", features: ["sand-tray"]), Room("Plain")],
            [Practitioner("T1", ["Mon-1", "Mon-2"]), Practitioner("T2", ["Mon-1", "Mon-2"])],
            [Pupil("P1"), Pupil("P2")],
            [
                Session("S1", "T1", ["P1"], ["sand-tray"], "Mon-1", "Sand"),
                Session("S2", "T2", ["P2"], ["sand-tray"], "Mon-1", "Sand"),
            ]);

        var result = Solve(instance);

        PlacementOf(result, "S1").Room.ShouldBe("Sand");
        PlacementOf(result, "S2").Room.ShouldBe("Sand");
        PlacementOf(result, "S1").Slot.ShouldNotBe(PlacementOf(result, "S2").Slot);
        result.Solution.Cost.ShouldBe(10);
    }

    [Fact]
    public void TwoSessionsWantingTheOnlySandTrayRoomInOneSlot_LeaveOneUnplacedWithAReason()
    {
        var instance = Week(
            [Room("Sand", features: ["sand-tray"]), Room("Plain")],
            [Practitioner("T1", ["Mon-1"]), Practitioner("T2", ["Mon-1"])],
            [Pupil("P1"), Pupil("P2")],
            [Session("S1", "T1", ["P1"], ["sand-tray"]), Session("S2", "T2", ["P2"], ["sand-tray"])]);

        var result = Solve(instance);

        result.Solution.Placements.Single().Room.ShouldBe("Sand");
        result.Solution.Unplaced.Single().Reason.ShouldContain("every room with sand tray at site A is in use by another session");
    }

    [Fact]
    public void PeripateticPractitionerWithPupilsAtTwoSitesOnOneDay_WorksAtOneSiteEachDay()
    {
        // Last week both sessions were on Monday morning, one at each site: keeping that would break rule 5.
        var instance = Week(
            [Room("A1", "A"), Room("B1", "B")],
            [Practitioner("T1")],
            [Pupil("P1", "A"), Pupil("P2", "B")],
            [Session("S1", "T1", ["P1"], previousSlot: "Mon-1", previousRoom: "A1"), Session("S2", "T1", ["P2"], previousSlot: "Mon-2", previousRoom: "B1")]);

        var result = Solve(instance);

        var days = result.Solution.Placements.Select(p => TwoDays.Single(s => s.Id == p.Slot).Day).ToList();
        days.Count.ShouldBe(2);
        days.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void PeripateticPractitionerWorkingOneDay_PlacesOneSiteAndExplainsTheOther()
    {
        var instance = Week(
            [Room("A1", "A"), Room("B1", "B")],
            [Practitioner("T1", ["Mon-1", "Mon-2", "Mon-3"], name: "Mr Okafor")],
            [Pupil("P1", "A"), Pupil("P2", "B")],
            [Session("S1", "T1", ["P1"]), Session("S2", "T1", ["P2"])]);

        var result = Solve(instance);

        result.Solution.Placements.Count.ShouldBe(1);
        result.Solution.Unplaced.Single().Reason.ShouldContain("Mr Okafor is working at site");
    }

    [Fact]
    public void GroupWhereOnePupilHasAProtectedLesson_AvoidsThatSlot()
    {
        // The group met at Mon-1 last week, but P2 now has a protected lesson then.
        var instance = Week(
            [Room("R1")],
            [Practitioner("T1", ["Mon-1", "Mon-2"])],
            [Pupil("P1"), Pupil("P2", unavailable: ["Mon-1"]), Pupil("P3")],
            [Session("S1", "T1", ["P1", "P2", "P3"], previousSlot: "Mon-1", previousRoom: "R1")]);

        PlacementOf(Solve(instance), "S1").Slot.ShouldBe("Mon-2");
    }

    [Fact]
    public void PreviousSlotOutsideThePractitionersHours_IsNotKept()
    {
        var instance = Week(
            [Room("R1")],
            [Practitioner("T1", ["Tue-3"])],
            [Pupil("P1")],
            [Session("S1", "T1", ["P1"], previousSlot: "Mon-1", previousRoom: "R1")]);

        PlacementOf(Solve(instance), "S1").Slot.ShouldBe("Tue-3");
    }

    [Fact]
    public void PreviousRoomNowTaken_IsNotKept()
    {
        var instance = Week(
            [Room("R1", unavailable: ["Mon-1"]), Room("R2", dedicated: false)],
            [Practitioner("T1", ["Mon-1"])],
            [Pupil("P1")],
            [Session("S1", "T1", ["P1"], previousSlot: "Mon-1", previousRoom: "R1")]);

        PlacementOf(Solve(instance), "S1").Room.ShouldBe("R2");
    }

    [Fact]
    public void DedicatedRoomAtAnotherSite_IsNotUsed()
    {
        var instance = Week(
            [Room("B-Therapy", "B", dedicated: true), Room("A-Library", "A", dedicated: false)],
            [Practitioner("T1")],
            [Pupil("P1", "A")],
            [Session("S1", "T1", ["P1"])]);

        PlacementOf(Solve(instance), "S1").Room.ShouldBe("A-Library");
    }

    [Fact]
    public void PupilInTwoSessionsWithOneSlotBetweenThem_IsInOnlyOne()
    {
        var instance = Week(
            [Room("R1"), Room("R2")],
            [Practitioner("T1", ["Mon-1"]), Practitioner("T2", ["Mon-1"])],
            [Pupil("P1", name: "Jamal"), Pupil("P2")],
            [Session("S1", "T1", ["P1"]), Session("S2", "T2", ["P1", "P2"])]);

        var result = Solve(instance);

        result.Solution.Placements.Count.ShouldBe(1);
        result.Solution.Unplaced.Single().Reason.ShouldContain("Jamal is already in another session");
    }

    [Fact]
    public void PractitionerWithTwoSessionsAndOneSlot_SeesOnlyOne()
    {
        var instance = Week(
            [Room("R1"), Room("R2")],
            [Practitioner("T1", ["Mon-1"])],
            [Pupil("P1"), Pupil("P2")],
            [Session("S1", "T1", ["P1"]), Session("S2", "T1", ["P2"])]);

        var result = Solve(instance);

        result.Solution.Placements.Count.ShouldBe(1);
        result.Solution.Unplaced.Single().Reason.ShouldContain("T1 already has another session");
    }

    [Fact]
    public void PractitionersDay_StaysInOneRoomWhenItCan()
    {
        // Three Monday sessions; R2 is free only in Mon-2, R1 in all: using R1 all day saves two extra rooms.
        var instance = Week(
            [Room("R1", dedicated: false), Room("R2", unavailable: ["Mon-1", "Mon-3"])],
            [Practitioner("T1", ["Mon-1", "Mon-2", "Mon-3"])],
            [Pupil("P1"), Pupil("P2"), Pupil("P3")],
            [Session("S1", "T1", ["P1"]), Session("S2", "T1", ["P2"]), Session("S3", "T1", ["P3"])]);

        var result = Solve(instance);

        result.Breakdown.ExtraRooms.ShouldBe(0);
        result.Solution.Cost.ShouldBe(3);
    }
}
