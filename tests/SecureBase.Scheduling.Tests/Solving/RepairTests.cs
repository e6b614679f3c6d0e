using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;
using static SecureBase.Scheduling.Tests.TestInstances;

namespace SecureBase.Scheduling.Tests.Solving;

/// <summary>The school sample solved once, then given its own timetable as last week's; shared by the repair tests.</summary>
public sealed class SettledSchool
{
    public SettledSchool()
    {
        var school = Sample("school");
        var solved = Scheduler.Solve(school).Solution;
        LastWeek = solved.Placements.ToDictionary(p => p.Session);
        Instance = school with
        {
            Sessions = school.Sessions
                .Select(s => LastWeek.TryGetValue(s.Id, out var p) ? s with { Previous = new PreviousPlacement(p.Slot, p.Room) } : s)
                .ToList(),
        };
    }

    public ScheduleInstance Instance { get; }

    public Dictionary<string, Placement> LastWeek { get; }
}

/// <summary>Repair: last week's timetable as <c>previous</c>, one change, and as little as possible moves.</summary>
public sealed class RepairTests(SettledSchool settled) : IClassFixture<SettledSchool>
{
    private (ScheduleInstance Instance, Dictionary<string, Placement> LastWeek) SettledSchool() => (settled.Instance, settled.LastWeek);

    /// <summary>The settled school with the room that held most sessions last week taken out of use all week.</summary>
    private (ScheduleInstance Instance, Dictionary<string, Placement> LastWeek, string Busiest) SettledSchoolWithoutItsBusiestRoom()
    {
        var (instance, lastWeek) = SettledSchool();
        var busiest = lastWeek.Values.GroupBy(p => p.Room).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var withoutRoom = instance with
        {
            Rooms = instance.Rooms.Select(r => r.Id == busiest ? r with { Unavailable = instance.Slots.Select(s => s.Id).ToList() } : r).ToList(),
        };
        return (withoutRoom, lastWeek, busiest);
    }

    /// <summary>
    /// Sessions that moved although the change did not touch them must have had a reason: either they were displaced
    /// (their old place, the room at that time or the practitioner's or a pupil's time, is now taken by another session
    /// that moved), or the move pays for itself under the format's cost (e.g. a practitioner keeping one room all day
    /// when the change moved their other sessions): putting that one session back alone is invalid or costs more.
    /// </summary>
    private static void EveryOtherMoveMadeRoom(ScheduleInstance instance, Dictionary<string, Placement> lastWeek, ScheduleSolution repaired, ISet<string> touched)
    {
        var now = repaired.Placements.ToDictionary(p => p.Session);
        var sessions = instance.Sessions.ToDictionary(s => s.Id);
        var moved = lastWeek.Keys.Where(id => !now.TryGetValue(id, out var p) || p != lastWeek[id]).ToHashSet();
        foreach (var id in moved.Where(id => !touched.Contains(id)))
        {
            var old = lastWeek[id];
            var displacedBy = moved.Where(other => other != id && now.ContainsKey(other)).Where(other =>
            {
                var p = now[other];
                var shared = sessions[other].Practitioner == sessions[id].Practitioner || sessions[other].Pupils.Intersect(sessions[id].Pupils).Any();
                return p.Slot == old.Slot && (p.Room == old.Room || shared);
            });
            if (displacedBy.Any())
            {
                continue;
            }

            var undone = repaired.Placements.Select(p => p.Session == id ? old : p).ToList();
            var undoneCost = CostCalculator.Compute(instance, undone).Total;
            var invalid = SolutionChecker.Check(instance, repaired with { Placements = undone, Cost = undoneCost }).Count > 0;
            (invalid || undoneCost > CostCalculator.Compute(instance, repaired.Placements).Total).ShouldBeTrue(
                $"{id} moved from {old.Slot}/{old.Room} to {now.GetValueOrDefault(id)} without being displaced, and putting it back alone is valid and costs no more");
        }
    }

    [Fact]
    public void SettledTimetable_ResolvedUnchanged_MovesNothing()
    {
        var (instance, lastWeek) = SettledSchool();

        var again = Scheduler.Solve(instance).Solution;

        again.Placements.ShouldBe(lastWeek.Values.ToList(), ignoreOrder: true);
    }

