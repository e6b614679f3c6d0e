using System.Diagnostics;
using System.Globalization;
using SecureBase.Bench.Scheduling;
using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Reading;
using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;

namespace SecureBase.Bench.Repair;

/// <summary>
/// Repair after one change (issue 10): on generated school weeks, the settled timetable is solved first; then one
/// change is made (the busiest room taken for the busiest day of it, or the busiest practitioner away for a day)
/// and the week is re-planned with every session's settled place as <c>previous</c>, as /timetable/repair does.
/// Measured: of the sessions the change does not touch (their settled place is still allowed), the share that keep
/// their slot and room (goal ≥ 95%); the repaired week's cost against a from-scratch solve of the changed week (both
/// without the move costs, which a from-scratch solve does not have), and how many sessions a from-scratch solve
/// would have moved. Every timetable is checked against the five rules. Options: --time-limit SECONDS (default 2).
/// </summary>
public sealed class RepairSuite : IBenchSuite
{
    // The scheduler suite's eight generated school weeks (same shapes and seeds).
    private static readonly InstanceShape[] Shapes =
    [
        new("gen-school-balanced", 101, Sessions: 50, Sites: 1, RoomsPerSite: 4, Practitioners: 4, PractitionerDays: 3.5, GroupShare: 0.1, SitesPerPractitioner: 1),
        new("gen-tight-practitioners", 102, Sessions: 60, Sites: 1, RoomsPerSite: 5, Practitioners: 3, PractitionerDays: 3, GroupShare: 0.1, SitesPerPractitioner: 1),
        new("gen-few-rooms", 103, Sessions: 60, Sites: 1, RoomsPerSite: 2, Practitioners: 5, PractitionerDays: 3, GroupShare: 0.1, SitesPerPractitioner: 1, RoomBusy: 0.1),
        new("gen-many-groups", 104, Sessions: 45, Sites: 1, RoomsPerSite: 4, Practitioners: 4, PractitionerDays: 3, GroupShare: 0.5, SitesPerPractitioner: 1, SecondSessionShare: 0.25),
        new("gen-many-sites", 105, Sessions: 90, Sites: 3, RoomsPerSite: 3, Practitioners: 7, PractitionerDays: 4, GroupShare: 0.15, SitesPerPractitioner: 2.2),
        new("gen-two-sites-peripatetic", 106, Sessions: 80, Sites: 2, RoomsPerSite: 4, Practitioners: 6, PractitionerDays: 4, GroupShare: 0.15, SitesPerPractitioner: 1.8),
        new("gen-small-30", 107, Sessions: 30, Sites: 1, RoomsPerSite: 3, Practitioners: 2, PractitionerDays: 3.5, GroupShare: 0.15, SitesPerPractitioner: 1),
        new("gen-large-100", 108, Sessions: 100, Sites: 3, RoomsPerSite: 4, Practitioners: 8, PractitionerDays: 4, GroupShare: 0.15, SitesPerPractitioner: 1.5),
    ];

    public string Name => "repair";

    public string Description => "Re-planning a school week after one change: share of unaffected sessions kept in place, cost against a from-scratch solve";

