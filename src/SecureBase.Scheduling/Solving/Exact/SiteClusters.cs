namespace SecureBase.Scheduling.Solving.Exact;

/// <summary>
/// Splits a week into independent parts: sites linked by a practitioner who works at both. Sessions in different
/// clusters share no room (a room is at one site), no pupil (a pupil is at one site) and no practitioner, so each
/// cluster can be solved, and its optimum proven, on its own, and the week's cost and lower bound are the sums.
/// A school is one cluster; a local authority is many (the 40-site sample has 30, the largest of 7 sites).
/// </summary>
internal static class SiteClusters
{
    /// <summary>The sessions of each cluster, in ascending order; clusters ordered by their first session.</summary>
    public static List<int[]> Of(CompiledProblem problem)
    {
        var siteCount = problem.SiteRoomCount.Length;
        foreach (var site in problem.SessionSite)
        {
            siteCount = Math.Max(siteCount, site + 1);
        }

        var parent = Enumerable.Range(0, siteCount).ToArray();
        var practitionerSite = new int[problem.PractitionerCount];
        Array.Fill(practitionerSite, -1);
        for (var s = 0; s < problem.SessionCount; s++)
        {
            var practitioner = problem.SessionPractitioner[s];
            if (practitionerSite[practitioner] < 0)
            {
                practitionerSite[practitioner] = problem.SessionSite[s];
            }
            else
            {
                parent[Root(parent, problem.SessionSite[s])] = Root(parent, practitionerSite[practitioner]);
            }
        }

        var clusters = new Dictionary<int, List<int>>();
        var order = new List<List<int>>();
        for (var s = 0; s < problem.SessionCount; s++)
        {
            var root = Root(parent, problem.SessionSite[s]);
            if (!clusters.TryGetValue(root, out var members))
            {
                clusters[root] = members = [];
                order.Add(members);
            }

            members.Add(s);
        }

        return order.Select(m => m.ToArray()).ToList();
    }

    private static int Root(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }
}