    [Fact]
    public void RemovingOneRoom_MovesOnlyItsSessionsAndThoseThatMakeRoomForThem()
    {
        var (withoutRoom, lastWeek, busiest) = SettledSchoolWithoutItsBusiestRoom();
        var inRoom = lastWeek.Values.Where(p => p.Room == busiest).Select(p => p.Session).ToHashSet();

        var repaired = Scheduler.Solve(withoutRoom).Solution;

        SolutionChecker.Check(withoutRoom, repaired).ShouldBeEmpty();
        repaired.Placements.ShouldNotContain(p => p.Room == busiest);
        EveryOtherMoveMadeRoom(withoutRoom, lastWeek, repaired, inRoom);
        var movedOthers = repaired.Placements.Count(p => !inRoom.Contains(p.Session) && p != lastWeek[p.Session]);
        movedOthers.ShouldBeLessThanOrEqualTo(inRoom.Count);
    }

    [Fact]
    public void RemovingOneRoom_RepairedWeekIsProvenOptimalAndSaysHowManyKeptTheirPlace()
    {
        var (withoutRoom, lastWeek, busiest) = SettledSchoolWithoutItsBusiestRoom();
        var inRoom = lastWeek.Values.Count(p => p.Room == busiest);

        var result = Scheduler.Solve(withoutRoom, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(60) });

        result.Solution.Proof!.Optimal.ShouldBeTrue();
        var kept = result.Solution.Placements.Count(p => lastWeek.TryGetValue(p.Session, out var old) && old == p);
        result.Statistics.Repair.ShouldBe(new RepairSummary(WithPrevious: lastWeek.Count, StillOpen: lastWeek.Count - inRoom, Kept: kept));
        kept.ShouldBeGreaterThan(lastWeek.Count - (2 * inRoom) - 1);
    }

    [Fact]
    public void PractitionerAwayForADay_MovesOnlyTheirSessionsThatDayAndThoseThatMakeRoom()
    {
        var (instance, lastWeek) = SettledSchool();
        var days = instance.Slots.ToDictionary(s => s.Id, s => s.Day);
        var sessions = instance.Sessions.ToDictionary(s => s.Id);
        var (practitioner, day) = lastWeek.Values
            .GroupBy(p => (sessions[p.Session].Practitioner, days[p.Slot]))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Practitioner, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .First().Key;
        var away = instance with
        {
            Practitioners = instance.Practitioners
                .Select(p => p.Id == practitioner ? p with { Available = p.Available.Where(s => days[s] != day).ToList() } : p)
                .ToList(),
        };
        var affected = lastWeek.Values.Where(p => sessions[p.Session].Practitioner == practitioner && days[p.Slot] == day).Select(p => p.Session).ToHashSet();

        var repaired = Scheduler.Solve(away).Solution;

        SolutionChecker.Check(away, repaired).ShouldBeEmpty();
        EveryOtherMoveMadeRoom(away, lastWeek, repaired, affected);
    }

    [Fact]
    public void NewSessionWithRoomToSpare_LeavesEveryOtherSessionWhereItWas()
    {
        var instance = Week(
            [Room("R1"), Room("R2")],
            [Practitioner("T1"), Practitioner("T2")],
            [Pupil("P1"), Pupil("P2"), Pupil("P3")],
            [
                Session("S1", "T1", ["P1"], previousSlot: "Mon-1", previousRoom: "R1"),
                Session("S2", "T2", ["P2"], previousSlot: "Mon-1", previousRoom: "R2"),
                Session("S3", "T1", ["P3"]),
            ]);

        var result = Scheduler.Solve(instance).Solution;

        result.Placements.ShouldContain(new Placement("S1", "Mon-1", "R1"));
        result.Placements.ShouldContain(new Placement("S2", "Mon-1", "R2"));
        result.Placements.Single(p => p.Session == "S3").Room.ShouldBe("R1", "T1 stays in one room on Monday");
        result.Cost.ShouldBe(0);
    }
}
