using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Scheduling.Solutions;
using SP = SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;
using SecureBase.Staff;
using S = SecureBase.Scheduling.Model;

namespace SecureBase.Timetable;

/// <summary>How a proposed placement differs from the timetable in force.</summary>
public enum PlacementChange
{
    New,
    Same,
    Moved,
}

public sealed record ProposedPlacement(
    WeeklySessionId SessionId,
    StaffId StaffId,
    string Practitioner,
    Discipline Discipline,
    string Pupils,
    DayOfWeek Day,
    LessonPeriodId PeriodId,
    TimeOnly Start,
    TimeOnly End,
    RoomId RoomId,
    string Room,
    PlacementChange Change,
    string? Was);

public sealed record UnplacedProposal(WeeklySessionId SessionId, string Practitioner, Discipline Discipline, string Pupils, string Reason);

/// <summary>
/// A proposed timetable: built on accepted version <see cref="BasedOn"/> (0 when the school has none),
/// to apply from <see cref="From"/>. <see cref="Ended"/> lists sessions of the current timetable that
/// no longer run. <see cref="Token"/> is what the accept form carries back.
/// </summary>
public sealed record TimetableProposal(
    int BasedOn,
    DateOnly From,
    IReadOnlyList<ProposedPlacement> Placed,
    IReadOnlyList<UnplacedProposal> Unplaced,
    IReadOnlyList<string> Ended,
    long Cost,
    bool Optimal,
    int SessionsCreated)
{
    /// <summary>"session|day|period|room;…": the placements to accept, checked again when they come back.</summary>
    public string Token => string.Join(';', Placed.Select(p => $"{p.SessionId}|{(int)p.Day}|{p.PeriodId}|{p.RoomId}"));
}

/// <summary>Why accepting failed, in the school's words; <see cref="Conflict"/> when someone changed the timetable meanwhile (409).</summary>
public sealed record AcceptFailure(string Message, bool Conflict);

/// <summary>
/// Proposes a timetable for the school (the scheduler on live data, in-process, with a time limit)
/// and accepts one as a new <see cref="TimetableVersion"/> from a date, generating its occurrences.
/// </summary>
public sealed class TimetableProposals(SecureBaseDb db, WeekInstanceBuilder builder, OccurrencePlanner planner, TimeProvider clock, Schools.SchoolClock schoolClock)
{
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(3);

    public async Task<TimetableProposal> ProposeAsync(DateOnly from, TimeSpan? timeLimit = null, CancellationToken ct = default)
    {
        var created = await builder.EnsureSessionsAsync(ct);
        var current = await planner.LatestAsync(ct);
        var previous = current?.Placements.ToDictionary(p => p.SessionId);
        var week = await builder.BuildAsync(from, (s, maps) =>
            previous is not null && previous.TryGetValue(s.Id, out var p) ? new S.PreviousPlacement(maps.SlotOf(p.Day, p.PeriodId, p.Start), p.RoomId.ToString()) : null, ct: ct);

        var result = Scheduler.Solve(week.Instance, new SolveOptions { TimeLimit = timeLimit ?? DefaultTimeLimit }, ct);
        var placed = result.Solution.Placements.Select(p => ToView(week, p, previous)).OrderBy(p => p.Day == DayOfWeek.Sunday ? 7 : (int)p.Day).ThenBy(p => p.Start).ThenBy(p => p.Room, StringComparer.CurrentCulture).ToList();
        var unplaced = result.Solution.Unplaced.Select(u =>
        {
            var s = week.Sessions[u.Session];
            return new UnplacedProposal(s.Id, week.StaffName(s.StaffId), s.Discipline, week.PupilsOf(s), u.Reason);
        }).ToList();
        var ended = previous is null ? [] : previous.Values.Where(p => !week.Sessions.ContainsKey(p.SessionId.ToString()))
            .Select(p => $"{p.Day} {SchoolDates.Time(p.Start)} in {week.RoomName(p.RoomId)}").ToList();
        return new TimetableProposal(current?.Number ?? 0, from, placed, unplaced, ended, result.Solution.Cost, result.Solution.Proof?.Optimal ?? false, created);
    }

