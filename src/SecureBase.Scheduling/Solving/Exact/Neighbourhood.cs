using Google.OrTools.Sat;

namespace SecureBase.Scheduling.Solving.Exact;

/// <summary>
/// The exact model (CP-SAT) of part of a week: the <i>free</i> sessions are decided by the solver, every other session
/// stays where <c>fixedAssignment</c> puts it. With every session free it is the whole week, exactly as FORMAT.md
/// defines it; with a few free it is one neighbourhood of a large-neighbourhood search, or one cluster of sites.
/// The fixed sessions' effect is folded in before the solver sees it: a candidate clashing with a fixed session
/// (rule 4) or at another site than the practitioner's fixed sessions that day (rule 5) is left out, and the rooms a
/// practitioner already uses that day count towards the per-day room cost.
/// </summary>
/// <remarks>
/// Variables: one Boolean per allowed candidate (session in slot and room); at most one per session (none: unplaced).
/// Rule 4: at most one per (room, slot), (practitioner, slot) and (pupil, slot). Rule 5: for a practitioner-day whose
/// candidates span several sites, one Boolean per site, at most one of them true, each bounding the candidates at its
/// site slot by slot. Per-day rooms: one Boolean per (practitioner, day, room) bounding the candidates in that room slot
/// by slot, and an integer "extra rooms" of at least (rooms used − 1). The objective is the cost of FORMAT.md for the
/// free sessions plus a constant for the fixed ones, so <see cref="FixedCost"/> + the objective is the week's cost.
/// </remarks>
internal sealed class Neighbourhood
{
    private readonly CompiledProblem _p;
    private readonly int[] _sessions;
    private readonly List<(int Session, int Candidate, BoolVar Var)> _placements = [];
    private readonly List<(BoolVar Var, int[] Members)> _roomsUsed = [];
    private readonly List<(BoolVar Var, int[] Members)> _sitesUsed = [];
    private readonly List<(IntVar Var, List<int> RoomVars)> _extraRooms = [];

    public CpModel Model { get; } = new();

    /// <summary>
    /// The cost of the fixed sessions in scope, with their per-day room cost where no free session can join them; the
    /// week's cost (of the sessions in scope) is this plus the model's objective.
    /// </summary>
    public long FixedCost { get; }

    /// <summary>Sessions the solver decides, in ascending order.</summary>
    public IReadOnlyList<int> Sessions => _sessions;

