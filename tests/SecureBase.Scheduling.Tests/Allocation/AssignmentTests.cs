using SecureBase.Scheduling.Allocation;
using static SecureBase.Scheduling.Tests.Allocation.Waiting;

namespace SecureBase.Scheduling.Tests.Allocation;

public sealed class AssignmentTests
{
    private const string Salt = TherapyDisciplines.SpeechAndLanguage;
    private const string Counselling = TherapyDisciplines.Counselling;

    [Fact]
    public void Propose_NeverGivesAPractitionerMorePupilsThanFreePlaces()
    {
        var input = Input(
            [Practitioner("t1", Salt, capacity: 10, caseload: 8), Practitioner("t2", Salt, capacity: 5, caseload: 4)],
            [.. Enumerable.Range(1, 6).Select(i => Pupil($"p{i}", Salt))]);

        var proposal = AllocationProposer.Propose(input);

        proposal.Recommendations.Values.Count(t => t == "t1").ShouldBe(2);
        proposal.Recommendations.Values.Count(t => t == "t2").ShouldBe(1);
        proposal.Score.Placed.ShouldBe(3);
    }

    [Fact]
    public void Propose_UrgentPupil_GetsTheLastFreePlace_OverARoutinePupilWhoWaitedLonger()
    {
        var input = Input(
            [Practitioner("t1", Salt, capacity: 20, caseload: 19)],
            [Pupil("routine", Salt, priority: 4, weeks: 40), Pupil("urgent", Salt, priority: 1, weeks: 1)]);

        var proposal = AllocationProposer.Propose(input);

        proposal.For("urgent")!.RecommendedPractitionerId.ShouldBe("t1");
        var routine = proposal.For("routine")!;
        routine.RecommendedPractitionerId.ShouldBeNull();
        routine.NotPlaced.ShouldBe(NotPlacedReason.PlacesNeededByOthers);
        routine.Summary.ShouldBe("Not placed: the free places of the matching practitioner who shares free time with routine are proposed for other waiting pupils (1 more urgent).");
    }

    [Fact]
    public void Propose_MovesAPupilToAnotherPractitioner_SoThatBothArePlaced()
    {
        // Greedy by urgency would give 'flexible' the first practitioner and leave 'tied' without anyone.
        var input = Input(
            [Practitioner("a", Salt, capacity: 1, works: Days("Mon", "Tue")), Practitioner("b", Salt, capacity: 1, works: Days("Wed"))],
            [Pupil("flexible", Salt, priority: 1, free: Days("Mon", "Wed")), Pupil("tied", Salt, priority: 2, free: Days("Tue"))]);

        var proposal = AllocationProposer.Propose(input);

        proposal.Recommendations.ShouldBe(new Dictionary<string, string> { ["flexible"] = "b", ["tied"] = "a" }, ignoreOrder: true);
    }

    [Fact]
    public void Propose_PrefersAnExactMatch_WhenUrgencyIsEqual()
    {
        var input = Input(
            [Practitioner("psy", TherapyDisciplines.Psychotherapy, capacity: 1), Practitioner("couns", Counselling, capacity: 1)],
            [Pupil("needs-counselling", Counselling), Pupil("needs-psychotherapy", TherapyDisciplines.Psychotherapy)]);

        var proposal = AllocationProposer.Propose(input);

        proposal.Recommendations["needs-counselling"].ShouldBe("couns");
        proposal.Recommendations["needs-psychotherapy"].ShouldBe("psy");
        proposal.Score.ExactMatches.ShouldBe(2);
    }

    [Fact]
    public void Propose_AmongEquallyUrgentAndEquallyFlexiblePupils_TheLongestWaitGoesFirst()
    {
        var input = Input(
            [Practitioner("t1", Salt, capacity: 1)],
            [Pupil("waited-3", Salt, priority: 2, weeks: 3), Pupil("waited-30", Salt, priority: 2, weeks: 30), Pupil("waited-12", Salt, priority: 2, weeks: 12)]);

        AllocationProposer.Propose(input).Recommendations.ShouldBe(new Dictionary<string, string> { ["waited-30"] = "t1" });
    }

    [Fact]
    public void Propose_MoreSharedSlotsBreakTiesBeforeWaitingTime()
    {
        var input = Input(
            [Practitioner("t1", Salt, capacity: 1)],
            [Pupil("waited-long", Salt, weeks: 30, free: ["Mon1"]), Pupil("more-flexible", Salt, weeks: 2, free: Days("Mon"))]);

        AllocationProposer.Propose(input).Recommendations.ShouldBe(new Dictionary<string, string> { ["more-flexible"] = "t1" });
    }

