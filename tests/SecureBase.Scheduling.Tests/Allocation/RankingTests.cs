using SecureBase.Scheduling.Allocation;
using static SecureBase.Scheduling.Tests.Allocation.Waiting;

namespace SecureBase.Scheduling.Tests.Allocation;

public sealed class RankingTests
{
    private const string Salt = TherapyDisciplines.SpeechAndLanguage;
    private const string Counselling = TherapyDisciplines.Counselling;
    private const string Psychotherapy = TherapyDisciplines.Psychotherapy;

    [Fact]
    public void Rank_ExactMatch_ComesBeforeRelated_EvenWithLessCapacityAndFewerSlots()
    {
        var input = Input(
            [
                Practitioner("related", Psychotherapy, capacity: 20, caseload: 0),
                Practitioner("exact", Counselling, capacity: 20, caseload: 19, works: ["Mon1"]),
            ],
            [Pupil("p1", Counselling)]);

        AllocationProposer.Rank(input, "p1")!.Select(r => r.PractitionerId).ShouldBe(["exact", "related"]);
    }

    [Fact]
    public void Rank_OrdersBySharedTimeThenFreeCapacityThenSharedSlotsThenId()
    {
        var input = Input(
            [
                Practitioner("e-no-time", Salt, capacity: 30, caseload: 0, works: Days("Fri")),
                Practitioner("d-two-free-few-slots", Salt, capacity: 10, caseload: 8, works: ["Mon1"]),
                Practitioner("c-two-free-many-slots", Salt, capacity: 10, caseload: 8, works: Days("Mon", "Tue")),
                Practitioner("b-five-free", Salt, capacity: 10, caseload: 5, works: ["Mon1"]),
                Practitioner("a-two-free-few-slots", Salt, capacity: 12, caseload: 10, works: ["Mon2"]),
                Practitioner("z-full", Salt, capacity: 10, caseload: 10),
            ],
            [Pupil("p1", Salt, free: Days("Mon", "Tue", "Wed", "Thu"))]);

        AllocationProposer.Rank(input, "p1")!.Select(r => r.PractitionerId).ShouldBe(
        [
            "b-five-free",
            "c-two-free-many-slots",
            "a-two-free-few-slots",
            "d-two-free-few-slots",
            "z-full",
            "e-no-time",
        ]);
    }

    [Fact]
    public void Rank_PractitionersWithoutADisciplineMatch_AreNotListed()
    {
        var input = Input(
            [Practitioner("ot", TherapyDisciplines.OccupationalTherapy), Practitioner("salt", Salt)],
            [Pupil("p1", Salt)]);

        AllocationProposer.Rank(input, "p1")!.Select(r => r.PractitionerId).ShouldBe(["salt"]);
    }

    [Fact]
    public void Rank_PractitionerWithSeveralDisciplines_IsRankedByTheBestMatch()
    {
        var input = Input(
            [new AllocationPractitioner("t1", "Ms Reid", [Psychotherapy, Counselling], 10, 0, [new WorkingSlot("Mon1", Main)])],
            [Pupil("p1", Counselling)]);

        var entry = AllocationProposer.Rank(input, "p1")!.Single();

        entry.Match.ShouldBe(DisciplineMatch.Exact);
        entry.MatchedDiscipline.ShouldBe(Counselling);
    }

    [Fact]
    public void Reason_ExactMatch_GivesDisciplineSharedSlotsAndCaseload()
    {
        var input = Input(
            [Practitioner("t1", Salt, capacity: 22, caseload: 18, works: ["Mon1", "Tue2", "Wed3"])],
            [Pupil("p1", Salt)]);

        AllocationProposer.Rank(input, "p1")!.Single().Reason.ShouldBe("Exact match (speech and language therapy); 3 shared free slots; caseload 18/22");
    }

    [Fact]
    public void Reason_RelatedWithoutSharedTime_SaysWhichDaysClashWithProtectedLessons()
    {
        var input = Input(
            [Practitioner("t1", Psychotherapy, capacity: 20, caseload: 12, works: Days("Tue", "Thu"))],
            [Pupil("p1", Counselling, free: Days("Mon", "Wed", "Fri"), name: "Jamal")]);

        AllocationProposer.Rank(input, "p1")!.Single().Reason.ShouldBe(
            "Related discipline (psychotherapy for a counselling referral); no shared free time: works Tue and Thu only, when Jamal has protected lessons; caseload 12/20");
    }

    [Fact]
    public void Reason_NoSuitableRoom_NamesTheFeatures()
    {
        var input = Input(
            [Practitioner("t1", TherapyDisciplines.PlayTherapy)],
            [Pupil("p1", TherapyDisciplines.PlayTherapy, features: ["sand-tray"], name: "Amira")],
            [Room("plain")]);

        AllocationProposer.Rank(input, "p1")!.Single().Reason.ShouldBe(
            "Exact match (play therapy); no shared free time: no room with sand-tray is free when both are; caseload 0/10");
    }

    [Fact]
    public void Reason_PractitionerAtOtherSites_SaysSo()
    {
        var input = Input(
            [Practitioner("t1", Salt, site: "north", caseload: 3)],
            [Pupil("p1", Salt, site: "south", name: "Leo")],
            [Room("r1", site: "south")]);

        AllocationProposer.Rank(input, "p1")!.Single().Reason.ShouldBe(
            "Exact match (speech and language therapy); no shared free time: does not work at Leo's site; caseload 3/10");
    }

    [Fact]
    public void Reason_PractitionerAtPupilsSiteOnSomeDaysOnly_NamesThoseDays()
    {
        var works = Days("Mon").Select(s => new WorkingSlot(s, "north")).Concat(Days("Wed").Select(s => new WorkingSlot(s, "south"))).ToList();
        var input = Input(
            [new AllocationPractitioner("t1", "Mr Shah", [Salt], 10, 2, works)],
            [Pupil("p1", Salt, site: "south", free: Days("Mon", "Tue"), name: "Leo")],
            [Room("r1", site: "south")]);

        AllocationProposer.Rank(input, "p1")!.Single().Reason.ShouldBe(
            "Exact match (speech and language therapy); no shared free time: at Leo's site only on Wed, when Leo has protected lessons; caseload 2/10");
    }

    [Fact]
    public void Reason_FullCaseload_IsStillListedAndMarkedFull()
    {
        var input = Input(
            [Practitioner("full", Salt, capacity: 22, caseload: 22, works: ["Mon1"]), Practitioner("free", Salt, capacity: 22, caseload: 3, works: ["Mon1"])],
            [Pupil("p1", Salt)]);

        var ranking = AllocationProposer.Rank(input, "p1")!;

        ranking.Select(r => r.PractitionerId).ShouldBe(["free", "full"]);
        var full = ranking[1];
        full.IsFull.ShouldBeTrue();
        full.Reason.ShouldBe("Exact match (speech and language therapy); 1 shared free slot; caseload full (22/22)");
    }

    [Fact]
    public void Rank_UnknownPupil_IsNull() =>
        AllocationProposer.Rank(Input([Practitioner("t1", Salt)], [Pupil("p1", Salt)]), "nobody").ShouldBeNull();
}
