using SecureBase.Scheduling.Allocation;
using static SecureBase.Scheduling.Tests.Allocation.Waiting;

namespace SecureBase.Scheduling.Tests.Allocation;

public sealed class SharedSlotTests
{
    private const string Salt = TherapyDisciplines.SpeechAndLanguage;

    [Fact]
    public void SharedSlots_AreWhereThePractitionerWorksThePupilIsFreeAndARoomIsFree()
    {
        var input = Input(
            [Practitioner("t1", Salt, works: ["Mon1", "Mon2", "Tue1", "Wed1"])],
            [Pupil("p1", Salt, free: ["Mon1", "Mon2", "Tue1", "Thu1"])],
            [Room("r1", free: ["Mon2", "Tue1", "Thu1"])]);

        var entry = AllocationProposer.Rank(input, "p1")!.ShouldHaveSingleItem();

        entry.SharedSlotIds.ShouldBe(["Mon2", "Tue1"]);
        entry.SharedSlots.ShouldBe(2);
    }

    [Fact]
    public void SharedSlots_WhenThePractitionerIsAtAnotherSiteThatDay_DoNotCount()
    {
        var works = Days("Mon").Select(s => new WorkingSlot(s, "north")).Concat(Days("Tue").Select(s => new WorkingSlot(s, "south"))).ToList();
        var input = Input(
            [new AllocationPractitioner("t1", "Ms Okafor", [Salt], 10, 0, works)],
            [Pupil("p1", Salt, site: "south")],
            [Room("north-room", site: "north"), Room("south-room", site: "south")]);

        AllocationProposer.Rank(input, "p1")!.Single().SharedSlotIds.ShouldBe(Days("Tue"));
    }

    [Fact]
    public void SharedSlots_OnlyCountRoomsAtThePupilsSite()
    {
        var input = Input(
            [Practitioner("t1", Salt, site: "south")],
            [Pupil("p1", Salt, site: "south")],
            [Room("north-room", site: "north")]);

        AllocationProposer.Rank(input, "p1")!.Single().SharedSlots.ShouldBe(0);
    }

    [Fact]
    public void SharedSlots_NeedARoomWithEveryFeatureThePupilNeeds_IgnoringCase()
    {
        var input = Input(
            [Practitioner("t1", TherapyDisciplines.PlayTherapy)],
            [Pupil("p1", TherapyDisciplines.PlayTherapy, features: ["sand-tray", "sink"])],
            [
                Room("plain", free: Days("Mon", "Tue")),
                Room("tray-only", features: ["Sand-Tray"], free: Days("Wed")),
                Room("play-room", features: ["SAND-TRAY", "Sink", "step-free"], free: ["Thu2", "Fri3"]),
            ]);

        AllocationProposer.Rank(input, "p1")!.Single().SharedSlotIds.ShouldBe(["Thu2", "Fri3"]);
    }

    [Fact]
    public void SharedSlots_AnySuitableRoomWillDo_OneFreeRoomPerSlotIsEnough()
    {
        var input = Input(
            [Practitioner("t1", Salt, works: ["Mon1", "Mon2", "Mon3"])],
            [Pupil("p1", Salt)],
            [Room("a", free: ["Mon1"]), Room("b", free: ["Mon3"])]);

        AllocationProposer.Rank(input, "p1")!.Single().SharedSlotIds.ShouldBe(["Mon1", "Mon3"]);
    }
}
