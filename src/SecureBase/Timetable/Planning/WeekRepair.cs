using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;
using SP = SecureBase.Scheduling.Solutions;
using S = SecureBase.Scheduling.Model;

namespace SecureBase.Timetable;

/// <summary>A session of the week that needs a new place, and why.</summary>
public sealed record AffectedOccurrence(OccurrenceId Id, DateOnly Date, TimeOnly Start, TimeOnly End, string Room, string Practitioner, string Why, bool Displaced);

/// <summary>One change a repair makes: an occurrence moved (to <see cref="Date"/>, <see cref="Start"/>, <see cref="Room"/>) or abandoned (cancelled).</summary>
public sealed record RepairMove(OccurrenceId Id, string Practitioner, string Was, DateOnly? Date, TimeOnly? Start, TimeOnly? End, RoomId? RoomId, string? Room, bool Abandoned, string? Reason);

public sealed record RepairProposal(DateOnly Monday, IReadOnlyList<RepairMove> Moves, int Kept, int Sessions)
{
    /// <summary>"occurrence|stamp|date|start|room" or "occurrence|stamp|abandon" for each change, separated by ";".</summary>
    public string Token { get; init; } = "";
}

/// <summary>
/// Re-plans one disrupted week keeping everything else where it was: the scheduler gets every session
/// of the week with its current place as <c>previous</c>, the rooms taken and the practitioners away
/// made unavailable there, and moves only what it must. Applying it moves those occurrences (as
/// exceptions, so no later series change undoes them) and resolves their displacements; a session
/// that cannot be placed that week is abandoned (cancelled).
/// </summary>
public sealed class WeekRepair(SecureBaseDb db, WeekInstanceBuilder builder, IEnumerable<IRoomTimes> roomTimes, TimeProvider clock)
{
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(3);

    /// <summary>Occurrences of the week whose room was taken (a pending displacement or a booking) or whose practitioner no longer works then.</summary>
    public async Task<IReadOnlyList<AffectedOccurrence>> AffectedAsync(DateOnly monday, CancellationToken ct = default)
    {
        monday = SchoolDates.MondayOf(monday);
        var friday = monday.AddDays(4);
        var occurrences = await db.SessionOccurrences.AsNoTracking().Where(o => o.Date >= monday && o.Date <= friday && o.Status != OccurrenceStatus.Cancelled).ToListAsync(ct);
        var pending = (await db.Displacements.AsNoTracking().Where(d => d.Date >= monday && d.Date <= friday).ToListAsync(ct)).Where(d => d.IsPending).Select(d => d.OccurrenceId).ToHashSet();
        var taken = new List<RoomTaken>();
        foreach (var source in roomTimes)
        {
            taken.AddRange(await source.TakenAsync(monday, friday, ct));
        }

        var staff = await db.StaffMembers.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var list = new List<AffectedOccurrence>();
        foreach (var o in occurrences.OrderBy(o => o.Date).ThenBy(o => o.Start))
        {
            var who = staff.TryGetValue(o.StaffId, out var s) ? s : null;
            string? why = null;
            if (pending.Contains(o.Id))
            {
                why = "Its room was taken (a displacement waiting to be resolved)";
            }
            else if (taken.Any(t => t.RoomId == o.RoomId && t.Date == o.Date && t.Start < o.End && o.Start < t.End))
            {
                why = "Its room is booked for another use then";
            }
            else if (who is null || (who.LeftOn is { } left && left <= o.Date))
            {
                why = "Its practitioner has left";
            }
            else if (!who.WorkingPattern.Any(b => b.Day == o.Date.DayOfWeek && b.Start <= o.Start && o.End <= b.End))
            {
                why = "Its practitioner does not work then";
            }

            if (why is not null)
            {
                list.Add(new AffectedOccurrence(o.Id, o.Date, o.Start, o.End, rooms.GetValueOrDefault(o.RoomId, "a room"), who?.DisplayName ?? "a practitioner", why, pending.Contains(o.Id)));
            }
        }

        return list;
    }

