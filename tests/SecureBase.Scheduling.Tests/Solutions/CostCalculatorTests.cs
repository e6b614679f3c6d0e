using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Solutions;
using static SecureBase.Scheduling.Tests.TestInstances;

namespace SecureBase.Scheduling.Tests.Solutions;

public sealed class CostCalculatorTests
{
    private static readonly ScheduleInstance Instance = Week(
        [Room("R1"), Room("R2", dedicated: false), Room("R3", dedicated: false)],
        [Practitioner("T1"), Practitioner("T2")],
        [Pupil("P1", avoid: ["Mon-1"]), Pupil("P2", avoid: ["Mon-2"]), Pupil("P3", avoid: ["Mon-2"]), Pupil("P4")],
        [
            Session("S1", "T1", ["P1"], previousSlot: "Mon-2", previousRoom: "R1"),
            Session("S2", "T1", ["P2", "P3"], previousSlot: "Mon-2", previousRoom: "R2"),
            Session("S3", "T1", ["P4"], previousSlot: "Tue-1"),
            Session("S4", "T2", ["P4"]),
        ]);

    [Fact]
    public void EveryTerm_MatchesTheHandComputedCost()
    {
        // S1: slot changed (10) + P1 avoids Mon-1 (4) = 14; R1 is dedicated and unchanged.
        // S2: same slot and room; non-dedicated (1) + both P2 and P3 avoid Mon-2 (2 x 4) = 9.
        // S3: slot changed (10) + non-dedicated (1) = 11; no previous room, so no room change.
        // S4: unplaced (1000). T1 uses R1, R2 and R3 on Monday: 2 extra rooms (2 x 5) = 10.
        var cost = CostCalculator.Compute(Instance, [new("S1", "Mon-1", "R1"), new("S2", "Mon-2", "R2"), new("S3", "Mon-3", "R3")]);

        cost.ShouldBe(new CostBreakdown(Unplaced: 1, SlotChanges: 2, RoomChanges: 0, NonDedicatedRooms: 2, AvoidedSlots: 3, ExtraRooms: 2, Total: 1044));
    }

    [Fact]
    public void RoomChange_AndOneRoomPerDay_AreChargedAsDefined()
    {
        // S1 moves room only: room change (3) + non-dedicated R2 (1). S2 moves slot only: 10 + 1. S3 keeps Tue-1: 1.
        // S4 (T2) in R3 on Monday: 1, and another practitioner's room, so T1's single Monday room R2 costs nothing extra.
        var cost = CostCalculator.Compute(Instance, [new("S1", "Mon-2", "R2"), new("S2", "Mon-3", "R2"), new("S3", "Tue-1", "R2"), new("S4", "Mon-1", "R3")]);

        cost.SlotChanges.ShouldBe(1);
        cost.RoomChanges.ShouldBe(1);
        cost.ExtraRooms.ShouldBe(0);
        cost.Total.ShouldBe(3 + 1 + (10 + 1) + 1 + 1);
    }

    [Fact]
    public void CustomWeights_AreApplied()
    {
        var weights = new CostWeights(Unplaced: 50, SlotChange: 7, RoomChange: 2, NonDedicatedRoom: 0, AvoidedSlot: 1, ExtraRoomPerDay: 100);

        var cost = CostCalculator.Compute(Instance with { Weights = weights }, [new("S1", "Mon-1", "R1"), new("S2", "Mon-2", "R2"), new("S3", "Mon-3", "R3")]);

        cost.Total.ShouldBe(50 + (2 * 7) + (3 * 1) + (2 * 100));
    }

    [Fact]
    public void NothingPlaced_CostsUnplacedForEverySession() =>
        CostCalculator.Compute(Instance, []).Total.ShouldBe(4000);
}
