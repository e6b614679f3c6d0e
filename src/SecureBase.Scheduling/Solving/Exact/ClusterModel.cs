using Google.OrTools.Sat;

namespace SecureBase.Scheduling.Solving.Exact;

/// <summary>
/// The exact model (CP-SAT) of a set of sessions that shares no room, pupil or practitioner with the rest of the week
/// (one of the <see cref="SiteClusters"/>, or the whole of a school), exactly as FORMAT.md defines the rules and cost.
/// </summary>
/// <remarks>
/// Variables: one Boolean per allowed candidate (session in slot and room); at most one per session (none: unplaced).
/// Rule 4: at most one per (room, slot), (practitioner, slot) and (pupil, slot). Rule 5: for a practitioner-day whose
/// candidates span several sites, one Boolean per site, at most one of them true, each bounding the candidates at its
/// site slot by slot. Per-day rooms: one Boolean per (practitioner, day, room) bounding the candidates in that room slot
/// by slot, and an integer "extra rooms" of at least (rooms used − 1). The objective is the sessions' cost.
/// Two families of redundant cuts change no solution but tighten the LP relaxation, which is what proves a week: a
/// session placed on a day at a site needs that site's Boolean, and in a room needs that room's Boolean, summed over
/// its slots (without them the LP spreads a session over several slots and pays a fraction of the site or room).
/// </remarks>
internal sealed class ClusterModel
{
    private readonly CompiledProblem _p;
    private readonly int[] _sessions;
    private readonly List<(int Session, int Candidate, BoolVar Var)> _placements = [];
    private readonly List<(BoolVar Var, int[] Members)> _roomsUsed = [];
    private readonly List<(BoolVar Var, int[] Members)> _sitesUsed = [];
    private readonly List<(IntVar Var, List<int> RoomVars)> _extraRooms = [];

    public CpModel Model { get; } = new();

    /// <summary>Adds the redundant per-session rule-5 cuts (ADR 0012); always on in production, switched off only to measure them.</summary>
    internal static bool SessionDayCuts { get; set; } = true;

    /// <summary>Adds the redundant per-session room-day cuts (ADR 0012); always on in production, switched off only to measure them.</summary>
    internal static bool RoomDayCuts { get; set; } = true;

    /// <summary>Sessions the solver decides, in ascending order.</summary>
    public IReadOnlyList<int> Sessions => _sessions;

    public ClusterModel(CompiledProblem problem, IReadOnlyList<int> sessions)
    {
        _p = problem;
        _sessions = [.. sessions.Order()];
        var p = problem;
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

        foreach (var members in byPractitionerDay.Values)
        {
            AddSiteRule(members);
            AddRoomCost(members, objective);
        }

        objective.Add(constant);
        Model.Minimize(objective);
    }

    /// <summary>Rule 5 for one practitioner-day.</summary>
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

            if (SessionDayCuts)
            {
                // Redundant, for the LP: a session placed on this day at this site needs the site, whichever slot it is
                // in. Without it the LP spreads a session over several slots and pays for a fraction of the site.
                foreach (var perSession in atSite.GroupBy(i => _placements[i].Session))
                {
                    if (perSession.Count() > 1)
                    {
                        Model.Add(LinearExpr.Sum(perSession.Select(i => _placements[i].Var)) <= y);
                    }
                }
            }
        }

        Model.AddAtMostOne(siteVars);
    }

    /// <summary>The per-day room cost of one practitioner-day: (rooms used − 1) × weight, when more than one room is possible.</summary>
    private void AddRoomCost(List<int> members, LinearExprBuilder objective)
    {
        var p = _p;
        var weight = p.ExtraRoomWeight;
        var rooms = members.GroupBy(i => p.CandidateRoom[_placements[i].Candidate]).ToList();
        if (weight == 0 || rooms.Count <= 1)
        {
            return;
        }

        var roomVars = new List<int>();
        var zs = new List<BoolVar>();
        foreach (var room in rooms)
        {
            var z = Model.NewBoolVar("");
            zs.Add(z);
            roomVars.Add(_roomsUsed.Count);
            _roomsUsed.Add((z, room.ToArray()));
            foreach (var perSlot in room.GroupBy(i => p.CandidateSlot[_placements[i].Candidate]))
            {
                Model.Add(LinearExpr.Sum(perSlot.Select(i => _placements[i].Var)) <= z);
            }

            if (RoomDayCuts)
            {
                // Redundant, for the LP: a session placed in this room on this day uses the room, whichever slot.
                foreach (var perSession in room.GroupBy(i => _placements[i].Session))
                {
                    if (perSession.Count() > 1)
                    {
                        Model.Add(LinearExpr.Sum(perSession.Select(i => _placements[i].Var)) <= z);
                    }
                }
            }
        }

        var extra = Model.NewIntVar(0, zs.Count - 1, "");
        Model.Add(extra >= LinearExpr.Sum(zs) - 1);
        objective.AddTerm(extra, weight);
        _extraRooms.Add((extra, roomVars));
    }

    /// <summary>Hints the solver with <paramref name="assignment"/> (a full timetable; only this cluster's sessions are read).</summary>
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

    /// <summary>
    /// Holds every session outside <paramref name="free"/> at its place in <paramref name="assignment"/> (or out, if it
    /// is unplaced there) by narrowing its variables' domains, so that a solve decides only the free sessions. Undone by
    /// <see cref="Release"/>.
    /// </summary>
    public void Restrict(int[] assignment, bool[] free)
    {
        foreach (var (s, c, x) in _placements)
        {
            if (!free[s])
            {
                var held = assignment[s] == c ? 1 : 0;
                SetDomain(x, held, held);
            }
        }
    }

    /// <summary>Frees every session again after <see cref="Restrict"/>.</summary>
    public void Release()
    {
        foreach (var (_, _, x) in _placements)
        {
            SetDomain(x, 0, 1);
        }
    }

    private void SetDomain(BoolVar x, long low, long high)
    {
        var domain = Model.Model.Variables[x.GetIndex()].Domain;
        domain[0] = low;
        domain[1] = high;
    }

    /// <summary>Writes the solver's placement of this cluster's sessions into <paramref name="assignment"/>.</summary>
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
