using Google.OrTools.Graph;

namespace SecureBase.Scheduling.Solving.Exact;

/// <summary>
/// A lower bound on a cluster's cost that needs no LP: two min-cost assignments of its sessions, each keeping one of
/// rule 4's resources and dropping every other rule. In the first, each session takes at most one (room, slot) and
/// each (room, slot) at most one session; in the second, the same with (practitioner, slot). A session may stay
/// unplaced for the unplaced weight, a placed one costs its candidate's cost, so each optimum is at most the cost of
/// any valid timetable (whose per-day room costs are never negative), and at least the trivial bound (each session's
/// cheapest place). It counts the sessions that cannot all be placed: more sessions wanting a room's slots, or a
/// practitioner's, than there are. Solved as a min-cost flow in milliseconds (ADR 0012, sixth pass).
/// </summary>
internal static class MatchingBound
{
    /// <summary>The larger of the two assignments' optima for <paramref name="cluster"/>.</summary>
    public static long Of(CompiledProblem problem, IReadOnlyList<int> cluster) =>
        Math.Max(
            Solve(problem, cluster, (_, c) => (problem.CandidateRoom[c], problem.CandidateSlot[c])),
            Solve(problem, cluster, (s, c) => (problem.SessionPractitioner[s], problem.CandidateSlot[c])));

    private static long Solve(CompiledProblem problem, IReadOnlyList<int> cluster, Func<int, int, (int, int)> resourceOf)
    {
        // Nodes: 0 the source, 1 the sink, then the sessions, then the resources as they are first met.
        var resources = new Dictionary<(int, int), int>();
        var flow = new MinCostFlow();
        var next = 2 + cluster.Count;
        for (var i = 0; i < cluster.Count; i++)
        {
            var s = cluster[i];
            var node = 2 + i;
            flow.AddArcWithCapacityAndUnitCost(0, node, 1, 0);
            flow.AddArcWithCapacityAndUnitCost(node, 1, 1, problem.UnplacedWeight);

            // The cheapest candidate per resource is enough (another one on the same resource costs no less).
            var cheapest = new Dictionary<int, long>();
            for (var c = problem.CandidateStart[s]; c < problem.CandidateStart[s + 1]; c++)
            {
                var key = resourceOf(s, c);
                if (!resources.TryGetValue(key, out var r))
                {
                    resources[key] = r = next++;
                    flow.AddArcWithCapacityAndUnitCost(r, 1, 1, 0);
                }

                cheapest[r] = cheapest.TryGetValue(r, out var known) ? Math.Min(known, problem.CandidateCost[c]) : problem.CandidateCost[c];
            }

            foreach (var (r, cost) in cheapest.Where(e => e.Value < problem.UnplacedWeight).OrderBy(e => e.Key))
            {
                flow.AddArcWithCapacityAndUnitCost(node, r, 1, cost);
            }
        }

        flow.SetNodeSupply(0, cluster.Count);
        flow.SetNodeSupply(1, -cluster.Count);
        return flow.Solve() == MinCostFlowBase.Status.OPTIMAL
            ? flow.OptimalCost()
            : ExactPhase.TrivialBound(problem, cluster);
    }
}
