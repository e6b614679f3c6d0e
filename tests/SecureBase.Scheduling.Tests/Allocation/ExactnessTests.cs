using SecureBase.Scheduling.Allocation;

namespace SecureBase.Scheduling.Tests.Allocation;

/// <summary>
/// The recommended assignment is optimal: on many small random waiting lists its score equals the best score
/// found by trying every assignment. The brute force computes shared slots with sets of slot ids, not masks.
/// </summary>
public sealed class ExactnessTests
{
    [Fact]
    public void Propose_OnSmallRandomWaitingLists_ScoresExactlyAsWellAsTryingEveryAssignment()
    {
        var rng = new Random(20261122);
        var instances = 400;
        var placedSomewhere = 0;
        for (var i = 0; i < instances; i++)
        {
            var input = SmallInstances.Random(rng);
            var proposal = AllocationProposer.Propose(input);

            var best = BruteForce.BestScore(input);
            var achieved = BruteForce.ScoreOf(input, proposal.Recommendations);
            achieved.ShouldBe(best, $"instance {i}: proposal {string.Join(", ", proposal.Recommendations.Select(r => r.Key + "→" + r.Value))}");
            ToTuple(proposal.Score).ShouldBe(achieved, $"instance {i}: the proposal reports the score of what it recommends");
            placedSomewhere += proposal.Score.Placed > 0 ? 1 : 0;
        }

        placedSomewhere.ShouldBeGreaterThan(instances / 2, "the random instances should mostly have something to place");
    }

    [Fact]
    public void Propose_AmongEquallyGoodAssignments_PlacesTheLongestWaitsFirst()
    {
        // "Longest waits first" read strictly: compare the waits of those placed, longest first, like words in
        // a dictionary. The total weeks waited gets there because placeable sets of pupils form a matroid.
        var rng = new Random(1234);
        for (var i = 0; i < 400; i++)
        {
            var input = SmallInstances.Random(rng);
            var all = BruteForce.All(input);
            var upper = all.Select(a => Upper(BruteForce.ScoreOf(input, a))).Max();
            var longestFirst = all.Where(a => Upper(BruteForce.ScoreOf(input, a)) == upper)
                .Select(a => BruteForce.WaitsLongestFirst(input, a)).Max(StringComparer.Ordinal);

            var proposal = AllocationProposer.Propose(input);

            BruteForce.WaitsLongestFirst(input, proposal.Recommendations).ShouldBe(longestFirst, $"instance {i}");
        }
    }

    [Fact]
    public void BruteForce_SeesADifferenceBetweenAssignments_SoTheComparisonCanFail()
    {
        var input = Waiting.Input(
            [Waiting.Practitioner("t1", TherapyDisciplines.SpeechAndLanguage, capacity: 1)],
            [Waiting.Pupil("urgent", TherapyDisciplines.SpeechAndLanguage, priority: 1), Waiting.Pupil("routine", TherapyDisciplines.SpeechAndLanguage, priority: 4)]);

        BruteForce.ScoreOf(input, new Dictionary<string, string> { ["routine"] = "t1" })
            .ShouldBeLessThan(BruteForce.BestScore(input));
    }

    private static (int, int, int, int, int, int) Upper((int, int, int, int, int, int, long) s) => (s.Item1, s.Item2, s.Item3, s.Item4, s.Item5, s.Item6);

    private static (int, int, int, int, int, int, long) ToTuple(AllocationScore s) =>
        (s.PlacedByPriority[0], s.PlacedByPriority[1], s.PlacedByPriority[2], s.PlacedByPriority[3], s.ExactMatches, s.TotalSharedSlots, s.TotalWeeksWaited);
}

/// <summary>Random waiting lists of up to 7 pupils and 4 practitioners with 0–2 free places, on 1–2 sites.</summary>
internal static class SmallInstances
{
    private static readonly string[] Disciplines =
        [TherapyDisciplines.Counselling, TherapyDisciplines.Psychotherapy, TherapyDisciplines.Cbt, TherapyDisciplines.PlayTherapy, TherapyDisciplines.SpeechAndLanguage];

    public static AllocationInput Random(Random rng)
    {
        var slots = Enumerable.Range(0, rng.Next(3, 9)).Select(i => new WeeklySlot($"s{i}", (DayOfWeek)(1 + (i % 5)))).ToList();
        string[] sites = rng.Next(3) == 0 ? ["north", "south"] : ["north"];
        string[] features = ["sand-tray", "sink"];

        IReadOnlyList<string> Some(double p) => [.. slots.Where(_ => rng.NextDouble() < p).Select(s => s.Id)];
        string Site() => sites[rng.Next(sites.Length)];

        var practitioners = Enumerable.Range(0, rng.Next(1, 5)).Select(i =>
        {
            var capacity = rng.Next(0, 6);
            var free = rng.Next(0, 3);
            return new AllocationPractitioner($"t{i}", $"Practitioner {i}", [Disciplines[rng.Next(Disciplines.Length)]], capacity, Math.Max(0, capacity - free),
                [.. Some(0.6).Select(s => new WorkingSlot(s, Site()))]);
        }).ToList();
        var pupils = Enumerable.Range(0, rng.Next(1, 8)).Select(i => new WaitingPupil(
            $"p{i}", $"Pupil {i}", Disciplines[rng.Next(Disciplines.Length)], rng.Next(1, 5), rng.Next(0, 30),
            Some(0.6), Site(), rng.Next(4) == 0 ? [features[rng.Next(2)]] : [])).ToList();
        var rooms = Enumerable.Range(0, rng.Next(1, 4)).Select(i => new AllocationRoom(
            $"r{i}", Site(), [.. features.Where(_ => rng.Next(2) == 0)], Some(0.7))).ToList();
        return new AllocationInput(slots, practitioners, pupils, rooms);
    }
}