    /// <summary>
    /// Makes the proposal the timetable from <paramref name="from"/>. Refused when the timetable was
    /// accepted or changed since the proposal was made (<paramref name="basedOn"/> is not the latest
    /// version), when the date is not a school day from today on, or when a placement breaks a rule.
    /// </summary>
    public async Task<Result<TimetableVersion>> AcceptAsync(int basedOn, DateOnly from, string token, Guid by, CancellationToken ct = default)
    {
        var current = await planner.LatestAsync(ct);
        if ((current?.Number ?? 0) != basedOn)
        {
            return new Error.Conflict("Someone accepted or changed the timetable after this proposal was made, so it was not accepted: ask for a new proposal.");
        }

        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var today = schoolClock.Today;
        if (from < today)
        {
            return new Error.Validation("From", $"The new timetable cannot start in the past: choose {SchoolDates.Long(today)} or later");
        }

        if (calendar.Known is not null && !calendar.IsSchoolDay(from))
        {
            return new Error.Validation("From", $"{SchoolDates.Long(from)} is not a school day: choose a day in term time");
        }

        if (!TryRead(token, out var details))
        {
            return new Error.Validation("Placements", "The proposal could not be read: ask for a new proposal");
        }

        // Checked again against the five rules: the school's data may have changed since the proposal.
        var week = await builder.BuildAsync(from, ct: ct);
        var placements = new List<SP.Placement>();
        foreach (var d in details)
        {
            var slot = week.SlotOf(d.Day, d.PeriodId, default);
            if (slot is null || !week.Sessions.ContainsKey(d.SessionId.ToString()))
            {
                return new Error.Conflict("The school's lesson periods or sessions changed after this proposal was made, so it was not accepted: ask for a new proposal.");
            }

            placements.Add(new SP.Placement(d.SessionId.ToString(), slot, d.RoomId.ToString()));
        }

        var unplaced = week.Instance.Sessions.Where(s => placements.All(p => p.Session != s.Id)).Select(s => new UnplacedSession(s.Id, "")).ToList();
        var problems = placements.GroupBy(p => p.Session).Any(g => g.Count() > 1)
            ? ["A session is placed twice"]
            : SolutionChecker.Check(week.Instance, new ScheduleSolution(week.Instance.Name, placements, unplaced, CostCalculator.Compute(week.Instance, placements).Total));
        if (problems.Count > 0)
        {
            return new Error.Conflict("Something changed after this proposal was made (a room was booked, a working pattern or a protected lesson changed), so it was not accepted: ask for a new proposal.");
        }

        var slots = details.Select(d => (d, Slot: week.Slots[week.SlotOf(d.Day, d.PeriodId, default)!])).ToList();
        var version = TimetableVersion.Accept(db.CurrentSchoolId, current, from,
            slots.Select(x => new PlacementDetails(x.d.SessionId, x.d.Day, x.d.PeriodId, x.Slot.Start, x.Slot.Start.AddMinutes(week.Sessions[x.d.SessionId.ToString()].Minutes), x.d.RoomId)),
            by, clock.GetUtcNow().UtcDateTime);
        if (!version.IsSuccess)
        {
            return version.Error!;
        }

        try
        {
            await planner.ApplyAsync(version.Value, from, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new Error.Conflict("Someone accepted another timetable at the same moment, so this one was not accepted: ask for a new proposal.");
        }

        return version.Value;
    }

    private static ProposedPlacement ToView(WeekInstance week, SP.Placement p, Dictionary<WeeklySessionId, Placement>? previous)
    {
        var s = week.Sessions[p.Session];
        var slot = week.Slots[p.Slot];
        var room = RoomId.Parse(p.Room, null);
        var change = PlacementChange.New;
        string? was = null;
        if (previous is not null && previous.TryGetValue(s.Id, out var before))
        {
            var same = before.Day == slot.Day && (before.PeriodId == slot.PeriodId || before.Start == slot.Start) && before.RoomId == room;
            change = same ? PlacementChange.Same : PlacementChange.Moved;
            was = same ? null : $"{before.Day} {SchoolDates.Time(before.Start)} in {week.RoomName(before.RoomId)}";
        }

        return new ProposedPlacement(s.Id, s.StaffId, week.StaffName(s.StaffId), s.Discipline, week.PupilsOf(s), slot.Day, slot.PeriodId,
            slot.Start, slot.Start.AddMinutes(s.Minutes), room, week.RoomName(room), change, was);
    }

    private sealed record TokenPlacement(WeeklySessionId SessionId, DayOfWeek Day, LessonPeriodId PeriodId, RoomId RoomId);

    private static bool TryRead(string? token, out List<TokenPlacement> placements)
    {
        placements = [];
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        foreach (var part in token.Split(';'))
        {
            var f = part.Split('|');
            if (f.Length != 4 || !WeeklySessionId.TryParse(f[0], null, out var session) || !int.TryParse(f[1], out var day) || day is < 1 or > 5
                || !LessonPeriodId.TryParse(f[2], null, out var period) || !RoomId.TryParse(f[3], null, out var room))
            {
                return false;
            }

            placements.Add(new TokenPlacement(session, (DayOfWeek)day, period, room));
        }

        return true;
    }
}
