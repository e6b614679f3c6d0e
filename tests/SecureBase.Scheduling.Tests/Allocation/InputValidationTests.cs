using SecureBase.Scheduling.Allocation;
using static SecureBase.Scheduling.Tests.Allocation.Waiting;

namespace SecureBase.Scheduling.Tests.Allocation;

public sealed class InputValidationTests
{
    private const string Salt = TherapyDisciplines.SpeechAndLanguage;

    [Fact]
    public void Propose_PupilFreeInAnUnknownSlot_IsRefusedNamingTheSlot() =>
        Should.Throw<ArgumentException>(() => AllocationProposer.Propose(Input([Practitioner("t1", Salt)], [Pupil("p1", Salt, free: ["Sat9"])])))
            .Message.ShouldContain("pupil 'p1' lists unknown slot 'Sat9'");

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Propose_PriorityOutsideOneToFour_IsRefused(int priority) =>
        Should.Throw<ArgumentException>(() => AllocationProposer.Propose(Input([Practitioner("t1", Salt)], [Pupil("p1", Salt, priority: priority)])))
            .Message.ShouldContain("priorities are 1 (most urgent) to 4 (routine)");

    [Fact]
    public void Propose_PractitionerAtTwoSitesInOneSlot_IsRefused()
    {
        var t1 = new AllocationPractitioner("t1", "Ms Doe", [Salt], 10, 0, [new WorkingSlot("Mon1", "north"), new WorkingSlot("Mon1", "south")]);

        Should.Throw<ArgumentException>(() => AllocationProposer.Propose(Input([t1], [Pupil("p1", Salt)])))
            .Message.ShouldContain("works slot 'Mon1' twice");
    }

    [Fact]
    public void Propose_DuplicatePupilIds_AreRefused() =>
        Should.Throw<ArgumentException>(() => AllocationProposer.Propose(Input([Practitioner("t1", Salt)], [Pupil("p1", Salt), Pupil("p1", Salt)])))
            .Message.ShouldContain("waiting pupil id 'p1' appears twice");

    [Fact]
    public void Propose_MoreThan64SlotsAWeek_IsRefused()
    {
        var input = Input([Practitioner("t1", Salt)], [Pupil("p1", Salt)]) with { Slots = Week(13) };

        Should.Throw<ArgumentException>(() => AllocationProposer.Propose(input)).Message.ShouldContain("65 slots");
    }

    [Fact]
    public void Propose_SixtyFourSlots_UsesTheLastSlotToo()
    {
        var slots = Enumerable.Range(0, 64).Select(i => new WeeklySlot($"s{i}", DayOfWeek.Monday + (i % 5))).ToList();
        var input = new AllocationInput(
            slots,
            [new AllocationPractitioner("t1", "T", [Salt], 1, 0, [new WorkingSlot("s63", Main)])],
            [new WaitingPupil("p1", "P", Salt, 1, 0, ["s63"], Main, [])],
            [new AllocationRoom("r", Main, [], ["s63"])]);

        AllocationProposer.Propose(input).Recommendations["p1"].ShouldBe("t1");
    }

    [Fact]
    public void Propose_EmptyWaitingList_ProposesNothing() =>
        AllocationProposer.Propose(Input([Practitioner("t1", Salt)], [])).Pupils.ShouldBeEmpty();
}