/// <summary>Tries every assignment (each pupil: nobody, or any practitioner with a match, shared time and room).</summary>
internal static class BruteForce
{
    public static (int, int, int, int, int, int, long) BestScore(AllocationInput input) =>
        All(input).Select(a => ScoreOf(input, a)).Max();

    /// <summary>Every allowed assignment: pupil id → practitioner id.</summary>
    public static List<Dictionary<string, string>> All(AllocationInput input)
    {
        var options = input.Pupils.Select(p => input.Practitioners.Where(t => Feasible(input, p, t)).ToList()).ToList();
        var load = new Dictionary<string, int>(StringComparer.Ordinal);
        var choice = new AllocationPractitioner?[input.Pupils.Count];
        var all = new List<Dictionary<string, string>>();

        void Visit(int i)
        {
            if (i == input.Pupils.Count)
            {
                var assignment = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var k = 0; k < choice.Length; k++)
                {
                    if (choice[k] is { } t)
                    {
                        assignment[input.Pupils[k].Id] = t.Id;
                    }
                }

                all.Add(assignment);
                return;
            }

            choice[i] = null;
            Visit(i + 1);
            foreach (var t in options[i])
            {
                var used = load.GetValueOrDefault(t.Id);
                if (used < t.Capacity - t.Caseload)
                {
                    load[t.Id] = used + 1;
                    choice[i] = t;
                    Visit(i + 1);
                    load[t.Id] = used;
                }
            }

            choice[i] = null;
        }

        Visit(0);
        return all;
    }

    /// <summary>The score of an assignment, checking that it is allowed (a disallowed one fails the test).</summary>
    public static (int, int, int, int, int, int, long) ScoreOf(AllocationInput input, IReadOnlyDictionary<string, string> assignment)
    {
        var placed = new int[4];
        int exact = 0, slots = 0;
        long weeks = 0;
        var load = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (pupilId, practitionerId) in assignment)
        {
            var p = input.Pupils.Single(x => x.Id == pupilId);
            var t = input.Practitioners.Single(x => x.Id == practitionerId);
            Feasible(input, p, t).ShouldBeTrue($"{p.Id} cannot be placed with {t.Id}");
            load[t.Id] = load.GetValueOrDefault(t.Id) + 1;
            load[t.Id].ShouldBeLessThanOrEqualTo(t.Capacity - t.Caseload, $"{t.Id} is over capacity");
            placed[p.Priority - 1]++;
            exact += t.Disciplines.Any(d => input.DisciplineTable.Match(p.Discipline, d) == DisciplineMatch.Exact) ? 1 : 0;
            slots += SharedSlots(input, p, t).Count;
            weeks += p.WeeksWaited;
        }

        return (placed[0], placed[1], placed[2], placed[3], exact, slots, weeks);
    }

    /// <summary>The waits of the pupils placed, longest first, as text that sorts like the list ("030 012 003").</summary>
    public static string WaitsLongestFirst(AllocationInput input, IReadOnlyDictionary<string, string> assignment) =>
        string.Join(' ', assignment.Keys.Select(id => input.Pupils.Single(p => p.Id == id).WeeksWaited).OrderDescending().Select(w => w.ToString("000", System.Globalization.CultureInfo.InvariantCulture)));

    private static bool Feasible(AllocationInput input, WaitingPupil p, AllocationPractitioner t) =>
        t.Disciplines.Any(d => input.DisciplineTable.Match(p.Discipline, d) != DisciplineMatch.None) && SharedSlots(input, p, t).Count > 0;

    private static HashSet<string> SharedSlots(AllocationInput input, WaitingPupil p, AllocationPractitioner t)
    {
        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in t.Works.Where(w => w.SiteId == p.SiteId && p.FreeSlots.Contains(w.SlotId)))
        {
            var roomFree = input.Rooms.Any(r => r.SiteId == p.SiteId && r.FreeSlots.Contains(w.SlotId)
                                                && p.RoomFeatures.All(f => r.Features.Contains(f, StringComparer.OrdinalIgnoreCase)));
            if (roomFree)
            {
                shared.Add(w.SlotId);
            }
        }

        return shared;
    }
}
