using SecureBase.Scheduling.Allocation;

namespace SecureBase.Bench.Allocation;

/// <summary>
/// Checks a proposal without the solver's code: discipline matches from the bench's own reading of West Heath's
/// families of therapy, shared slots with sets of slot ids, capacities by counting, the score by adding up, and
/// optimality by looking for a negative-cost cycle in the residual graph (Bellman–Ford on vectors compared level
/// by level): an assignment is optimal exactly when no exchange of places along a cycle improves it.
/// </summary>
internal static class IndependentAllocationCheck
{
    private static readonly string[] Talking = [TherapyDisciplines.Counselling, TherapyDisciplines.Psychotherapy, TherapyDisciplines.Cbt];
    private static readonly string[] Creative = [TherapyDisciplines.PlayTherapy, TherapyDisciplines.ArtTherapy, TherapyDisciplines.DramaTherapy, TherapyDisciplines.MusicTherapy];

    /// <summary>0 none, 1 related, 2 exact: the default table as the ADR words it, written out again.</summary>
    public static int Match(string needed, string practised)
    {
        if (needed == practised)
        {
            return 2;
        }

        var related = (Talking.Contains(needed) && Talking.Contains(practised))
                      || (Creative.Contains(needed) && Creative.Contains(practised))
                      || (Talking.Contains(needed) && practised == TherapyDisciplines.ClinicalPsychology);
        return related ? 1 : 0;
    }

    public static int BestMatch(WaitingPupil p, AllocationPractitioner t) => t.Disciplines.Select(d => Match(p.Discipline, d)).DefaultIfEmpty(0).Max();

