using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Timetable;

namespace SecureBase.Board;

/// <summary>
/// Where one practitioner is right now and when they are next free. <see cref="WithPupils"/> is for
/// the pupil's own view to tell "with you" from "with someone"; it is never shown or sent.
/// </summary>
public sealed record BoardRow(
    StaffId StaffId,
    string Name,
    string Role,
    Presence Presence,
    string StatusText,
    string? Room,
    TimeOnly? Until,
    TimeOnly? BackAt,
    bool FreeNow,
    TimeOnly? NextFree,
    string NextFreeText,
    string? NextSession)
{
    internal IReadOnlyList<PupilId> WithPupils { get; init; } = [];
}

/// <summary>The board at one moment of the school day.</summary>
public sealed record BoardNow(SchoolMoment Now, bool IsSchoolDay, IReadOnlyList<BoardRow> Rows)
{
    /// <summary>The statuses set for today that the rows were read with (the status form needs its own without reading it again).</summary>
    public IReadOnlyList<PractitionerStatus> SetToday { get; init; } = [];
}

/// <summary>
/// Works out the board from the database alone (the timetable's occurrences, the statuses
/// practitioners set, their working patterns), so every instance shows the same thing:
/// a session happening now says "in a session" in its room until the end of the run of sessions
/// it belongs to; otherwise the status the practitioner set today; otherwise their working pattern
/// (free, or not in). "Next free" is the end of the current run of sessions, or when they are back.
/// </summary>
public sealed class PractitionerBoard(SecureBaseDb db, TimetableWeek week, Schools.SchoolClock clock)
{
    /// <summary>A gap between two sessions shorter than this is a changeover, not free time.</summary>
    public static readonly TimeSpan Changeover = TimeSpan.FromMinutes(10);

    /// <summary>The end of a school day whose lesson periods are not entered.</summary>
    public static readonly TimeOnly DefaultEndOfDay = new(17, 0);

    public async Task<(SchoolMoment Now, SchoolCalendar Calendar)> NowAsync(CancellationToken ct)
    {
        var calendar = await SchoolCalendar.LoadForReadingAsync(db, ct);
        var utc = clock.UtcNow;
        var (date, time) = calendar.ToLocal(utc);
        var lessons = calendar.LessonsOn(date);
        var end = lessons.Count == 0 ? DefaultEndOfDay : lessons.Max(p => p.End);
        if (end < DefaultEndOfDay)
        {
            // Therapy and meetings run past the last lesson; a status holds until the building empties.
            end = DefaultEndOfDay;
        }

        return (new SchoolMoment(date, time, end, utc), calendar);
    }