    /// <param name="problem">The week.</param>
    /// <param name="freeSessions">The sessions the solver decides.</param>
    /// <param name="fixedAssignment">Where every other session stays (only <paramref name="fixedScope"/> is read).</param>
    /// <param name="fixedScope">The fixed sessions that can interact with the free ones; null for all of them. A
    /// cluster of sites passes none: nothing outside it shares a room, pupil or practitioner with it.</param>
    public Neighbourhood(CompiledProblem problem, IReadOnlyList<int> freeSessions, int[] fixedAssignment, IReadOnlyList<int>? fixedScope = null)
    {
        _p = problem;
        _sessions = [.. freeSessions.Order()];
        var p = problem;
        var slots = p.SlotCount;
        var isFree = new bool[p.SessionCount];
        foreach (var s in _sessions)
        {
            isFree[s] = true;
        }

        // What the fixed sessions occupy, and what they cost on their own.
        var roomBusy = new bool[p.RoomCount * slots];
        var practitionerBusy = new bool[p.PractitionerCount * slots];
        var pupilBusy = new bool[p.PupilCount * slots];
        var fixedSite = new Dictionary<(int Practitioner, int Day), int>();
        var fixedRooms = new Dictionary<(int Practitioner, int Day), HashSet<int>>();
        long fixedCost = 0;
        foreach (var s in fixedScope ?? Enumerable.Range(0, p.SessionCount).ToList())
        {
            if (isFree[s])
            {
                continue;
            }

            var c = fixedAssignment[s];
            if (c < 0)
            {
                fixedCost += p.UnplacedWeight;
                continue;
            }

            var slot = p.CandidateSlot[c];
            var practitioner = p.SessionPractitioner[s];
            fixedCost += p.CandidateCost[c];
            roomBusy[(p.CandidateRoom[c] * slots) + slot] = true;
            practitionerBusy[(practitioner * slots) + slot] = true;
            for (var i = p.PupilStart[s]; i < p.PupilStart[s + 1]; i++)
            {
                pupilBusy[(p.PupilList[i] * slots) + slot] = true;
            }

            var key = (practitioner, p.SlotDay[slot]);
            fixedSite[key] = p.SessionSite[s];
            if (!fixedRooms.TryGetValue(key, out var rooms))
            {
                fixedRooms[key] = rooms = [];
            }

            rooms.Add(p.CandidateRoom[c]);
        }

        var byRoomSlot = new Dictionary<(int, int), List<BoolVar>>();
        var byPractitionerSlot = new Dictionary<(int, int), List<BoolVar>>();
        var byPupilSlot = new Dictionary<(int, int), List<BoolVar>>();
        var byPractitionerDay = new Dictionary<(int Practitioner, int Day), List<int>>();
        var objective = LinearExpr.NewBuilder();
        long constant = 0;
        foreach (var s in _sessions)
        {
            var practitioner = p.SessionPractitioner[s];
            var options = new List<BoolVar>();
            constant += p.UnplacedWeight;
            for (var c = p.CandidateStart[s]; c < p.CandidateStart[s + 1]; c++)
            {
                var slot = p.CandidateSlot[c];
                if (roomBusy[(p.CandidateRoom[c] * slots) + slot] || practitionerBusy[(practitioner * slots) + slot]
                    || PupilBusy(pupilBusy, s, slot)
                    || (fixedSite.TryGetValue((practitioner, p.SlotDay[slot]), out var site) && site != p.SessionSite[s]))
                {
                    continue;
                }

                var x = Model.NewBoolVar("");
                var index = _placements.Count;
                _placements.Add((s, c, x));
                options.Add(x);
                objective.AddTerm(x, p.CandidateCost[c] - p.UnplacedWeight);
                Add(byRoomSlot, (p.CandidateRoom[c], slot), x);
                Add(byPractitionerSlot, (practitioner, slot), x);
                for (var i = p.PupilStart[s]; i < p.PupilStart[s + 1]; i++)
                {
                    Add(byPupilSlot, (p.PupilList[i], slot), x);
                }

                Add(byPractitionerDay, (practitioner, p.SlotDay[slot]), index);
            }

            if (options.Count > 1)
            {
                Model.AddAtMostOne(options);
            }
        }

        foreach (var group in new[] { byRoomSlot, byPractitionerSlot, byPupilSlot })
        {
            foreach (var vars in group.Values)
            {
                if (vars.Count > 1)
                {
                    Model.AddAtMostOne(vars);
                }
            }
        }

        foreach (var ((practitioner, day), members) in byPractitionerDay)
        {
            AddSiteRule(members);
            var alreadyUsed = fixedRooms.GetValueOrDefault((practitioner, day));
            constant += AddRoomCost(members, alreadyUsed, objective);
        }

        // Per-day room cost of fixed practitioner-days that no free session can join.
        foreach (var (key, rooms) in fixedRooms)
        {
            if (!byPractitionerDay.ContainsKey(key))
            {
                fixedCost += (long)p.ExtraRoomWeight * (rooms.Count - 1);
            }
        }

        FixedCost = fixedCost;
        objective.Add(constant);
        Model.Minimize(objective);
    }

    /// <summary>Rule 5 among the free sessions of one practitioner-day (the fixed ones already removed other sites).</summary>
    private void AddSiteRule(List<int> members)
    {
        var p = _p;
        var sites = members.Select(i => p.SessionSite[_placements[i].Session]).Distinct().ToList();
        if (sites.Count < 2)
        {
            return;
        }

        var siteVars = new List<BoolVar>();
        foreach (var site in sites)
        {
            var y = Model.NewBoolVar("");
            siteVars.Add(y);
            var atSite = members.Where(i => p.SessionSite[_placements[i].Session] == site).ToArray();
            _sitesUsed.Add((y, atSite));
            foreach (var perSlot in atSite.GroupBy(i => p.CandidateSlot[_placements[i].Candidate]))
            {
                Model.Add(LinearExpr.Sum(perSlot.Select(i => _placements[i].Var)) <= y);
            }
        }

        Model.AddAtMostOne(siteVars);
    }