    public static HashSet<string> SharedSlots(AllocationInput input, Dictionary<string, List<AllocationRoom>> roomsBySite, WaitingPupil p, AllocationPractitioner t)
    {
        var free = p.FreeSlots.ToHashSet(StringComparer.Ordinal);
        var rooms = roomsBySite.GetValueOrDefault(p.SiteId) ?? [];
        var suitable = rooms.Where(r => p.RoomFeatures.All(f => r.Features.Contains(f, StringComparer.OrdinalIgnoreCase))).ToList();
        return t.Works.Where(w => w.SiteId == p.SiteId && free.Contains(w.SlotId) && suitable.Exists(r => r.FreeSlots.Contains(w.SlotId)))
            .Select(w => w.SlotId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Returns the problems found (none when the proposal is feasible, scored right and optimal).</summary>
    public static List<string> Check(AllocationInput input, AllocationProposal proposal)
    {
        var problems = new List<string>();
        var roomsBySite = input.Rooms.GroupBy(r => r.SiteId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var pupils = input.Pupils.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var team = input.Practitioners.ToDictionary(t => t.Id, StringComparer.Ordinal);

        // Feasibility and capacity.
        var load = new Dictionary<string, int>(StringComparer.Ordinal);
        var score = new long[7];
        foreach (var (pupilId, practitionerId) in proposal.Recommendations)
        {
            var p = pupils[pupilId];
            var t = team[practitionerId];
            var match = BestMatch(p, t);
            var shared = SharedSlots(input, roomsBySite, p, t).Count;
            if (match == 0 || shared == 0)
            {
                problems.Add($"{p.Id} recommended to {t.Id}: match {match}, shared slots {shared}");
            }

            load[t.Id] = load.GetValueOrDefault(t.Id) + 1;
            score[p.Priority - 1]++;
            score[4] += match == 2 ? 1 : 0;
            score[5] += shared;
            score[6] += p.WeeksWaited;
        }

        foreach (var (id, n) in load)
        {
            if (n > Math.Max(0, team[id].Capacity - team[id].Caseload))
            {
                problems.Add($"{id} is given {n} pupils but has {team[id].Capacity - team[id].Caseload} free places");
            }
        }

        var s = proposal.Score;
        long[] reported = [s.PlacedByPriority[0], s.PlacedByPriority[1], s.PlacedByPriority[2], s.PlacedByPriority[3], s.ExactMatches, s.TotalSharedSlots, s.TotalWeeksWaited];
        if (!reported.SequenceEqual(score))
        {
            problems.Add($"reported score {string.Join(",", reported)} but the recommendations add up to {string.Join(",", score)}");
        }

        foreach (var pp in proposal.Pupils)
        {
            if (pp.RecommendedPractitionerId is null && pp.NotPlaced is null)
            {
                problems.Add($"{pp.PupilId} has neither a recommendation nor a reason");
            }
        }

        if (problems.Count == 0 && FindImprovingCycle(input, roomsBySite, proposal.Recommendations) is { } cycle)
        {
            problems.Add("not optimal: " + cycle);
        }

        return problems;
    }

    /// <summary>
    /// Residual graph of the assignment (each pupil sends one unit to a practitioner or to "not placed"):
    /// nodes are pupils, practitioners and one sink; an edge's cost is minus the value it adds. Bellman–Ford
    /// from every node at once; a relaxation still possible after |V| rounds means a negative cycle.
    /// </summary>
    private static string? FindImprovingCycle(AllocationInput input, Dictionary<string, List<AllocationRoom>> roomsBySite, IReadOnlyDictionary<string, string> assignment)
    {
        var n = input.Pupils.Count;
        var m = input.Practitioners.Count;
        var sink = n + m;
        var tIndex = input.Practitioners.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var edges = new List<(int From, int To, Vec Cost)>();
        var load = new int[m];
        for (var p = 0; p < n; p++)
        {
            var pupil = input.Pupils[p];
            var mine = assignment.TryGetValue(pupil.Id, out var id) ? tIndex[id] : -1;
            if (mine >= 0)
            {
                load[mine]++;
            }

            for (var t = 0; t < m; t++)
            {
                var practitioner = input.Practitioners[t];
                if (practitioner.Capacity - practitioner.Caseload <= 0)
                {
                    continue;
                }

                var match = BestMatch(pupil, practitioner);
                if (match == 0)
                {
                    continue;
                }

                var shared = SharedSlots(input, roomsBySite, pupil, practitioner).Count;
                if (shared == 0)
                {
                    continue;
                }

                var value = Vec.Of(pupil.Priority, match == 2, shared, pupil.WeeksWaited);
                edges.Add(t == mine ? (n + t, p, value) : (p, n + t, value.Negate()));
            }

            edges.Add(mine >= 0 ? (p, sink, Vec.Zero) : (sink, p, Vec.Zero));
        }

        for (var t = 0; t < m; t++)
        {
            if (load[t] < input.Practitioners[t].Capacity - input.Practitioners[t].Caseload)
            {
                edges.Add((n + t, sink, Vec.Zero));
            }

            if (load[t] > 0)
            {
                edges.Add((sink, n + t, Vec.Zero));
            }
        }

        var dist = new Vec[sink + 1];
        for (var round = 0; round <= sink + 1; round++)
        {
            var changed = false;
            foreach (var (from, to, cost) in edges)
            {
                var d = dist[from].Add(cost);
                if (d.CompareTo(dist[to]) < 0)
                {
                    dist[to] = d;
                    changed = true;
                }
            }

            if (!changed)
            {
                return null;
            }
        }

        return "a cycle of exchanges improves the score";
    }

    /// <summary>Priority 1..4 placed, exact matches, shared slots, weeks waited: compared in that order.</summary>
    private readonly record struct Vec(long P1, long P2, long P3, long P4, long Exact, long Slots, long Weeks) : IComparable<Vec>
    {
        public static Vec Zero => default;

        public static Vec Of(int priority, bool exact, int slots, int weeks) =>
            new(priority == 1 ? 1 : 0, priority == 2 ? 1 : 0, priority == 3 ? 1 : 0, priority == 4 ? 1 : 0, exact ? 1 : 0, slots, weeks);

        public Vec Negate() => new(-P1, -P2, -P3, -P4, -Exact, -Slots, -Weeks);

        public Vec Add(Vec o) => new(P1 + o.P1, P2 + o.P2, P3 + o.P3, P4 + o.P4, Exact + o.Exact, Slots + o.Slots, Weeks + o.Weeks);

        public int CompareTo(Vec o)
        {
            Span<long> a = [P1, P2, P3, P4, Exact, Slots, Weeks];
            Span<long> b = [o.P1, o.P2, o.P3, o.P4, o.Exact, o.Slots, o.Weeks];
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return a[i].CompareTo(b[i]);
                }
            }

            return 0;
        }
    }
}