    public async Task<RepairProposal> ProposeAsync(DateOnly monday, TimeSpan? timeLimit = null, CancellationToken ct = default)
    {
        var (week, occurrences) = await BuildAsync(monday, ct);
        var result = Scheduler.Solve(week.Instance, new SolveOptions { TimeLimit = timeLimit ?? DefaultTimeLimit }, ct);
        return ToProposal(week, occurrences, result.Solution);
    }

    /// <summary>The week's instance: each session with an occurrence that week, placed where that occurrence is; what was taken made unavailable there.</summary>
    internal async Task<(WeekInstance Week, Dictionary<string, SessionOccurrence> BySession)> BuildAsync(DateOnly monday, CancellationToken ct)
    {
        monday = SchoolDates.MondayOf(monday);
        var friday = monday.AddDays(4);
        var affected = (await AffectedAsync(monday, ct)).Select(a => a.Id).ToHashSet();
        var occurrences = (await db.SessionOccurrences.AsNoTracking().Where(o => o.Date >= monday && o.Date <= friday && o.Status != OccurrenceStatus.Cancelled).ToListAsync(ct))
            .GroupBy(o => o.SessionId).ToDictionary(g => g.Key.ToString(), g => g.OrderBy(o => o.Date).First());

        // A displaced occurrence's room is out of use in its slot even before the rooms module reports the booking.
        var probe = await builder.BuildAsync(monday, sessionFilter: s => occurrences.ContainsKey(s.Id.ToString()), ct: ct);
        var takenOut = new HashSet<(string, string)>();
        foreach (var o in occurrences.Values.Where(o => affected.Contains(o.Id)))
        {
            foreach (var slot in probe.Slots.Values.Where(s => s.Day == o.Date.DayOfWeek && s.Start < o.End && o.Start < s.End))
            {
                takenOut.Add((o.RoomId.ToString(), slot.Id));
            }
        }

        var week = await builder.BuildAsync(monday,
            (s, maps) => occurrences.TryGetValue(s.Id.ToString(), out var o) ? new S.PreviousPlacement(maps.SlotOf(o.Date.DayOfWeek, null, o.Start), o.RoomId.ToString()) : null,
            s => occurrences.ContainsKey(s.Id.ToString()), takenOut, ct);
        return (week, occurrences);
    }

    private static RepairProposal ToProposal(WeekInstance week, Dictionary<string, SessionOccurrence> occurrences, ScheduleSolution solution)
    {
        var moves = new List<RepairMove>();
        var tokens = new List<string>();
        var kept = 0;
        foreach (var p in solution.Placements)
        {
            var o = occurrences[p.Session];
            var slot = week.Slots[p.Slot];
            var room = RoomId.Parse(p.Room, null);
            var date = week.DateOf(slot.Day);
            if (date == o.Date && slot.Start == o.Start && room == o.RoomId)
            {
                kept++;
                continue;
            }

            var minutes = (int)(o.End - o.Start).TotalMinutes;
            moves.Add(new RepairMove(o.Id, week.StaffName(o.StaffId), Was(week, o), date, slot.Start, slot.Start.AddMinutes(minutes), room, week.RoomName(room), false, null));
            tokens.Add($"{o.Id}|{o.Stamp}|{date:yyyy-MM-dd}|{slot.Start:HH\\:mm}|{room}");
        }

        foreach (var u in solution.Unplaced)
        {
            var o = occurrences[u.Session];
            moves.Add(new RepairMove(o.Id, week.StaffName(o.StaffId), Was(week, o), null, null, null, null, null, true, u.Reason));
            tokens.Add($"{o.Id}|{o.Stamp}|abandon");
        }

        return new RepairProposal(week.Monday, moves, kept, occurrences.Count) { Token = string.Join(';', tokens) };
    }

    private static string Was(WeekInstance week, SessionOccurrence o) => $"{SchoolDates.Brief(o.Date)} {SchoolDates.Time(o.Start)} in {week.RoomName(o.RoomId)}";