    /// <summary>
    /// The per-day room cost of one practitioner-day: returns the constant part (rooms the fixed sessions already use,
    /// beyond the first) and adds the variable part to <paramref name="objective"/>.
    /// </summary>
    private long AddRoomCost(List<int> members, HashSet<int>? alreadyUsed, LinearExprBuilder objective)
    {
        var p = _p;
        var weight = p.ExtraRoomWeight;
        var fixedRooms = alreadyUsed?.Count ?? 0;
        var newRooms = members.GroupBy(i => p.CandidateRoom[_placements[i].Candidate])
            .Where(g => alreadyUsed is null || !alreadyUsed.Contains(g.Key))
            .ToList();
        if (weight == 0 || newRooms.Count + fixedRooms <= 1)
        {
            return weight * (long)Math.Max(0, fixedRooms - 1);
        }

        var roomVars = new List<int>();
        var zs = new List<BoolVar>();
        foreach (var room in newRooms)
        {
            var z = Model.NewBoolVar("");
            zs.Add(z);
            roomVars.Add(_roomsUsed.Count);
            _roomsUsed.Add((z, room.ToArray()));
            foreach (var perSlot in room.GroupBy(i => p.CandidateSlot[_placements[i].Candidate]))
            {
                Model.Add(LinearExpr.Sum(perSlot.Select(i => _placements[i].Var)) <= z);
            }
        }

        if (fixedRooms > 0)
        {
            // Every new room is an extra room.
            foreach (var z in zs)
            {
                objective.AddTerm(z, weight);
            }

            return weight * (long)(fixedRooms - 1);
        }

        var extra = Model.NewIntVar(0, zs.Count - 1, "");
        Model.Add(extra >= LinearExpr.Sum(zs) - 1);
        objective.AddTerm(extra, weight);
        _extraRooms.Add((extra, roomVars));
        return 0;
    }

    /// <summary>Hints the solver with <paramref name="assignment"/> (a full timetable; only the free sessions are read).</summary>
    public void Hint(int[] assignment)
    {
        Model.ClearHints();
        var chosen = new bool[_placements.Count];
        for (var i = 0; i < _placements.Count; i++)
        {
            var (s, c, x) = _placements[i];
            chosen[i] = assignment[s] == c;
            Model.AddHint(x, chosen[i]);
        }

        foreach (var (y, members) in _sitesUsed)
        {
            Model.AddHint(y, members.Any(i => chosen[i]));
        }

        var used = new bool[_roomsUsed.Count];
        for (var k = 0; k < _roomsUsed.Count; k++)
        {
            used[k] = _roomsUsed[k].Members.Any(i => chosen[i]);
            Model.AddHint(_roomsUsed[k].Var, used[k]);
        }

        foreach (var (extra, roomVars) in _extraRooms)
        {
            Model.AddHint(extra, Math.Max(0, roomVars.Count(k => used[k]) - 1));
        }
    }

    /// <summary>Writes the solver's placement of the free sessions into <paramref name="assignment"/>.</summary>
    public void Read(CpSolver solver, int[] assignment)
    {
        foreach (var s in _sessions)
        {
            assignment[s] = -1;
        }

        foreach (var (s, c, x) in _placements)
        {
            if (solver.BooleanValue(x))
            {
                assignment[s] = c;
            }
        }
    }

    private bool PupilBusy(bool[] pupilBusy, int s, int slot)
    {
        for (var i = _p.PupilStart[s]; i < _p.PupilStart[s + 1]; i++)
        {
            if (pupilBusy[(_p.PupilList[i] * _p.SlotCount) + slot])
            {
                return true;
            }
        }

        return false;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