    [Fact]
    public void Propose_FlagsTheRecommendedPractitionerInTheRanking_AndShowsPlacesProposedForOthers()
    {
        var input = Input(
            [Practitioner("t1", Salt, capacity: 10, caseload: 8), Practitioner("t2", Salt, capacity: 10, caseload: 9, works: ["Mon1"])],
            [Pupil("p1", Salt, priority: 1, free: ["Tue1"]), Pupil("p2", Salt, priority: 1, free: ["Tue1"]), Pupil("p3", Salt, priority: 2)]);

        var proposal = AllocationProposer.Propose(input);
        var p3 = proposal.For("p3")!;

        p3.RecommendedPractitionerId.ShouldBe("t2");
        p3.Recommended!.PractitionerId.ShouldBe("t2");
        p3.Ranking.Count(r => r.IsRecommended).ShouldBe(1);
        var t1 = p3.Ranking.Single(r => r.PractitionerId == "t1");
        t1.PlacesProposedForOthers.ShouldBe(2);
        t1.IsFull.ShouldBeTrue();
        t1.Reason.ShouldBe("Exact match (speech and language therapy); 20 shared free slots; no free place: caseload 8/10, 2 places proposed for other pupils");
        p3.Summary.ShouldBe("Recommended: t2. Exact match (speech and language therapy); 1 shared free slot; caseload 9/10");
        proposal.For("p1")!.Recommended!.Reason.ShouldEndWith("caseload 8/10, 1 place proposed for other pupils");
    }

    [Fact]
    public void NotPlaced_NoPractitionerOfTheDiscipline_SaysSo()
    {
        var input = Input([Practitioner("t1", Salt)], [Pupil("p1", TherapyDisciplines.MusicTherapy)]);

        var p1 = AllocationProposer.Propose(input).For("p1")!;

        p1.NotPlaced.ShouldBe(NotPlacedReason.NoMatchingDiscipline);
        p1.Ranking.ShouldBeEmpty();
        p1.Summary.ShouldBe("Not placed: no one in the team practises music therapy or a related discipline.");
    }

    [Fact]
    public void NotPlaced_MatchingPractitionersButNoSharedTime_SaysSo()
    {
        var input = Input(
            [Practitioner("t1", Salt, works: Days("Tue")), Practitioner("t2", Salt, works: Days("Thu"))],
            [Pupil("p1", Salt, free: Days("Mon"), name: "Jamal")]);

        var p1 = AllocationProposer.Propose(input).For("p1")!;

        p1.NotPlaced.ShouldBe(NotPlacedReason.NoSharedTime);
        p1.Ranking.Count.ShouldBe(2);
        p1.Summary.ShouldBe("Not placed: none of the 2 matching practitioners works at Jamal's site when Jamal is free and a suitable room is free.");
    }

    [Fact]
    public void NotPlaced_AllMatchingPractitionersFull_SaysSo()
    {
        var input = Input(
            [Practitioner("t1", Salt, capacity: 22, caseload: 22), Practitioner("t2", Salt, capacity: 10, caseload: 12)],
            [Pupil("p1", Salt, name: "Ava")]);

        var p1 = AllocationProposer.Propose(input).For("p1")!;

        p1.NotPlaced.ShouldBe(NotPlacedReason.CaseloadsFull);
        p1.Summary.ShouldBe("Not placed: all 2 matching practitioners who share free time with Ava have full caseloads.");
        p1.Ranking.ShouldAllBe(r => r.Reason.Contains("caseload full"));
    }

    [Fact]
    public void NotPlaced_PlacesGoneToOthers_CountsThemByUrgency()
    {
        var input = Input(
            [Practitioner("t1", Salt, capacity: 2)],
            [Pupil("urgent", Salt, priority: 1), Pupil("same", Salt, priority: 3, weeks: 20), Pupil("me", Salt, priority: 3, weeks: 1, name: "Sam")]);

        var me = AllocationProposer.Propose(input).For("me")!;

        me.NotPlaced.ShouldBe(NotPlacedReason.PlacesNeededByOthers);
        me.Summary.ShouldBe("Not placed: the free places of the matching practitioner who shares free time with Sam are proposed for other waiting pupils (1 more urgent and 1 of the same priority).");
    }

    [Fact]
    public void Propose_ListsPupilsInTheInputOrder_AndScoresWhatItRecommends()
    {
        var input = Input(
            [Practitioner("t1", Salt, capacity: 1), Practitioner("t2", TherapyDisciplines.Psychotherapy, capacity: 1, works: ["Mon1", "Mon2"])],
            [Pupil("zoe", Salt, priority: 2, weeks: 4), Pupil("adam", Counselling, priority: 1, weeks: 3), Pupil("mo", Salt, priority: 4)]);

        var proposal = AllocationProposer.Propose(input);

        proposal.Pupils.Select(p => p.PupilId).ShouldBe(["zoe", "adam", "mo"]);
        proposal.Score.PlacedByPriority.ShouldBe([1, 1, 0, 0]);
        proposal.Score.ExactMatches.ShouldBe(1);
        proposal.Score.RelatedMatches.ShouldBe(1);
        proposal.Score.TotalSharedSlots.ShouldBe(20 + 2);
        proposal.Score.TotalWeeksWaited.ShouldBe(4 + 3);
    }
}
