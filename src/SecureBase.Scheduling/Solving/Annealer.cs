using System.Diagnostics;

namespace SecureBase.Scheduling.Solving;

/// <summary>
/// One search worker: a greedy start, simulated annealing over "move a session, re-seating the sessions in the way"
/// steps for a fixed number of steps, then a descent that tries every such step, and every "gather a practitioner's
/// day into one room" step, until none improves.
/// Everything depends only on the problem, the seed and the step budget, so a worker is deterministic unless it is
/// stopped early by the safety time cap or cancellation.
/// </summary>
internal sealed class Annealer
{
    private readonly CompiledProblem _p;
    private readonly SearchState _state;
    private readonly SplitMix _random;
    private readonly long _deadline;
    private readonly CancellationToken _cancellation;
    private readonly int[] _best;

    /// <summary>The most sessions one step may displace; more rarely pays and costs time.</summary>
    private const int MaxBlockers = 4;
    private readonly int[] _blockers = new int[MaxBlockers];
    private readonly int[] _blockerFrom = new int[MaxBlockers];
    private readonly int[] _blockerTo = new int[MaxBlockers];
    private readonly int[] _gather;
    private readonly int[] _gatherFrom;
    private readonly int[] _gatherTo;
    private long _bestCost;

    public Annealer(CompiledProblem problem, ulong seed, long deadlineTimestamp, CancellationToken cancellation)
    {
        _p = problem;
        _state = new SearchState(problem);
        _random = new SplitMix(seed);
        _deadline = deadlineTimestamp;
        _cancellation = cancellation;
        _best = new int[problem.SessionCount];
        var slotsPerDay = 1;
        for (var d = 0; d < problem.DayCount; d++)
        {
            slotsPerDay = Math.Max(slotsPerDay, problem.DaySlotStart[d + 1] - problem.DaySlotStart[d]);
        }

        _gather = new int[2 * slotsPerDay];
        _gatherFrom = new int[2 * slotsPerDay];
        _gatherTo = new int[2 * slotsPerDay];
        _bestCost = long.MaxValue;
    }

    public bool StoppedEarly { get; private set; }
    public long Steps { get; private set; }
    public long BestCost => _bestCost;
    public int[] Best => _best;

    public void Run(long budget, double startTemperature, double endTemperature)
    {
        Construct();
        Remember();
        Anneal(budget, startTemperature, endTemperature);
        _state.LoadFrom(_best);
        Descend();
        Remember();
    }

    /// <summary>
    /// Places last week's placements first where they still fit, then the rest, hardest first (fewest candidates),
    /// each where it adds least; a session with no free candidate may take the place of one that can be re-seated.
    /// </summary>
    private void Construct()
    {
        for (var s = 0; s < _p.SessionCount; s++)
        {
            var previous = _p.PreviousCandidate[s];
            if (previous >= 0 && _state.CanPlace(s, previous))
            {
                _state.Place(s, previous);
            }
        }

        var order = Enumerable.Range(0, _p.SessionCount)
            .Where(s => _state.Assignment[s] < 0)
            .OrderBy(s => _p.CandidateCount(s))
            .ThenBy(s => s)
            .ToArray();
        foreach (var s in order)
        {
            var best = BestInsertion(s);
            if (best >= 0)
            {
                _state.Place(s, best);
            }
        }

        for (var s = 0; s < _p.SessionCount; s++)
        {
            if (_state.Assignment[s] < 0)
            {
                for (var c = _p.CandidateStart[s]; c < _p.CandidateStart[s + 1]; c++)
                {
                    if (TryMove(s, c, temperature: 0))
                    {
                        break;
                    }
                }
            }
        }
    }

    private void Anneal(long budget, double startTemperature, double endTemperature)
    {
        var n = _p.SessionCount;
        if (n == 0 || budget <= 0)
        {
            return;
        }

        var ratio = endTemperature / startTemperature;
        var temperature = startTemperature;
        var started = Stopwatch.GetTimestamp();

        // The time the annealing may take if the machine is too slow for the budget: most of what is left before the
        // deadline, keeping the rest for the descent.
        var window = Math.Max(1, (long)((_deadline - started) * 0.8));
        var rushed = false;
        for (long step = 0; step < budget; step++)
        {
            if ((step & 1023) == 0)
            {
                if (OutOfTime())
                {
                    StoppedEarly = true;
                    break;
                }

                var progress = (double)step / budget;
                var elapsed = Stopwatch.GetTimestamp() - started;

                // Normally the budget ends long before half the window (it is sized for half the time limit), and the
                // schedule depends on steps alone. Past half the window, if the budget cannot end in time, cool by the
                // clock instead, so that the search still ends cold rather than cut off while hot.
                if (!rushed && elapsed > window / 2 && step > 0 && (double)elapsed * budget / step > window)
                {
                    rushed = true;
                    StoppedEarly = true;
                }

                if (rushed)
                {
                    progress = Math.Max(progress, (double)elapsed / window);
                    if (progress >= 1)
                    {
                        break;
                    }
                }

                temperature = startTemperature * Math.Pow(ratio, progress);
            }

            Steps++;
            var s = _random.NextInt(n);
            var count = _p.CandidateStart[s + 1] - _p.CandidateStart[s];
            if (count == 0)
            {
                continue;
            }

            var c = _p.CandidateStart[s] + _random.NextInt(count);
            if (c == _state.Assignment[s])
            {
                continue;
            }

            TryMove(s, c, temperature);
            if (_state.Cost < _bestCost)
            {
                Remember();
            }
        }
    }

