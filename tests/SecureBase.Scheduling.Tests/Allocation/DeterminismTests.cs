using SecureBase.Scheduling.Allocation;

namespace SecureBase.Scheduling.Tests.Allocation;

public sealed class DeterminismTests
{
    [Fact]
    public void Propose_SameInputTwice_GivesTheSameProposal()
    {
        var rng = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            var input = SmallInstances.Random(rng);

            Render(AllocationProposer.Propose(input)).ShouldBe(Render(AllocationProposer.Propose(input)));
        }
    }

    [Fact]
    public void Propose_ListsInAnotherOrder_GiveTheSameRecommendationsAndRankings()
    {
        var rng = new Random(11);
        var differentOrderSeen = 0;
        for (var i = 0; i < 100; i++)
        {
            var input = SmallInstances.Random(rng);
            var shuffled = input with
            {
                Practitioners = [.. input.Practitioners.Reverse()],
                Pupils = [.. input.Pupils.OrderBy(_ => rng.Next())],
                Rooms = [.. input.Rooms.Reverse()],
            };
            differentOrderSeen += input.Pupils.Select(p => p.Id).SequenceEqual(shuffled.Pupils.Select(p => p.Id)) ? 0 : 1;

            var a = AllocationProposer.Propose(input);
            var b = AllocationProposer.Propose(shuffled);

            b.Pupils.Select(p => p.PupilId).ShouldBe(shuffled.Pupils.Select(p => p.Id), "pupils come back in the order given");
            Render(b, byId: true).ShouldBe(Render(a, byId: true), $"instance {i}");
        }

        differentOrderSeen.ShouldBeGreaterThan(20);
    }

    [Fact]
    public void ProposeFor_WithTheProposalsRecommendations_ShowsWhatTheFullProposalShows()
    {
        var rng = new Random(3);
        for (var i = 0; i < 100; i++)
        {
            var input = SmallInstances.Random(rng);
            var proposal = AllocationProposer.Propose(input);
            foreach (var pupil in proposal.Pupils)
            {
                var single = AllocationProposer.ProposeFor(input, pupil.PupilId, proposal.Recommendations)!;

                Render(single).ShouldBe(Render(pupil), $"instance {i}, pupil {pupil.PupilId}");
            }
        }
    }

    [Fact]
    public void ProposeFor_UnknownPupil_IsNull() =>
        AllocationProposer.ProposeFor(
            Waiting.Input([Waiting.Practitioner("t1", TherapyDisciplines.Cbt)], [Waiting.Pupil("p1", TherapyDisciplines.Cbt)]),
            "p2",
            new Dictionary<string, string>()).ShouldBeNull();

    [Fact]
    public void ProposeFor_TeamDecisionLeavingPlacesFree_SaysNoOneIsRecommendedYet()
    {
        var input = Waiting.Input([Waiting.Practitioner("t1", TherapyDisciplines.Cbt, capacity: 2)], [Waiting.Pupil("p1", TherapyDisciplines.Cbt), Waiting.Pupil("p2", TherapyDisciplines.Cbt)]);

        var p2 = AllocationProposer.ProposeFor(input, "p2", new Dictionary<string, string> { ["p1"] = "t1" })!;

        p2.RecommendedPractitionerId.ShouldBeNull();
        p2.NotPlaced.ShouldBeNull();
        p2.Summary.ShouldBe("No practitioner recommended yet: 1 matching practitioner has shared free time and a free place.");
        p2.Ranking.Single().PlacesProposedForOthers.ShouldBe(1);
    }

    private static string Render(AllocationProposal proposal, bool byId = false) =>
        string.Join("\n", (byId ? proposal.Pupils.OrderBy(p => p.PupilId, StringComparer.Ordinal) : proposal.Pupils.AsEnumerable()).Select(Render))
        + "\n" + proposal.Score;

    private static string Render(PupilProposal p) =>
        $"{p.PupilId} → {p.RecommendedPractitionerId ?? "-"} ({p.NotPlaced}) {p.Summary}\n"
        + string.Join("\n", p.Ranking.Select(r =>
            $"  {r.PractitionerId} {r.Match} {string.Join(',', r.SharedSlotIds)} {r.PlacesProposedForOthers} {r.IsRecommended} {r.Reason}"));
}