    /// <summary>
    /// Applies a repair proposal: moves and abandons its occurrences and resolves their pending
    /// displacements. Refused (conflict) when any of them changed since the proposal, or when the
    /// week's timetable after the moves would break one of the five rules.
    /// </summary>
    public async Task<Result<int>> ApplyAsync(DateOnly monday, string token, CancellationToken ct = default)
    {
        monday = SchoolDates.MondayOf(monday);
        var parsed = new List<(OccurrenceId Id, Guid Stamp, DateOnly? Date, TimeOnly? Start, RoomId? Room)>();
        foreach (var part in (token ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = part.Split('|');
            if (f.Length < 3 || !OccurrenceId.TryParse(f[0], null, out var id) || !Guid.TryParse(f[1], out var stamp))
            {
                return new Error.Validation("Moves", "The repair could not be read: propose it again");
            }

            if (f.Length == 3 && f[2] == "abandon")
            {
                parsed.Add((id, stamp, null, null, null));
            }
            else if (f.Length == 5 && DateOnly.TryParseExact(f[2], "yyyy-MM-dd", out var date) && TimeOnly.TryParseExact(f[3], "HH:mm", out var start) && RoomId.TryParse(f[4], null, out var room))
            {
                parsed.Add((id, stamp, date, start, room));
            }
            else
            {
                return new Error.Validation("Moves", "The repair could not be read: propose it again");
            }
        }

        var ids = parsed.Select(p => p.Id).ToList();
        var occurrences = await db.SessionOccurrences.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        if (occurrences.Count != parsed.Count || parsed.Any(p => occurrences[p.Id].Stamp != p.Stamp || SchoolDates.MondayOf(occurrences[p.Id].OriginalDate) != monday))
        {
            return new Error.Conflict("Someone changed this week's sessions after the repair was proposed, so nothing was moved: propose the repair again.");
        }

        // The week after the moves must keep the five rules.
        var (week, bySession) = await BuildAsync(monday, ct);
        var placements = new List<SP.Placement>();
        var unplaced = new List<UnplacedSession>();
        foreach (var (sessionId, o) in bySession)
        {
            var change = parsed.FirstOrDefault(p => p.Id == o.Id);
            if (change.Id == o.Id && change.Date is null)
            {
                unplaced.Add(new UnplacedSession(sessionId, ""));
                continue;
            }

            var (date, start, room) = change.Id == o.Id ? (change.Date!.Value, change.Start!.Value, change.Room!.Value) : (o.Date, o.Start, o.RoomId);
            var slot = week.Slots.Values.FirstOrDefault(s => week.DateOf(s.Day) == date && s.Start == start);
            if (slot is null)
            {
                return new Error.Conflict("The school's lesson periods changed after the repair was proposed, so nothing was moved: propose the repair again.");
            }

            placements.Add(new SP.Placement(sessionId, slot.Id, room.ToString()));
        }

        var problems = SolutionChecker.Check(week.Instance, new ScheduleSolution(week.Instance.Name, placements, unplaced, CostCalculator.Compute(week.Instance, placements).Total));
        if (problems.Count > 0)
        {
            return new Error.Conflict("Something changed this week after the repair was proposed (a room was booked or a working pattern changed), so nothing was moved: propose the repair again.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pending = (await db.Displacements.Where(d => ids.Contains(d.OccurrenceId)).ToListAsync(ct)).Where(d => d.IsPending).ToList();
        foreach (var p in parsed)
        {
            var o = occurrences[p.Id];
            var outcome = p.Date is { } date
                ? o.MoveTo(date, p.Start!.Value, p.Start.Value.Add(o.End - o.Start), p.Room!.Value)
                : o.Cancel("Its room was taken and no other time or room was free that week");
            if (!outcome.IsSuccess)
            {
                return outcome.Error!;
            }

            foreach (var d in pending.Where(d => d.OccurrenceId == o.Id))
            {
                d.Resolve(o, now);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Error.Conflict("Someone changed this week's sessions at the same moment, so nothing was moved: propose the repair again.");
        }

        return parsed.Count;
    }
}