    /// <summary>Tries every step for every session until a whole pass finds no improvement.</summary>
    private void Descend()
    {
        var improved = true;
        while (improved)
        {
            if (OutOfTime())
            {
                StoppedEarly = true;
                break;
            }

            improved = false;
            for (var s = 0; s < _p.SessionCount; s++)
            {
                if ((s & 63) == 63 && OutOfTime())
                {
                    StoppedEarly = true;
                    return;
                }

                for (var c = _p.CandidateStart[s]; c < _p.CandidateStart[s + 1]; c++)
                {
                    if (c != _state.Assignment[s] && TryMove(s, c, temperature: 0))
                    {
                        improved = true;
                    }
                }

                for (var c = _p.CandidateStart[s]; c < _p.CandidateStart[s + 1] && _state.Assignment[s] >= 0; c++)
                {
                    if (_p.CandidateSlot[c] == _p.CandidateSlot[_state.Assignment[s]]
                        && _p.CandidateRoom[c] != _p.CandidateRoom[_state.Assignment[s]]
                        && TryGatherDay(s, _p.CandidateRoom[c], temperature: 0))
                    {
                        improved = true;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Moves session <paramref name="s"/> to candidate <paramref name="c"/>. The sessions in the way (in the room, with
    /// the practitioner or a pupil at that time, or the practitioner's sessions at another site that day), at most
    /// <see cref="MaxBlockers"/> of them, are taken out and re-seated one by one in their best free place (possibly one
    /// that <paramref name="s"/> left), or left unplaced. The step is kept if it lowers the cost, or at
    /// <paramref name="temperature"/> &gt; 0 by the Metropolis rule; otherwise it is undone exactly.
    /// </summary>
    private bool TryMove(int s, int c, double temperature)
    {
        var p = _p;
        var state = _state;
        var slot = p.CandidateSlot[c];
        var practitioner = p.SessionPractitioner[s];
        var count = 0;
        if (!AddBlocker(state.RoomOccupant(p.CandidateRoom[c], slot), s, ref count)
            || !AddBlocker(state.PractitionerOccupant(practitioner, slot), s, ref count))
        {
            return false;
        }

        for (var i = p.PupilStart[s]; i < p.PupilStart[s + 1]; i++)
        {
            if (!AddBlocker(state.PupilOccupant(p.PupilList[i], slot), s, ref count))
            {
                return false;
            }
        }

        var day = p.SlotDay[slot];
        if (state.PractitionerSiteOn(practitioner, day) is var site && site >= 0 && site != p.SessionSite[s])
        {
            for (var i = p.DaySlotStart[day]; i < p.DaySlotStart[day + 1]; i++)
            {
                if (!AddBlocker(state.PractitionerOccupant(practitioner, p.DaySlotList[i]), s, ref count))
                {
                    return false;
                }
            }
        }

        // Drawing the acceptance threshold first (accept when the change is at most -T ln u, the Metropolis rule)
        // lets a step be abandoned as soon as a lower bound on its change exceeds it.
        var threshold = Threshold(temperature);
        var before = state.Cost;
        var current = state.Assignment[s];
        for (var i = 0; i < count; i++)
        {
            _blockerFrom[i] = state.Assignment[_blockers[i]];
            state.Remove(_blockers[i]);
        }

        if (current >= 0)
        {
            state.Remove(s);
        }

        if (!state.CanPlace(s, c))
        {
            Restore(s, current, count, reseated: 0);
            return false;
        }

        state.Place(s, c);

        // Each blocker re-seated costs at least its cheapest candidate's fixed cost (less the unplaced weight it now carries).
        long rest = 0;
        for (var i = 0; i < count; i++)
        {
            rest += p.CandidateCost[p.CandidateStart[_blockers[i]]] - p.UnplacedWeight;
        }

        var reseated = 0;
        var ok = state.Cost - before + rest <= threshold;
        for (; ok && reseated < count; reseated++)
        {
            var blocker = _blockers[reseated];
            rest -= p.CandidateCost[p.CandidateStart[blocker]] - p.UnplacedWeight;
            var allowed = threshold - (state.Cost - before) - rest;
            var to = BestInsertion(blocker, allowed);
            _blockerTo[reseated] = to;
            if (to >= 0)
            {
                state.Place(blocker, to);
            }
            else if (current >= 0 || allowed < 0)
            {
                // Leaving a session out is only worth trying when s itself was out: they then change places.
                ok = false;
            }
        }

        if (ok && state.Cost - before <= threshold)
        {
            return true;
        }

        state.Remove(s);
        Restore(s, current, count, reseated);
        return false;
    }

    /// <summary>
    /// Moves every session of <paramref name="s"/>'s practitioner on <paramref name="s"/>'s day into
    /// <paramref name="room"/>, each keeping its slot; a session of another practitioner already in that room at
    /// that time swaps into the room being left. One step for what single moves reach only through a worse
    /// timetable (each single move into the new room first adds an extra room that day). All or nothing.
    /// </summary>
    private bool TryGatherDay(int s, int room, double temperature)
    {
        var p = _p;
        var state = _state;
        var practitioner = p.SessionPractitioner[s];
        var day = p.SlotDay[p.CandidateSlot[state.Assignment[s]]];
        var count = 0;
        for (var i = p.DaySlotStart[day]; i < p.DaySlotStart[day + 1]; i++)
        {
            var slot = p.DaySlotList[i];
            var o = state.PractitionerOccupant(practitioner, slot);
            if (o < 0 || p.CandidateRoom[state.Assignment[o]] == room)
            {
                continue;
            }

            var target = p.FindCandidate(o, slot, room);
            if (target < 0 || count + 2 > _gather.Length)
            {
                return false;
            }

            var occupant = state.RoomOccupant(room, slot);
            if (occupant >= 0)
            {
                var swap = p.FindCandidate(occupant, slot, p.CandidateRoom[state.Assignment[o]]);
                if (swap < 0)
                {
                    return false;
                }

                _gather[count] = occupant;
                _gatherFrom[count] = state.Assignment[occupant];
                _gatherTo[count++] = swap;
            }

            _gather[count] = o;
            _gatherFrom[count] = state.Assignment[o];
            _gatherTo[count++] = target;
        }

        if (count == 0)
        {
            return false;
        }

        var before = state.Cost;
        for (var i = 0; i < count; i++)
        {
            state.Remove(_gather[i]);
        }

        for (var i = 0; i < count; i++)
        {
            state.Place(_gather[i], _gatherTo[i]);
        }

        if (Accept(state.Cost - before, temperature))
        {
            return true;
        }

        for (var i = 0; i < count; i++)
        {
            state.Remove(_gather[i]);
        }

        for (var i = 0; i < count; i++)
        {
            state.Place(_gather[i], _gatherFrom[i]);
        }

        return false;
    }

    /// <summary>Undoes a step: takes the re-seated blockers out again and puts everything back where it was.</summary>
    private void Restore(int s, int current, int count, int reseated)
    {
        for (var i = 0; i < reseated; i++)
        {
            if (_blockerTo[i] >= 0)
            {
                _state.Remove(_blockers[i]);
            }
        }

        if (current >= 0)
        {
            _state.Place(s, current);
        }

        for (var i = 0; i < count; i++)
        {
            _state.Place(_blockers[i], _blockerFrom[i]);
        }
    }

    private bool AddBlocker(int blocker, int s, ref int count)
    {
        if (blocker < 0 || blocker == s)
        {
            return true;
        }

        for (var i = 0; i < count; i++)
        {
            if (_blockers[i] == blocker)
            {
                return true;
            }
        }

        if (count == MaxBlockers)
        {
            return false;
        }

        _blockers[count++] = blocker;
        return true;
    }

    /// <summary>
    /// The cheapest free candidate for the unplaced session <paramref name="s"/> whose cost change is at most
    /// <paramref name="allowed"/>, or -1 if there is none.
    /// </summary>
    private int BestInsertion(int s, long allowed = long.MaxValue - 1)
    {
        var best = -1;
        var bestDelta = allowed + 1;
        for (var c = _p.CandidateStart[s]; c < _p.CandidateStart[s + 1]; c++)
        {
            if (_p.CandidateCost[c] - _p.UnplacedWeight >= bestDelta)
            {
                break;
            }

            if (!_state.CanPlace(s, c))
            {
                continue;
            }

            var delta = _state.PlaceDelta(s, c);
            if (delta < bestDelta)
            {
                bestDelta = delta;
                best = c;
            }
        }

        return best;
    }

    /// <summary>The largest cost increase this step may make: -T ln u for a fresh uniform u, or -1 (improvements only) when cold.</summary>
    private long Threshold(double temperature)
    {
        if (temperature <= 0)
        {
            return -1;
        }

        var limit = -temperature * Math.Log(1.0 - _random.NextDouble());
        return limit >= 1e12 ? 1_000_000_000_000L : (long)Math.Floor(limit);
    }

    private bool Accept(long delta, double temperature) =>
        delta < 0 || (temperature > 0 && (delta == 0 || _random.NextDouble() < Math.Exp(-delta / temperature)));

    private void Remember()
    {
        if (_state.Cost < _bestCost)
        {
            _bestCost = _state.Cost;
            Array.Copy(_state.Assignment, _best, _best.Length);
        }
    }

    private bool OutOfTime() => _cancellation.IsCancellationRequested || Stopwatch.GetTimestamp() > _deadline;
}
