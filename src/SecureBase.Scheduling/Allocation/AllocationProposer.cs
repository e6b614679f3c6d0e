namespace SecureBase.Scheduling.Allocation;

/// <summary>
/// Proposes practitioners for the waiting list, for the MDT to decide (West Heath: "the team allocate the student
/// to the most appropriate therapist, depending on the individual's needs and availability of therapists").
/// <para>
/// A pupil's <b>ranking</b> lists every practitioner whose discipline matches the need, ordered by: exact match
/// before related; at least one shared free slot before none; more free caseload places first; more shared free
/// slots first; then by practitioner id. A shared free slot is one where the practitioner works at the pupil's
/// site, the pupil is not in a protected lesson, and a room there with the features needed is free.
/// </para>
/// <para>
/// The <b>recommendation</b> is an exact optimal assignment of the whole waiting list (each pupil at most one
/// practitioner, each practitioner at most their free places, only matching pairs with a shared free slot),
/// best by <see cref="AllocationScore"/>: most priority-1 pupils placed, then priority 2, 3, 4, then most exact
/// matches, then most shared free slots, then the most weeks waited (the longest waits first).
/// </para>
/// The same input (in any list order) always gives the same proposal.
/// </summary>
public static class AllocationProposer
{
    /// <summary>Rankings and the recommended assignment for every waiting pupil.</summary>
    /// <exception cref="ArgumentException">The input is inconsistent (unknown slot, duplicate id, priority outside 1–4…).</exception>
    public static AllocationProposal Propose(AllocationInput input)
    {
        var c = CompiledAllocation.ForAll(input);
        var recommended = Recommend(c);
        var holders = new List<int>[c.Practitioners.Length];
        for (var t = 0; t < holders.Length; t++)
        {
            holders[t] = [];
        }

        for (var p = 0; p < c.Pupils.Length; p++)
        {
            if (recommended[p] >= 0)
            {
                holders[recommended[p]].Add(c.Pupils[p].Pupil.Priority);
            }
        }

        var byId = new Dictionary<string, PupilProposal>(StringComparer.Ordinal);
        for (var p = 0; p < c.Pupils.Length; p++)
        {
            byId[c.Pupils[p].Pupil.Id] = Build(c, c.Pupils[p], recommended[p], holders, recommendedIsHeld: true);
        }

        return new AllocationProposal([.. input.Pupils.Select(p => byId[p.Id])], Score(c, recommended));
    }

    /// <summary>
    /// The optimal assignment: for each compiled pupil the index of the recommended practitioner, or −1.
    /// <paramref name="order"/> (compiled pupil indices) only settles ties; tests pass other orders to show it.
    /// </summary>
    internal static int[] Recommend(CompiledAllocation c, IEnumerable<int>? order = null)
    {
        var objective = new AllocationObjective(c.Pupils);
        var freePlaces = c.Practitioners.Select(p => p.FreePlaces).ToArray();
        var edgeStart = new int[c.Pupils.Length + 1];
        var edgeTarget = new List<int>();
        var edgeValue = new List<Int128>();
        for (var p = 0; p < c.Pupils.Length; p++)
        {
            foreach (var candidate in c.Pupils[p].Candidates)
            {
                if (candidate.Shared != 0 && freePlaces[candidate.Practitioner] > 0)
                {
                    edgeTarget.Add(candidate.Practitioner);
                    edgeValue.Add(objective.Value(c.Pupils[p].Pupil, candidate));
                }
            }

            edgeStart[p + 1] = edgeTarget.Count;
        }

        // Most urgent, longest waiting first: any order is optimal, this one settles ties the way people expect.
        order ??= Enumerable.Range(0, c.Pupils.Length)
            .OrderBy(p => c.Pupils[p].Pupil.Priority)
            .ThenByDescending(p => c.Pupils[p].Pupil.WeeksWaited)
            .ThenBy(p => p);
        var targets = edgeTarget.ToArray();
        var assigned = CapacitatedAssignment.Solve(freePlaces, edgeStart, targets, [.. edgeValue], order);
        return [.. assigned.Select(e => e < 0 ? -1 : targets[e])];
    }