    public Task RunAsync(string[] options)
    {
        var seconds = 2.0;
        var i = Array.IndexOf(options, "--time-limit");
        if (i >= 0 && i + 1 < options.Length && double.TryParse(options[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0)
        {
            seconds = s;
        }

        var solve = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(seconds) };
        Console.WriteLine($"Time limit {seconds:0.##} s per solve. Kept = unaffected sessions in the same slot and room; cost excludes move costs.");
        Console.WriteLine();
        Console.WriteLine("| week | sessions | change | unaffected | kept | kept % | repair cost | scratch cost | repair − scratch | scratch kept % | repair s | check |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var totalUnaffected = 0;
        var totalKept = 0;
        foreach (var shape in Shapes)
        {
            var generated = InstanceReader.Parse(InstanceGenerator.Generate(shape)).Instance!;
            var fresh = generated with { Sessions = generated.Sessions.Select(x => x with { Previous = null }).ToList() };
            var settled = Scheduler.Solve(fresh, solve).Solution;
            var placed = settled.Placements.ToDictionary(p => p.Session, StringComparer.Ordinal);
            var withPrevious = fresh with
            {
                Sessions = fresh.Sessions.Select(x => placed.TryGetValue(x.Id, out var p) ? x with { Previous = new PreviousPlacement(p.Slot, p.Room) } : x).ToList(),
            };

            foreach (var (label, changed) in Changes(withPrevious, settled))
            {
                var clock = Stopwatch.StartNew();
                var repaired = Scheduler.Solve(changed, solve).Solution;
                var repairSeconds = clock.Elapsed.TotalSeconds;
                var noPrevious = changed with { Sessions = changed.Sessions.Select(x => x with { Previous = null }).ToList() };
                var scratch = Scheduler.Solve(noPrevious, solve).Solution;

                var unaffected = settled.Placements.Where(p => StillAllowed(changed, p)).ToList();
                var repairedAt = repaired.Placements.ToDictionary(p => p.Session, StringComparer.Ordinal);
                var scratchAt = scratch.Placements.ToDictionary(p => p.Session, StringComparer.Ordinal);
                var kept = unaffected.Count(p => repairedAt.TryGetValue(p.Session, out var r) && r.Slot == p.Slot && r.Room == p.Room);
                var scratchKept = unaffected.Count(p => scratchAt.TryGetValue(p.Session, out var r) && r.Slot == p.Slot && r.Room == p.Room);
                var repairCost = CostCalculator.Compute(noPrevious, repaired.Placements).Total;
                var scratchCost = CostCalculator.Compute(noPrevious, scratch.Placements).Total;
                var check = SolutionChecker.Check(changed, repaired).Count == 0 && SolutionChecker.Check(noPrevious, scratch).Count == 0 ? "valid" : "INVALID";
                totalUnaffected += unaffected.Count;
                totalKept += kept;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {shape.Name} | {changed.Sessions.Count} | {label} | {unaffected.Count} | {kept} | {Percent(kept, unaffected.Count):0.0} | {repairCost} | {scratchCost} | {repairCost - scratchCost:+0;-0;0} | {Percent(scratchKept, unaffected.Count):0.0} | {repairSeconds:0.00} | {check} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Overall: {totalKept} of {totalUnaffected} unaffected sessions kept their slot and room ({Percent(totalKept, totalUnaffected):0.0}%; goal ≥ 95%)."));
        return Task.CompletedTask;
    }

    private static double Percent(int part, int whole) => whole == 0 ? 100 : 100.0 * part / whole;

    /// <summary>Two changes per week: the busiest room taken for its busiest day, and the busiest practitioner away on their busiest day.</summary>
    private static IEnumerable<(string Label, ScheduleInstance Changed)> Changes(ScheduleInstance week, ScheduleSolution settled)
    {
        var slotDay = week.Slots.ToDictionary(s => s.Id, s => s.Day, StringComparer.Ordinal);
        if (settled.Placements.Count == 0)
        {
            yield break;
        }

        var (room, roomDay) = settled.Placements.GroupBy(p => (p.Room, Day: slotDay[p.Slot])).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Room, StringComparer.Ordinal).First().Key;
        var daySlots = week.Slots.Where(s => s.Day == roomDay).Select(s => s.Id).ToList();
        yield return ($"room {room} taken on {roomDay}", week with
        {
            Rooms = week.Rooms.Select(r => r.Id == room ? r with { Unavailable = r.Unavailable.Union(daySlots).ToList() } : r).ToList(),
        });

        var sessions = week.Sessions.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var (who, whoDay) = settled.Placements.GroupBy(p => (sessions[p.Session].Practitioner, Day: slotDay[p.Slot])).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Practitioner, StringComparer.Ordinal).First().Key;
        var away = week.Slots.Where(s => s.Day == whoDay).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        yield return ($"practitioner {who} away on {whoDay}", week with
        {
            Practitioners = week.Practitioners.Select(p => p.Id == who ? p with { Available = p.Available.Where(a => !away.Contains(a)).ToList() } : p).ToList(),
        });
    }

    /// <summary>Whether a settled placement is still allowed after the change (rule 2: the room and practitioner are available then).</summary>
    private static bool StillAllowed(ScheduleInstance changed, Placement p)
    {
        var session = changed.Sessions.First(s => s.Id == p.Session);
        var room = changed.Rooms.First(r => r.Id == p.Room);
        var practitioner = changed.Practitioners.First(x => x.Id == session.Practitioner);
        return !room.Unavailable.Contains(p.Slot) && practitioner.Available.Contains(p.Slot);
    }
}
