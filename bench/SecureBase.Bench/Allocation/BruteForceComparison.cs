using SecureBase.Scheduling.Allocation;

namespace SecureBase.Bench.Allocation;

/// <summary>
/// Small random waiting lists (up to 7 pupils, 4 practitioners with 0–2 free places, 1–2 sites): the proposal's
/// score against the best score of every possible assignment, tried one by one.
/// </summary>
internal static class BruteForceComparison
{
    private static readonly string[] Disciplines =
        [TherapyDisciplines.Counselling, TherapyDisciplines.Psychotherapy, TherapyDisciplines.ClinicalPsychology, TherapyDisciplines.PlayTherapy, TherapyDisciplines.SpeechAndLanguage];

    /// <summary>Returns (instances, agreeing, largest number of assignments tried for one instance).</summary>
    public static (int Instances, int Agree, long MostAssignments) Run(int instances, int seed)
    {
        var rng = new Random(seed);
        var agree = 0;
        long most = 0;
        for (var i = 0; i < instances; i++)
        {
            var input = Small(rng);
            var proposal = AllocationProposer.Propose(input);
            var (best, tried) = Best(input);
            most = Math.Max(most, tried);
            var s = proposal.Score;
            long[] ours = [s.PlacedByPriority[0], s.PlacedByPriority[1], s.PlacedByPriority[2], s.PlacedByPriority[3], s.ExactMatches, s.TotalSharedSlots, s.TotalWeeksWaited];
            agree += ours.SequenceEqual(best) && IndependentAllocationCheck.Check(input, proposal).Count == 0 ? 1 : 0;
        }

        return (instances, agree, most);
    }

    private static AllocationInput Small(Random rng)
    {
        var slots = Enumerable.Range(0, rng.Next(3, 9)).Select(i => new WeeklySlot($"s{i}", (DayOfWeek)(1 + (i % 5)))).ToList();
        string[] sites = rng.Next(3) == 0 ? ["a", "b"] : ["a"];
        string[] features = ["sand-tray", "sink"];
        IReadOnlyList<string> Some(double share) => [.. slots.Where(_ => rng.NextDouble() < share).Select(s => s.Id)];

        var practitioners = Enumerable.Range(0, rng.Next(1, 5)).Select(i =>
        {
            var capacity = rng.Next(2, 8);
            return new AllocationPractitioner($"t{i}", $"T{i}", [Disciplines[rng.Next(Disciplines.Length)]], capacity, capacity - rng.Next(0, 3),
                [.. Some(0.6).Select(s => new WorkingSlot(s, sites[rng.Next(sites.Length)]))]);
        }).ToList();
        var pupils = Enumerable.Range(0, rng.Next(1, 8)).Select(i => new WaitingPupil($"p{i}", $"P{i}", Disciplines[rng.Next(Disciplines.Length)],
            rng.Next(1, 5), rng.Next(0, 40), Some(0.6), sites[rng.Next(sites.Length)], rng.Next(4) == 0 ? [features[rng.Next(2)]] : [])).ToList();
        var rooms = Enumerable.Range(0, rng.Next(1, 4)).Select(i => new AllocationRoom($"r{i}", sites[rng.Next(sites.Length)],
            [.. features.Where(_ => rng.Next(2) == 0)], Some(0.7))).ToList();
        return new AllocationInput(slots, practitioners, pupils, rooms);
    }

    /// <summary>Every assignment (each pupil: nobody or any allowed practitioner with a place left), best score kept.</summary>
    private static (long[] Best, long Tried) Best(AllocationInput input)
    {
        var roomsBySite = input.Rooms.GroupBy(r => r.SiteId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var options = input.Pupils.Select(p => input.Practitioners.Select((t, i) => (t, i))
            .Where(x => IndependentAllocationCheck.BestMatch(p, x.t) > 0)
            .Select(x => (x.i, Exact: IndependentAllocationCheck.BestMatch(p, x.t) == 2, Shared: IndependentAllocationCheck.SharedSlots(input, roomsBySite, p, x.t).Count))
            .Where(x => x.Shared > 0).ToList()).ToList();
        var left = input.Practitioners.Select(t => Math.Max(0, t.Capacity - t.Caseload)).ToArray();
        var current = new long[7];
        var best = new long[7];
        Array.Fill(best, -1);
        long tried = 0;

        void Visit(int k)
        {
            if (k == input.Pupils.Count)
            {
                tried++;
                if (Better(current, best))
                {
                    current.CopyTo(best, 0);
                }

                return;
            }

            Visit(k + 1);
            var p = input.Pupils[k];
            foreach (var (t, exact, shared) in options[k])
            {
                if (left[t] == 0)
                {
                    continue;
                }

                left[t]--;
                long[] add = [p.Priority == 1 ? 1 : 0, p.Priority == 2 ? 1 : 0, p.Priority == 3 ? 1 : 0, p.Priority == 4 ? 1 : 0, exact ? 1 : 0, shared, p.WeeksWaited];
                for (var j = 0; j < 7; j++)
                {
                    current[j] += add[j];
                }

                Visit(k + 1);
                for (var j = 0; j < 7; j++)
                {
                    current[j] -= add[j];
                }

                left[t]++;
            }
        }

        Visit(0);
        return (best, tried);
    }

    private static bool Better(long[] a, long[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return a[i] > b[i];
            }
        }

        return false;
    }
}