    /// <summary>The board now: every practitioner, or only those given.</summary>
    public async Task<BoardNow> ReadAsync(IReadOnlyCollection<StaffId>? only = null, CancellationToken ct = default)
    {
        // One connection for the board's reads (on SQLite each open also sets the connection's pragmas).
        var opened = await DbRequestConnection.KeepOpenAsync(db, ct);
        try
        {
            return await ReadOpenAsync(only, ct);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task<BoardNow> ReadOpenAsync(IReadOnlyCollection<StaffId>? only, CancellationToken ct)
    {
        var (now, calendar) = await NowAsync(ct);
        // A school that has not entered its calendar yet is taken to be open on weekdays.
        var schoolDay = calendar.Known is null ? SchoolDates.IsWeekday(now.Date) : calendar.IsSchoolDay(now.Date);

        // One practitioner (the status form on their home page): only their sessions, not the whole school's day.
        var filter = only is { Count: 1 } ? new OccurrenceFilter(Staff: only.First()) : new OccurrenceFilter();
        var sessionsToday = await week.BetweenAsync(now.Date, now.Date, filter, ct);
        var withSessions = sessionsToday.Select(o => o.StaffId).Distinct().ToList();
        // Each practitioner with the status they set today (one row each at most: a practitioner has one status), in one query.
        var day = now.Date;
        var read = Staff(only is { Count: 1 }
            ? await ReadOne.For(db)(db, day, day.DayOfWeek, withSessions, only.First()).ToListAsync(ct)
            : [.. (await ReadAll.For(db)(db, day, day.DayOfWeek, withSessions).ToListAsync(ct)).Where(r => only is null || only.Contains(r.Id))]);
        var statuses = read.Where(r => r.Status is not null).Select(r => r.Status!).ToList();
        var rows = read
            .OrderBy(r => r.Staff.LastName, StringComparer.CurrentCulture).ThenBy(r => r.Staff.FirstName, StringComparer.CurrentCulture)
            .Select(r => RowFor(r.Staff, sessionsToday.Where(o => o.StaffId == r.Staff.Id && o.Status != OccurrenceStatus.Cancelled).OrderBy(o => o.Start).ToList(),
                r.Status, now, schoolDay))
            .ToList();
        return new BoardNow(now, schoolDay, rows) { SetToday = statuses };
    }

    /// <summary>A practitioner as the board needs them: their name, role and the day's working times (null: no working pattern recorded).</summary>
    internal sealed record BoardStaff(StaffId Id, string DisplayName, string FirstName, string LastName, Discipline? Discipline, string? JobTitle,
        IReadOnlyList<(TimeOnly Start, TimeOnly End)>? WorkingTimes);

    /// <summary>One practitioner with the status they set today (at most one) and one of the day's working times (or none), flat.</summary>
    private sealed record StaffRow(StaffId Id, string? Title, string FirstName, string LastName, Discipline? Discipline, string? JobTitle,
        bool HasPattern, PractitionerStatus? Status, TimeOnly? Start, TimeOnly? End);

    /// <summary>
    /// The rows put together per practitioner. Read flat: EF's materializing of each practitioner's working pattern as a
    /// nested list built delegates by reflection on every row, the largest single share of the board's CPU.
    /// </summary>
    private static List<(BoardStaff Staff, PractitionerStatus? Status)> Staff(List<StaffRow> rows)
    {
        var read = new List<(BoardStaff Staff, PractitionerStatus? Status)>();
        foreach (var g in rows.GroupBy(r => r.Id))
        {
            var r = g.First();
            var times = r.HasPattern
                ? g.Where(x => x.Start is not null && x.End is not null).Select(x => (x.Start!.Value, x.End!.Value)).OrderBy(b => b.Item1).ToList()
                : null;
            read.Add((new BoardStaff(r.Id, StaffMember.DisplayNameOf(r.Title, r.FirstName, r.LastName), r.FirstName, r.LastName, r.Discipline, r.JobTitle, times), r.Status));
        }

        return read;
    }

    // The board's practitioners with the status each set today and their working times on the day, compiled once: every
    // practitioner's home page reads its own row for the status form on every visit, and EF's preparing of this LINQ query
    // was a measurable share of it. One practitioner's row is its own query: asked as "everyone, or only these", the
    // database planned the query again on every visit (no plan suits both), a fifth of its work for the home page.
    private static readonly PerModel<Func<SecureBaseDb, DateOnly, DayOfWeek, List<StaffId>, IAsyncEnumerable<StaffRow>>> ReadAll = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, DateOnly day, DayOfWeek weekday, List<StaffId> withSessions) =>
            from s in db.StaffMembers.AsNoTracking()
            join x in db.Set<PractitionerStatus>().AsNoTracking().Where(x => x.Day == day) on s.Id equals x.StaffId into set
            from x in set.DefaultIfEmpty()
            from b in s.WorkingPattern.Where(b => b.Day == weekday).DefaultIfEmpty()
            where (s.LeftOn == null || s.LeftOn > day) && (s.Discipline != null || withSessions.Contains(s.Id) || x != null)
            select new StaffRow(s.Id, s.Title, s.FirstName, s.LastName, s.Discipline, s.JobTitle, s.WorkingPattern.Any(), x,
                b == null ? null : b.Start, b == null ? null : b.End)));

    private static readonly PerModel<Func<SecureBaseDb, DateOnly, DayOfWeek, List<StaffId>, StaffId, IAsyncEnumerable<StaffRow>>> ReadOne = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, DateOnly day, DayOfWeek weekday, List<StaffId> withSessions, StaffId one) =>
            from s in db.StaffMembers.AsNoTracking().Where(s => s.Id == one)
            join x in db.Set<PractitionerStatus>().AsNoTracking().Where(x => x.Day == day) on s.Id equals x.StaffId into set
            from x in set.DefaultIfEmpty()
            from b in s.WorkingPattern.Where(b => b.Day == weekday).DefaultIfEmpty()
            where (s.LeftOn == null || s.LeftOn > day) && (s.Discipline != null || withSessions.Contains(s.Id) || x != null)
            select new StaffRow(s.Id, s.Title, s.FirstName, s.LastName, s.Discipline, s.JobTitle, s.WorkingPattern.Any(), x,
                b == null ? null : b.Start, b == null ? null : b.End)));

    internal static BoardRow RowFor(BoardStaff staff, IReadOnlyList<OccurrenceView> sessions, PractitionerStatus? set, SchoolMoment now, bool schoolDay)
    {
        var role = staff.Discipline is { } d ? Disciplines.Practitioner(d) : staff.JobTitle ?? "";
        var day = new WorkingDay(staff, sessions, now, schoolDay);
        var t = now.Time;
        var next = sessions.FirstOrDefault(o => o.Start > t);
        var nextSession = next is null ? null : $"{next.Start:HH\\:mm} in {next.RoomName}";

        var current = sessions.FirstOrDefault(o => o.Start <= t && t < o.End);
        if (current is not null)
        {
            var until = day.RunEnd(current.End);
            var free = day.FirstFree(until);
            return new BoardRow(staff.Id, staff.DisplayName, role, Presence.InSession, $"In a session until {until:HH\\:mm}", current.RoomName, until, null,
                false, free, free is { } f ? f.ToString("HH\\:mm") : "Not today", nextSession) { WithPupils = current.PupilIds };
        }

        if (set is not null && set.HoldsAt(now.Date, t))
        {
            var text = Presences.Name(set.Presence) + (set.BackAt is { } b ? $", back at {b:HH\\:mm}" : "");
            return set.Presence switch
            {
                Presence.FreeForDropIn => new BoardRow(staff.Id, staff.DisplayName, role, Presence.FreeForDropIn, text, null, null, null, true, t, "Now", nextSession),
                Presence.NotInToday => new BoardRow(staff.Id, staff.DisplayName, role, Presence.NotInToday, text, null, null, null, false, null, "Not today", null),
                _ when set.BackAt is { } back && day.FirstFree(back) is { } free =>
                    new BoardRow(staff.Id, staff.DisplayName, role, set.Presence, text, null, back, back, false, free, free.ToString("HH\\:mm"), nextSession),
                _ => new BoardRow(staff.Id, staff.DisplayName, role, set.Presence, text, null, null, set.BackAt, false, null, "Not known", nextSession),
            };
        }

        if (!schoolDay)
        {
            return new BoardRow(staff.Id, staff.DisplayName, role, Presence.NotInToday, "Not in today (the school is closed)", null, null, null, false, null, "Not today", null);
        }

        if (!day.WorksAt(t))
        {
            var back = day.NextStart(t);
            return back is { } start
                ? new BoardRow(staff.Id, staff.DisplayName, role, Presence.NotInToday, $"Not in until {start:HH\\:mm}", null, start, start, false,
                    day.FirstFree(start), day.FirstFree(start) is { } f ? f.ToString("HH\\:mm") : "Not today", nextSession)
                : new BoardRow(staff.Id, staff.DisplayName, role, Presence.NotInToday, "Not in today", null, null, null, false, null, "Not today", null);
        }

        // Free now, unless a session starts within the changeover (then they are on their way to it).
        var firstFree = day.FirstFree(t);
        return firstFree == t
            ? new BoardRow(staff.Id, staff.DisplayName, role, Presence.FreeForDropIn, "Free for drop-in", null, null, null, true, t, "Now", nextSession)
            : new BoardRow(staff.Id, staff.DisplayName, role, Presence.InSession, $"About to start a session at {next!.Start:HH\\:mm}", next.RoomName, day.RunEnd(next.End), null,
                false, firstFree, firstFree is { } ff ? ff.ToString("HH\\:mm") : "Not today", nextSession);
    }

    /// <summary>A practitioner's day: when they work (their working pattern) and their sessions.</summary>
    private sealed class WorkingDay(BoardStaff staff, IReadOnlyList<OccurrenceView> sessions, SchoolMoment now, bool schoolDay)
    {
        // A practitioner with no working pattern recorded is taken to work the whole school day.
        private readonly IReadOnlyList<(TimeOnly Start, TimeOnly End)> _blocks = !schoolDay ? []
            : staff.WorkingTimes ?? [(TimeOnly.MinValue, now.EndOfDay)];

        public bool WorksAt(TimeOnly t) => _blocks.Any(b => b.Start <= t && t < b.End);

        public TimeOnly? NextStart(TimeOnly t) => _blocks.Where(b => b.Start > t).Select(b => (TimeOnly?)b.Start).FirstOrDefault();

        /// <summary>The end of the run of sessions that ends at <paramref name="end"/>: back-to-back sessions (a changeover apart) are one run.</summary>
        public TimeOnly RunEnd(TimeOnly end)
        {
            while (sessions.FirstOrDefault(o => o.End > end && o.Start < end.Add(Changeover)) is { } next)
            {
                end = next.End;
            }

            return end;
        }

        /// <summary>The first moment from <paramref name="from"/> that is outside every session and inside working time, today; null when there is none.</summary>
        public TimeOnly? FirstFree(TimeOnly from)
        {
            var t = from;
            for (var i = 0; i < 100; i++)
            {
                if (sessions.FirstOrDefault(o => o.Start <= t && t < o.End) is { } current)
                {
                    t = RunEnd(current.End);
                    continue;
                }

                if (sessions.FirstOrDefault(o => o.Start > t && o.Start < t.Add(Changeover)) is { } imminent)
                {
                    t = RunEnd(imminent.End);
                    continue;
                }

                if (!WorksAt(t))
                {
                    if (NextStart(t) is not { } start)
                    {
                        return null;
                    }

                    t = start;
                    continue;
                }

                return t;
            }

            return null;
        }
    }
}
