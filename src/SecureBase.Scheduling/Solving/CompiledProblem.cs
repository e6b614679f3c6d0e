using SecureBase.Scheduling.Model;

namespace SecureBase.Scheduling.Solving;

/// <summary>
/// The instance turned into integer-indexed arrays for the search. Each session gets its list of candidate
/// (slot, room) pairs that rules 2 and 3 allow, each with its fixed cost (room type, avoided lessons, change from
/// last week); rules 4 and 5 and the per-day room cost depend on the other sessions and are kept by <see cref="SearchState"/>.
/// </summary>
internal sealed class CompiledProblem
{
    public int SessionCount { get; }
    public int SlotCount { get; }
    public int RoomCount { get; }
    public int PractitionerCount { get; }
    public int PupilCount { get; }
    public int DayCount { get; }

    public int UnplacedWeight { get; }
    public int ExtraRoomWeight { get; }

    /// <summary>Day index of each slot.</summary>
    public int[] SlotDay { get; }

    /// <summary>Slots of day d are <c>DaySlotList[DaySlotStart[d]..DaySlotStart[d+1]]</c>.</summary>
    public int[] DaySlotStart { get; }
    public int[] DaySlotList { get; }

    public int[] SessionPractitioner { get; }
    public int[] SessionSite { get; }

    /// <summary>Pupils of session s are <c>PupilList[PupilStart[s]..PupilStart[s+1]]</c>.</summary>
    public int[] PupilStart { get; }
    public int[] PupilList { get; }

    /// <summary>Candidates of session s are indices <c>CandidateStart[s]..CandidateStart[s+1]</c>, ordered by slot then room.</summary>
    public int[] CandidateStart { get; }
    public int[] CandidateSlot { get; }
    public int[] CandidateRoom { get; }
    public int[] CandidateCost { get; }

    /// <summary>The candidate's room as an index among the rooms its practitioner can use (for the per-day room count).</summary>
    public int[] CandidatePractitionerRoom { get; }

    /// <summary>Rooms the practitioner can use at all, and where their per-day counters start in <see cref="SearchState"/>.</summary>
    public int[] PractitionerRoomCount { get; }
    public int[] PractitionerRoomBase { get; }
    public int PractitionerDayRoomTotal { get; }

    /// <summary>Candidate lookup: <c>CandidateLookup[LookupStart[s] + slot * SiteRoomCount[site] + RoomInSite[room]]</c>, or -1.</summary>
    public int[] LookupStart { get; }
    public int[] CandidateLookup { get; }
    public int[] RoomSite { get; }
    public int[] RoomInSite { get; }
    public int[] SiteRoomCount { get; }

    /// <summary>Last week's placement as a candidate index where it is still allowed, else -1.</summary>
    public int[] PreviousCandidate { get; }

