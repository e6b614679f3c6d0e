namespace SecureBase.Scheduling.Allocation;

/// <summary>
/// Maximum-value assignment of pupils to practitioners with capacities, solved exactly as a min-cost flow by
/// successive shortest paths (the Hungarian method for a capacitated assignment):
/// <code>
///   pupil p ──(cost −value(p,t), cap 1)──▶ practitioner t ──(cost 0, cap free places)──▶ sink
///   pupil p ──(cost 0, cap 1: "not placed")──────────────────────────────────────────▶ sink
/// </code>
/// Pupils are added one at a time; each sends its one unit along the cheapest path in the residual graph,
/// which may move already placed pupils to other practitioners or leave one of them unplaced. After each step
/// the flow is a min-cost flow for the pupils added so far (the classic successive-shortest-path invariant:
/// no negative cycle in the residual graph), so after the last pupil it is optimal for all of them.
/// Shortest paths use Dijkstra on reduced costs c(u,v) + π(u) − π(v) ≥ 0 (Johnson potentials), with π(sink)
/// kept at 0. All arithmetic is on 128-bit integers and checked: the answer is exact or an exception.
/// </summary>
internal sealed class CapacitatedAssignment
{
    private const int None = -1;

    private readonly int _pupils;
    private readonly int _practitioners;
    private readonly int _sink;
    private readonly int[] _capacity;
    private readonly int[] _edgeStart;
    private readonly int[] _edgeTarget;
    private readonly Int128[] _edgeValue;

    private readonly int[] _assignedEdge;
    private readonly List<int>[] _holders;
    private readonly Int128[] _potential;

    // Dijkstra state, reused: a node's entries are valid only when its stamp is the current run's.
    private readonly Int128[] _distance;
    private readonly int[] _previous;
    private readonly int[] _previousEdge;
    private readonly int[] _seen;
    private readonly int[] _done;
    private readonly List<int> _finished = [];
    private readonly MinHeap _heap = new();
    private int _run;

    /// <param name="capacity">Free places of each practitioner.</param>
    /// <param name="edgeStart">Pupil p's edges are <c>edgeStart[p] .. edgeStart[p+1]-1</c>, one per practitioner at most.</param>
    /// <param name="edgeTarget">The practitioner of each edge.</param>
    /// <param name="edgeValue">The value of placing the pupil with the practitioner; positive.</param>
    private CapacitatedAssignment(int[] capacity, int[] edgeStart, int[] edgeTarget, Int128[] edgeValue)
    {
        _pupils = edgeStart.Length - 1;
        _practitioners = capacity.Length;
        _sink = _pupils + _practitioners;
        _capacity = capacity;
        _edgeStart = edgeStart;
        _edgeTarget = edgeTarget;
        _edgeValue = edgeValue;

        var nodes = _sink + 1;
        _assignedEdge = new int[_pupils];
        Array.Fill(_assignedEdge, None);
        _holders = new List<int>[_practitioners];
        for (var t = 0; t < _practitioners; t++)
        {
            _holders[t] = [];
        }

        _potential = new Int128[nodes];
        _distance = new Int128[nodes];
        _previous = new int[nodes];
        _previousEdge = new int[nodes];
        _seen = new int[nodes];
        _done = new int[nodes];
    }

    /// <summary>
    /// Returns for each pupil the index of the edge it is placed on, or −1. <paramref name="order"/> is the
    /// order pupils are added in; any order gives an optimal assignment, the order only settles ties.
    /// </summary>
    public static int[] Solve(int[] capacity, int[] edgeStart, int[] edgeTarget, Int128[] edgeValue, IEnumerable<int> order)
    {
        var solver = new CapacitatedAssignment(capacity, edgeStart, edgeTarget, edgeValue);
        foreach (var p in order)
        {
            solver.Add(p);
        }

        return solver._assignedEdge;
    }

    private void Add(int pupil)
    {
        if (_edgeStart[pupil] == _edgeStart[pupil + 1])
        {
            return;
        }

        // A potential that makes every edge out of the new pupil non-negative in reduced cost.
        var potential = _potential[_sink];
        for (var e = _edgeStart[pupil]; e < _edgeStart[pupil + 1]; e++)
        {
            potential = Max(potential, checked(_potential[_pupils + _edgeTarget[e]] + _edgeValue[e]));
        }

        _potential[pupil] = potential;
        var reach = ShortestPathToSink(pupil);
        foreach (var v in _finished)
        {
            if (_distance[v] < reach)
            {
                _potential[v] = checked(_potential[v] + _distance[v] - reach);
            }
        }

        Augment(pupil);
    }

