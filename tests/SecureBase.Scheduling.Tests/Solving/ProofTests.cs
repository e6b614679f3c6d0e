using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;
using static SecureBase.Scheduling.Tests.TestInstances;

namespace SecureBase.Scheduling.Tests.Solving;

/// <summary>
/// What the scheduler claims to have proven, checked against optima it did not compute: CBC's on the samples, and a
/// brute force over every timetable of small random weeks. Limits are generous: the proofs take well under a second,
/// and a test must not depend on the machine's load (the benchmark measures time).
/// </summary>
public sealed class ProofTests
{
    private static readonly SolveOptions Generous = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    [Theory]
    [InlineData("small")]
    [InlineData("school")]
    [InlineData("two-sites")]
    public void Sample_IsProvenOptimalAtCbcsOptimum(string name)
    {
        var instance = Sample(name);

        var result = Scheduler.Solve(instance, Generous);

        SolutionChecker.Check(instance, result.Solution).ShouldBeEmpty();
        result.Solution.Proof.ShouldBe(new SolutionProof(ReferenceCost(name), Optimal: true));
        result.Solution.Cost.ShouldBe(ReferenceCost(name));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SmallRandomWeek_ProvenOptimumEqualsTheBruteForceOptimum(int seed)
    {
        var instance = RandomWeek(seed);
        var best = BruteForce.Optimum(instance);

        var result = Scheduler.Solve(instance, Generous);

        SolutionChecker.Check(instance, result.Solution).ShouldBeEmpty();
        result.Solution.Proof!.Optimal.ShouldBeTrue();
        result.Solution.Cost.ShouldBe(best);
        result.Solution.Proof.Bound.ShouldBe(best);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SmallRandomWeek_AnnealerAlone_ClaimsOnlyABoundAtOrBelowTheOptimum(int seed)
    {
        var instance = RandomWeek(seed);
        var best = BruteForce.Optimum(instance);

        var result = Scheduler.Solve(instance, Generous with { Prove = false });

        result.Solution.Proof!.Bound.ShouldBeLessThanOrEqualTo(best);
        result.Solution.Cost.ShouldBeGreaterThanOrEqualTo(best);
        result.Solution.Proof.Optimal.ShouldBe(result.Solution.Cost == result.Solution.Proof.Bound);
        result.Statistics.Clusters.ShouldBe(0);
    }

    [Fact]
    public void BruteForce_SeesADifferenceBetweenWeeks_SoTheComparisonCanFail()
    {
        var costs = Enumerable.Range(1, 12).Select(seed => BruteForce.Optimum(RandomWeek(seed))).Distinct().ToList();

        costs.Count.ShouldBeGreaterThan(3);
    }

    [Fact]
    public void SchoolSample_OneClusterWithACompanionRun_SameOptionsTwice_GiveTheSameBytes()
    {
        // One cluster: a main and a companion CP-SAT run side by side; which one is used must not depend on timing.
        var instance = Sample("school");

        var first = SolutionJson.Write(Scheduler.Solve(instance, Generous).Solution);
        var second = SolutionJson.Write(Scheduler.Solve(instance, Generous).Solution);

        second.ShouldBe(first);
    }

    [Fact]
    public void SchoolSample_ReportsCpSatsWork_AndNoneWhenTheAnnealerRunsAlone()
    {
        var instance = Sample("school");

        var proven = Scheduler.Solve(instance, Generous);
        var annealed = Scheduler.Solve(instance, Generous with { Prove = false });

        proven.Statistics.ExactWork.ShouldBeGreaterThan(0);
        annealed.Statistics.ExactWork.ShouldBe(0);
    }

    [Fact]
    public void TwoSitesSample_SameOptionsTwice_GiveTheSameBytes()
    {
        // Two clusters, solved side by side on two lanes: the output must not depend on which finishes first.
        var instance = Sample("two-sites");

        var first = SolutionJson.Write(Scheduler.Solve(instance, Generous).Solution);
        var second = SolutionJson.Write(Scheduler.Solve(instance, Generous).Solution);

        second.ShouldBe(first);
    }

    [Fact]
    public void FourSchoolsSideBySide_TwoClustersPerLane_AreEachProven_AndTheSameOptionsGiveTheSameBytes()
    {
        // Four independent schools: two clusters per lane, the later one taking its share of what the earlier left.
        string[] names = ["small", "school", "small", "school"];
        var instance = SideBySide(names.Select(Sample).ToArray());

        var result = Scheduler.Solve(instance, Generous);
        var again = Scheduler.Solve(instance, Generous);

        SolutionChecker.Check(instance, result.Solution).ShouldBeEmpty();
        result.Statistics.Clusters.ShouldBe(4);
        result.Statistics.ProvenClusters.ShouldBe(4);
        result.Solution.Cost.ShouldBe(names.Sum(ReferenceCost));
        result.Solution.Proof.ShouldBe(new SolutionProof(names.Sum(ReferenceCost), Optimal: true));
        SolutionJson.Write(again.Solution).ShouldBe(SolutionJson.Write(result.Solution));
    }

    [Fact]
    public void Gap_IsMeasuredFromTheBound()
    {
        new SolutionProof(185, Optimal: false).GapPercent(188).ShouldBe(100.0 * 3 / 185);
        new SolutionProof(185, Optimal: true).GapPercent(185).ShouldBe(0);
        new SolutionProof(0, Optimal: false).GapPercent(5).ShouldBe(double.PositiveInfinity);
    }

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>Several weeks as one: each one's ids (sites included) prefixed with its place, the slots shared.</summary>
    private static ScheduleInstance SideBySide(ScheduleInstance[] weeks)
    {
        string[] Prefixed(int i, IEnumerable<string> ids) => ids.Select(id => $"w{i}-{id}").ToArray();
        var parts = weeks.Select((w, i) => (
            Rooms: w.Rooms.Select(r => r with { Id = $"w{i}-{r.Id}", Site = $"w{i}-{r.Site}" }),
            Practitioners: w.Practitioners.Select(p => p with { Id = $"w{i}-{p.Id}" }),
            Pupils: w.Pupils.Select(p => p with { Id = $"w{i}-{p.Id}", Site = $"w{i}-{p.Site}" }),
            Sessions: w.Sessions.Select(s => s with
            {
                Id = $"w{i}-{s.Id}",
                Practitioner = $"w{i}-{s.Practitioner}",
                Pupils = Prefixed(i, s.Pupils),
                Previous = s.Previous is { } p ? p with { Room = p.Room is null ? null : $"w{i}-{p.Room}" } : null,
            }))).ToList();
        return weeks[0] with
        {
            Name = "side by side",
            Rooms = parts.SelectMany(p => p.Rooms).ToList(),
            Practitioners = parts.SelectMany(p => p.Practitioners).ToList(),
            Pupils = parts.SelectMany(p => p.Pupils).ToList(),
            Sessions = parts.SelectMany(p => p.Sessions).ToList(),
        };
    }

    /// <summary>
    /// Four sessions over two days of three slots, two sites with two rooms each, peripatetic practitioners, groups,
    /// protected and avoided lessons and last week's places: small enough to try every timetable.
    /// </summary>
    internal static ScheduleInstance RandomWeek(int seed)
    {
        var random = new Random(seed);
        string[] features = ["sink", "sensory"];
        var rooms = new List<Room>();
        foreach (var site in new[] { "A", "B" })
        {
            for (var i = 1; i <= 2; i++)
            {
                rooms.Add(Room($"{site}{i}", site, dedicated: random.Next(2) == 0,
                    features: features.Where(_ => random.Next(3) == 0).ToArray(),
                    unavailable: AllSlots.Where(_ => random.Next(5) == 0).ToArray()));
            }
        }

        var practitioners = Enumerable.Range(1, 2)
            .Select(p => Practitioner($"T{p}", AllSlots.Where(_ => random.Next(4) != 0).ToArray()))
            .ToList();
        var pupils = Enumerable.Range(1, 5)
            .Select(u => Pupil($"P{u}", u <= 3 ? "A" : "B",
                unavailable: AllSlots.Where(_ => random.Next(6) == 0).ToArray(),
                avoid: AllSlots.Where(_ => random.Next(4) == 0).ToArray()))
            .ToList();
        var sessions = new List<TherapySession>();
        for (var s = 1; s <= 4; s++)
        {
            var site = random.Next(2) == 0 ? "A" : "B";
            var atSite = pupils.Where(p => p.Site == site).Select(p => p.Id).ToList();
            var group = random.Next(4) == 0 ? atSite.Take(2).ToArray() : [atSite[random.Next(atSite.Count)]];
            var previousRoom = rooms.Where(r => r.Site == site).ElementAt(random.Next(2)).Id;
            sessions.Add(Session($"S{s}", $"T{1 + random.Next(2)}", group,
                requires: random.Next(4) == 0 ? [features[random.Next(2)]] : null,
                previousSlot: random.Next(3) == 0 ? null : AllSlots[random.Next(AllSlots.Length)],
                previousRoom: random.Next(3) == 0 ? null : previousRoom));
        }

        return Week(rooms, practitioners, pupils, sessions);
    }
}

/// <summary>
/// Every timetable of a tiny week (each session unplaced or in any slot and room that rules 2 and 3 allow), pruned as
/// soon as two sessions clash (rules 4 and 5); the cheapest left, by <see cref="CostCalculator"/>, is the optimum.
/// </summary>
internal static class BruteForce
{
    public static long Optimum(ScheduleInstance instance)
    {
        var slots = instance.Slots.ToDictionary(t => t.Id);
        var rooms = instance.Rooms.ToDictionary(r => r.Id);
        var pupils = instance.Pupils.ToDictionary(p => p.Id);
        var practitioners = instance.Practitioners.ToDictionary(p => p.Id);
        var options = instance.Sessions
            .Select(s => new Placement?[] { null }
                .Concat(instance.Slots.SelectMany(t => instance.Rooms.Select(r => (Placement?)new Placement(s.Id, t.Id, r.Id))))
                .Where(p => p is null || Allowed(s, p))
                .ToArray())
            .ToArray();
        var best = long.MaxValue;
        var chosen = new Placement?[options.Length];
        Search(0);
        return best;

        bool Allowed(TherapySession s, Placement p) =>
            practitioners[s.Practitioner].Available.Contains(p.Slot)
            && s.Pupils.All(u => !pupils[u].Unavailable.Contains(p.Slot) && pupils[u].Site == rooms[p.Room].Site)
            && !rooms[p.Room].Unavailable.Contains(p.Slot)
            && s.Requires.All(rooms[p.Room].Features.Contains);

        bool Clash(int a, int b)
        {
            if (chosen[a] is not { } x || chosen[b] is not { } y)
            {
                return false;
            }

            var (sa, sb) = (instance.Sessions[a], instance.Sessions[b]);
            var samePractitioner = sa.Practitioner == sb.Practitioner;
            return (x.Slot == y.Slot && (x.Room == y.Room || samePractitioner || sa.Pupils.Intersect(sb.Pupils).Any()))
                || (samePractitioner && slots[x.Slot].Day == slots[y.Slot].Day && rooms[x.Room].Site != rooms[y.Room].Site);
        }

        void Search(int s)
        {
            if (s == options.Length)
            {
                var cost = CostCalculator.Compute(instance, chosen.OfType<Placement>()).Total;
                best = Math.Min(best, cost);
                return;
            }

            foreach (var option in options[s])
            {
                chosen[s] = option;
                if (Enumerable.Range(0, s).All(other => !Clash(other, s)))
                {
                    Search(s + 1);
                }
            }
        }
    }
}