    public CompiledProblem(ScheduleInstance instance)
    {
        var slotIndex = IndexOf(instance.Slots, s => s.Id);
        var roomIndex = IndexOf(instance.Rooms, r => r.Id);
        var practitionerIndex = IndexOf(instance.Practitioners, p => p.Id);
        var pupilIndex = IndexOf(instance.Pupils, p => p.Id);
        var dayIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var siteIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        SessionCount = instance.Sessions.Count;
        SlotCount = instance.Slots.Count;
        RoomCount = instance.Rooms.Count;
        PractitionerCount = instance.Practitioners.Count;
        PupilCount = instance.Pupils.Count;
        UnplacedWeight = instance.Weights.Unplaced;
        ExtraRoomWeight = instance.Weights.ExtraRoomPerDay;
        var w = instance.Weights;

        SlotDay = new int[SlotCount];
        for (var t = 0; t < SlotCount; t++)
        {
            var day = instance.Slots[t].Day;
            if (!dayIndex.TryGetValue(day, out var d))
            {
                d = dayIndex.Count;
                dayIndex[day] = d;
            }

            SlotDay[t] = d;
        }

        DayCount = Math.Max(1, dayIndex.Count);
        DaySlotStart = new int[DayCount + 1];
        DaySlotList = Enumerable.Range(0, SlotCount).OrderBy(t => SlotDay[t]).ThenBy(t => t).ToArray();
        for (var t = 0; t < SlotCount; t++)
        {
            DaySlotStart[SlotDay[t] + 1]++;
        }

        for (var d = 0; d < DayCount; d++)
        {
            DaySlotStart[d + 1] += DaySlotStart[d];
        }

        RoomSite = new int[RoomCount];
        RoomInSite = new int[RoomCount];
        var siteRooms = new List<List<int>>();
        for (var r = 0; r < RoomCount; r++)
        {
            var site = SiteOf(siteIndex, siteRooms, instance.Rooms[r].Site);
            RoomSite[r] = site;
            RoomInSite[r] = siteRooms[site].Count;
            siteRooms[site].Add(r);
        }

        var roomUnavailable = new bool[RoomCount * SlotCount];
        var roomFeatures = new HashSet<string>[RoomCount];
        for (var r = 0; r < RoomCount; r++)
        {
            foreach (var slot in instance.Rooms[r].Unavailable)
            {
                roomUnavailable[(r * SlotCount) + slotIndex[slot]] = true;
            }

            roomFeatures[r] = new HashSet<string>(instance.Rooms[r].Features, StringComparer.Ordinal);
        }

        var practitionerAvailable = new bool[PractitionerCount * SlotCount];
        for (var p = 0; p < PractitionerCount; p++)
        {
            foreach (var slot in instance.Practitioners[p].Available)
            {
                practitionerAvailable[(p * SlotCount) + slotIndex[slot]] = true;
            }
        }

        var pupilProtected = new bool[PupilCount * SlotCount];
        var pupilAvoids = new bool[PupilCount * SlotCount];
        var pupilSite = new int[PupilCount];
        for (var u = 0; u < PupilCount; u++)
        {
            var pupil = instance.Pupils[u];
            pupilSite[u] = SiteOf(siteIndex, siteRooms, pupil.Site);
            foreach (var slot in pupil.Unavailable)
            {
                pupilProtected[(u * SlotCount) + slotIndex[slot]] = true;
            }

            foreach (var slot in pupil.Avoid)
            {
                pupilAvoids[(u * SlotCount) + slotIndex[slot]] = true;
            }
        }

        SiteRoomCount = siteRooms.Select(l => l.Count).ToArray();

        SessionPractitioner = new int[SessionCount];
        SessionSite = new int[SessionCount];
        PupilStart = new int[SessionCount + 1];
        var pupilList = new List<int>();
        var candidateStart = new int[SessionCount + 1];
        var candSlot = new List<int>();
        var candRoom = new List<int>();
        var candCost = new List<int>();
        LookupStart = new int[SessionCount + 1];
        PreviousCandidate = new int[SessionCount];

        for (var s = 0; s < SessionCount; s++)
        {
            var session = instance.Sessions[s];
            var p = practitionerIndex[session.Practitioner];
            SessionPractitioner[s] = p;
            PupilStart[s] = pupilList.Count;
            foreach (var pupilId in session.Pupils)
            {
                pupilList.Add(pupilIndex[pupilId]);
            }

            var site = pupilSite[pupilIndex[session.Pupils[0]]];
            SessionSite[s] = site;
            candidateStart[s] = candSlot.Count;
            LookupStart[s] = s == 0 ? 0 : LookupStart[s - 1] + (SlotCount * SiteRoomCount[SessionSite[s - 1]]);

            var previousSlot = session.Previous?.Slot is { } ps ? slotIndex[ps] : -1;
            var previousRoom = session.Previous?.Room is { } pr ? roomIndex[pr] : -1;
            PreviousCandidate[s] = -1;

            var suitableRooms = siteRooms[site]
                .Where(r => session.Requires.All(roomFeatures[r].Contains))
                .ToList();
            for (var t = 0; t < SlotCount; t++)
            {
                if (!practitionerAvailable[(p * SlotCount) + t])
                {
                    continue;
                }

                var blocked = false;
                var avoiding = 0;
                for (var i = PupilStart[s]; i < pupilList.Count; i++)
                {
                    blocked |= pupilProtected[(pupilList[i] * SlotCount) + t];
                    avoiding += pupilAvoids[(pupilList[i] * SlotCount) + t] ? 1 : 0;
                }

                if (blocked)
                {
                    continue;
                }

                foreach (var r in suitableRooms)
                {
                    if (roomUnavailable[(r * SlotCount) + t])
                    {
                        continue;
                    }

                    var cost = (instance.Rooms[r].Dedicated ? 0 : w.NonDedicatedRoom)
                        + (avoiding * w.AvoidedSlot)
                        + (previousSlot >= 0 && previousSlot != t ? w.SlotChange : 0)
                        + (previousRoom >= 0 && previousRoom != r ? w.RoomChange : 0);
                    if (t == previousSlot && r == previousRoom)
                    {
                        PreviousCandidate[s] = candSlot.Count;
                    }

                    candSlot.Add(t);
                    candRoom.Add(r);
                    candCost.Add(cost);
                }
            }
        }

        PupilStart[SessionCount] = pupilList.Count;
        candidateStart[SessionCount] = candSlot.Count;
        if (SessionCount > 0)
        {
            LookupStart[SessionCount] = LookupStart[SessionCount - 1] + (SlotCount * SiteRoomCount[SessionSite[SessionCount - 1]]);
        }

        // Within a session, cheapest first: a best-insertion scan can stop at the first candidate whose fixed cost
        // alone is no better than the best found (the per-day room cost only ever adds).
        var order = new int[candSlot.Count];
        for (var s = 0; s < SessionCount; s++)
        {
            var from = candidateStart[s];
            var sorted = Enumerable.Range(from, candidateStart[s + 1] - from)
                .OrderBy(c => candCost[c]).ThenBy(c => candSlot[c]).ThenBy(c => candRoom[c])
                .ToArray();
            sorted.CopyTo(order, from);
            if (PreviousCandidate[s] >= 0)
            {
                PreviousCandidate[s] = from + Array.IndexOf(sorted, PreviousCandidate[s]);
            }
        }

        PupilList = [.. pupilList];
        CandidateStart = candidateStart;
        CandidateSlot = order.Select(c => candSlot[c]).ToArray();
        CandidateRoom = order.Select(c => candRoom[c]).ToArray();
        CandidateCost = order.Select(c => candCost[c]).ToArray();

        CandidateLookup = new int[LookupStart[SessionCount]];
        Array.Fill(CandidateLookup, -1);
        for (var s = 0; s < SessionCount; s++)
        {
            var width = SiteRoomCount[SessionSite[s]];
            for (var c = CandidateStart[s]; c < CandidateStart[s + 1]; c++)
            {
                CandidateLookup[LookupStart[s] + (CandidateSlot[c] * width) + RoomInSite[CandidateRoom[c]]] = c;
            }
        }

        // Number the rooms each practitioner can use, so the per-day room counters are small and dense.
        PractitionerRoomCount = new int[PractitionerCount];
        PractitionerRoomBase = new int[PractitionerCount];
        CandidatePractitionerRoom = new int[CandidateSlot.Length];
        var localRoom = new Dictionary<(int, int), int>();
        for (var s = 0; s < SessionCount; s++)
        {
            var p = SessionPractitioner[s];
            for (var c = CandidateStart[s]; c < CandidateStart[s + 1]; c++)
            {
                if (!localRoom.TryGetValue((p, CandidateRoom[c]), out var local))
                {
                    local = PractitionerRoomCount[p]++;
                    localRoom[(p, CandidateRoom[c])] = local;
                }

                CandidatePractitionerRoom[c] = local;
            }
        }

        var total = 0;
        for (var p = 0; p < PractitionerCount; p++)
        {
            PractitionerRoomBase[p] = total;
            total += PractitionerRoomCount[p] * DayCount;
        }

        PractitionerDayRoomTotal = total;
    }

    public int CandidateCount(int session) => CandidateStart[session + 1] - CandidateStart[session];

    /// <summary>The candidate index of placing <paramref name="session"/> in (slot, room), or -1 if rules 2–3 forbid it.</summary>
    public int FindCandidate(int session, int slot, int room)
    {
        var site = SessionSite[session];
        if (RoomSite[room] != site)
        {
            return -1;
        }

        return CandidateLookup[LookupStart[session] + (slot * SiteRoomCount[site]) + RoomInSite[room]];
    }

    private static Dictionary<string, int> IndexOf<T>(IReadOnlyList<T> items, Func<T, string> id)
    {
        var index = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            index[id(items[i])] = i;
        }

        return index;
    }

    private static int SiteOf(Dictionary<string, int> siteIndex, List<List<int>> siteRooms, string site)
    {
        if (!siteIndex.TryGetValue(site, out var index))
        {
            index = siteIndex.Count;
            siteIndex[site] = index;
            siteRooms.Add([]);
        }

        return index;
    }
}