    /// <summary>Dijkstra from the new pupil until the sink is settled; returns the sink's reduced distance.</summary>
    private Int128 ShortestPathToSink(int start)
    {
        _run++;
        _finished.Clear();
        _heap.Clear();
        Reach(start, 0, None, None);
        while (_heap.TryPop(out var d, out var u))
        {
            if (_done[u] == _run || d != _distance[u])
            {
                continue;
            }

            _done[u] = _run;
            _finished.Add(u);
            if (u == _sink)
            {
                return d;
            }

            if (u < _pupils)
            {
                RelaxFromPupil(u, d);
            }
            else
            {
                RelaxFromPractitioner(u - _pupils, d);
            }
        }

        throw new InvalidOperationException("The sink is always reachable through the pupil's own 'not placed' edge.");
    }

    private void RelaxFromPupil(int pupil, Int128 d)
    {
        var own = _assignedEdge[pupil];
        var pi = _potential[pupil];
        for (var e = _edgeStart[pupil]; e < _edgeStart[pupil + 1]; e++)
        {
            if (e == own)
            {
                continue;
            }

            var node = _pupils + _edgeTarget[e];
            Reach(node, checked(d - _edgeValue[e] + pi - _potential[node]), pupil, e);
        }

        // "Not placed": the new pupil stays off the list, or a placed pupil gives up their place.
        Reach(_sink, checked(d + pi - _potential[_sink]), pupil, None);
    }

    private void RelaxFromPractitioner(int practitioner, Int128 d)
    {
        var node = _pupils + practitioner;
        var pi = _potential[node];
        if (_holders[practitioner].Count < _capacity[practitioner])
        {
            Reach(_sink, checked(d + pi - _potential[_sink]), node, None);
        }

        // Undo a current placement: the pupil leaves this practitioner (and must go elsewhere or off the list).
        foreach (var holder in _holders[practitioner])
        {
            Reach(holder, checked(d + _edgeValue[_assignedEdge[holder]] + pi - _potential[holder]), node, _assignedEdge[holder]);
        }
    }

    private void Reach(int node, Int128 d, int from, int edge)
    {
        if (_done[node] == _run || (_seen[node] == _run && _distance[node] <= d))
        {
            return;
        }

        _seen[node] = _run;
        _distance[node] = d;
        _previous[node] = from;
        _previousEdge[node] = edge;
        _heap.Push(d, node);
    }

    /// <summary>Walks the path back from the sink and moves the pupils on it.</summary>
    private void Augment(int start)
    {
        var node = _sink;
        while (node != start)
        {
            var from = _previous[node];
            if (node == _sink)
            {
                if (from < _pupils)
                {
                    _assignedEdge[from] = None; // off the list; the step before removed them from their practitioner
                }
            }
            else if (node < _pupils)
            {
                _holders[from - _pupils].Remove(node); // gives up their place at 'from'
            }
            else
            {
                _assignedEdge[from] = _previousEdge[node];
                _holders[node - _pupils].Add(from);
            }

            node = from;
        }
    }

    private static Int128 Max(Int128 a, Int128 b) => a > b ? a : b;

    /// <summary>A binary heap of (distance, node), smallest first; equal distances pop the smaller node first.</summary>
    private sealed class MinHeap
    {
        private (Int128 Key, int Node)[] _items = new (Int128, int)[64];
        private int _count;

        public void Clear() => _count = 0;

        public void Push(Int128 key, int node)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _count * 2);
            }

            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!Less(key, node, _items[parent]))
                {
                    break;
                }

                _items[i] = _items[parent];
                i = parent;
            }

            _items[i] = (key, node);
        }

        public bool TryPop(out Int128 key, out int node)
        {
            if (_count == 0)
            {
                key = 0;
                node = 0;
                return false;
            }

            (key, node) = _items[0];
            var last = _items[--_count];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= _count)
                {
                    break;
                }

                if (child + 1 < _count && Less(_items[child + 1].Key, _items[child + 1].Node, _items[child]))
                {
                    child++;
                }

                if (!Less(_items[child].Key, _items[child].Node, last))
                {
                    break;
                }

                _items[i] = _items[child];
                i = child;
            }

            _items[i] = last;
            return true;
        }

        private static bool Less(Int128 key, int node, (Int128 Key, int Node) other) =>
            key < other.Key || (key == other.Key && node < other.Node);
    }
}