    /// <summary>
    /// One pupil's proposal without solving the whole list again: the ranking given the places recommended (or
    /// decided) for the other waiting pupils, e.g. <see cref="AllocationProposal.Recommendations"/>. The pupil's
    /// own entry in <paramref name="recommendations"/>, if any, is flagged as recommended. Returns null when the
    /// pupil is not on the waiting list.
    /// </summary>
    public static PupilProposal? ProposeFor(AllocationInput input, string pupilId, IReadOnlyDictionary<string, string> recommendations)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(recommendations);
        var pupil = input.Pupils.FirstOrDefault(p => string.Equals(p.Id, pupilId, StringComparison.Ordinal));
        if (pupil is null)
        {
            return null;
        }

        var c = CompiledAllocation.ForOne(input, pupil);
        var practitionerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < c.Practitioners.Length; t++)
        {
            practitionerIndex[c.Practitioners[t].Id] = t;
        }

        var priorities = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in input.Pupils)
        {
            priorities.TryAdd(p.Id, p.Priority);
        }

        var holders = new List<int>[c.Practitioners.Length];
        for (var t = 0; t < holders.Length; t++)
        {
            holders[t] = [];
        }

        var own = -1;
        foreach (var (other, practitionerId) in recommendations)
        {
            if (!practitionerIndex.TryGetValue(practitionerId, out var t))
            {
                continue;
            }

            if (string.Equals(other, pupilId, StringComparison.Ordinal))
            {
                own = t;
            }
            else if (priorities.TryGetValue(other, out var priority))
            {
                holders[t].Add(priority);
            }
        }

        return Build(c, c.Pupils[0], own, holders, recommendedIsHeld: false);
    }

    /// <summary>The ranking for one pupil on its own: every free place counts as free. Null when the pupil is not waiting.</summary>
    public static IReadOnlyList<PractitionerProposal>? Rank(AllocationInput input, string pupilId) =>
        ProposeFor(input, pupilId, new Dictionary<string, string>(StringComparer.Ordinal))?.Ranking;

    /// <param name="holders">Priorities of the waiting pupils given a place at each practitioner.</param>
    /// <param name="recommendedIsHeld">The pupil itself is among the holders of its recommended practitioner.</param>
    private static PupilProposal Build(CompiledAllocation c, CompiledPupil pupil, int recommended, List<int>[] holders, bool recommendedIsHeld)
    {
        var entries = new List<(PractitionerProposal Entry, int Practitioner)>(pupil.Candidates.Length);
        foreach (var candidate in pupil.Candidates)
        {
            var t = candidate.Practitioner;
            var forOthers = holders[t].Count - (recommendedIsHeld && t == recommended ? 1 : 0);
            var practitioner = c.Practitioners[t];
            entries.Add((new PractitionerProposal(
                practitioner.Id,
                practitioner.Name,
                candidate.Match,
                candidate.MatchedDiscipline,
                SlotIds(c, candidate.Shared),
                practitioner.Caseload,
                practitioner.Capacity,
                forOthers,
                t == recommended,
                AllocationReasons.ForPractitioner(c, pupil, candidate, forOthers)), t));
        }

        entries.Sort(static (a, b) =>
        {
            var x = a.Entry;
            var y = b.Entry;
            var c = y.Match.CompareTo(x.Match);
            if (c == 0)
            {
                c = (y.SharedSlots > 0).CompareTo(x.SharedSlots > 0);
            }

            if (c == 0)
            {
                c = y.FreeCapacity.CompareTo(x.FreeCapacity);
            }

            if (c == 0)
            {
                c = y.SharedSlots.CompareTo(x.SharedSlots);
            }

            return c != 0 ? c : a.Practitioner.CompareTo(b.Practitioner); // practitioners are indexed in id order
        });
        var ranking = entries.Select(e => e.Entry).ToList();

        var p = pupil.Pupil;
        if (recommended >= 0)
        {
            var chosen = ranking.Find(r => r.IsRecommended);
            var summary = chosen is null
                ? AllocationReasons.Recommended(c.Practitioners[recommended].Name, "Not a discipline match for this referral.")
                : AllocationReasons.Recommended(chosen.PractitionerName, chosen.Reason);
            return new PupilProposal(p.Id, p.Name, p.Priority, p.WeeksWaited, c.Practitioners[recommended].Id, null, summary, ranking);
        }

        var (why, count, holderCounts) = WhyNotPlaced(c, pupil, holders);
        var text = why is { } reason
            ? AllocationReasons.NotPlaced(c, pupil, reason, count, holderCounts)
            : $"No practitioner recommended yet: {count} matching practitioner{(count == 1 ? " has" : "s have")} shared free time and a free place.";
        return new PupilProposal(p.Id, p.Name, p.Priority, p.WeeksWaited, null, why, text, ranking);
    }

    private static (NotPlacedReason? Why, int Practitioners, (int, int, int) Holders) WhyNotPlaced(CompiledAllocation c, CompiledPupil pupil, List<int>[] holders)
    {
        if (pupil.Candidates.Length == 0)
        {
            return (NotPlacedReason.NoMatchingDiscipline, 0, default);
        }

        var sharing = pupil.Candidates.Where(x => x.Shared != 0).ToList();
        if (sharing.Count == 0)
        {
            return (NotPlacedReason.NoSharedTime, pupil.Candidates.Length, default);
        }

        var withPlaces = sharing.Where(x => c.Practitioners[x.Practitioner].FreePlaces > 0).ToList();
        if (withPlaces.Count == 0)
        {
            return (NotPlacedReason.CaseloadsFull, sharing.Count, default);
        }

        if (withPlaces.Exists(x => holders[x.Practitioner].Count < c.Practitioners[x.Practitioner].FreePlaces))
        {
            return (null, withPlaces.Count(x => holders[x.Practitioner].Count < c.Practitioners[x.Practitioner].FreePlaces), default);
        }

        var priority = pupil.Pupil.Priority;
        var others = withPlaces.SelectMany(x => holders[x.Practitioner]).ToList();
        return (NotPlacedReason.PlacesNeededByOthers, withPlaces.Count,
            (others.Count(o => o < priority), others.Count(o => o == priority), others.Count(o => o > priority)));
    }

    private static string[] SlotIds(CompiledAllocation c, ulong mask)
    {
        if (mask == 0)
        {
            return [];
        }

        var ids = new string[System.Numerics.BitOperations.PopCount(mask)];
        var n = 0;
        for (var rest = mask; rest != 0; rest &= rest - 1)
        {
            ids[n++] = c.Slots[System.Numerics.BitOperations.TrailingZeroCount(rest)].Id;
        }

        return ids;
    }

    internal static AllocationScore Score(CompiledAllocation c, int[] recommended)
    {
        var placed = new int[4];
        int exact = 0, related = 0, slots = 0;
        var weeks = 0;
        for (var p = 0; p < c.Pupils.Length; p++)
        {
            if (recommended[p] < 0)
            {
                continue;
            }

            var pupil = c.Pupils[p];
            var candidate = Array.Find(pupil.Candidates, x => x.Practitioner == recommended[p]);
            placed[pupil.Pupil.Priority - 1]++;
            if (candidate.Match == DisciplineMatch.Exact)
            {
                exact++;
            }
            else
            {
                related++;
            }

            slots += candidate.SharedCount;
            weeks += pupil.Pupil.WeeksWaited;
        }

        return new AllocationScore(placed, exact, related, slots, weeks);
    }
}
