using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Timetable;

/// <summary>A dated session as other modules read it: when, where, with whom (by id), and whether it is on.</summary>
public sealed record OccurrenceView(
    OccurrenceId Id,
    WeeklySessionId SessionId,
    DateOnly OriginalDate,
    DateOnly Date,
    TimeOnly Start,
    TimeOnly End,
    RoomId RoomId,
    string RoomName,
    StaffId StaffId,
    string StaffName,
    Discipline Discipline,
    IReadOnlyList<PupilId> PupilIds,
    OccurrenceStatus Status,
    bool IsGroup);

/// <summary>When an occurrence is and whose it is, without its room or pupils: enough to put a week of hundreds in order.</summary>
public sealed record OccurrenceKey(OccurrenceId Id, DateOnly Date, TimeOnly Start, StaffId StaffId, string StaffName);

/// <summary>An occurrence read by id, with the latest displacement recorded for it (null: never displaced).</summary>
public sealed record OccurrenceWithDisplacement(OccurrenceView View, DisplacementId? LatestDisplacement);

/// <summary>Which occurrences to read: one practitioner's, one room's, one pupil's, or all.</summary>
public sealed record OccurrenceFilter(StaffId? Staff = null, RoomId? Room = null, PupilId? Pupil = null, bool IncludeCancelled = false);

/// <summary>
/// The timetable's published read surface: the dated sessions between two dates. It does not apply
/// the policy table; each caller decides what its user may see (e.g. never pupils' names on a board).
/// </summary>
public sealed class TimetableWeek(SecureBaseDb db)
{
    public async Task<IReadOnlyList<OccurrenceView>> BetweenAsync(DateOnly from, DateOnly to, OccurrenceFilter filter, CancellationToken ct = default)
    {
        // The weekly session (discipline, pupils) comes with each occurrence in the same query: one round trip, not two.
        // Not tracked: every caller reads (the board, home pages, feeds, the week); one that changes an occurrence loads it itself.
        var rows = Grouped(await Read.For(db)(db, from, to, filter.Staff is not null, filter.Staff ?? default, filter.Room is not null, filter.Room ?? default, filter.IncludeCancelled).ToListAsync(ct));

        return rows
            .Select(ToView)
            .Where(v => filter.Pupil is not { } pupil || v.PupilIds.Contains(pupil))
            .OrderBy(v => v.Date).ThenBy(v => v.Start).ThenBy(v => v.StaffName)
            .ToList();
    }

    /// <summary>
    /// The occurrences between two dates that are not cancelled (one practitioner's, or everyone's), as keys to order by:
    /// a large school's week is hundreds, of which a page shows fifty, read in full with <see cref="ByIdsAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<OccurrenceKey>> KeysBetweenAsync(DateOnly from, DateOnly to, StaffId? staff, CancellationToken ct = default)
    {
        var rows = await Keys.For(db)(db, from, to, staff is not null, staff ?? default).ToListAsync(ct);
        return rows.Select(x => new OccurrenceKey(x.Id, x.Date, x.Start, x.StaffId, $"{x.FirstName} {x.LastName}")).ToList();
    }

    /// <summary>
    /// The occurrences with these ids, as <see cref="BetweenAsync"/> reads them (not tracked: for reading only), each with
    /// the latest displacement recorded for it (the sessions week and the record form say "displaced from room"; read in
    /// the same query, not a round trip of their own), in no particular order.
    /// </summary>
    public async Task<IReadOnlyList<OccurrenceWithDisplacement>> ByIdsAsync(IReadOnlyCollection<OccurrenceId> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await ReadByIds.For(db)(db, ids.ToList()).ToListAsync(ct);
        return Grouped(rows).Select(x => new OccurrenceWithDisplacement(ToView(x), x.LatestDisplacement)).ToList();
    }

    /// <summary>
    /// One read per occurrence from the rows of its pupils (a group session has several, an occurrence whose session has no
    /// pupil one with none). Read flat and put together here: EF's materializing of a nested list of pupils per row built
    /// delegates by reflection on every row, a measurable share of the board's CPU.
    /// </summary>
    private static List<OccurrenceRead> Grouped(List<OccurrenceRow> rows)
    {
        var reads = new List<OccurrenceRead>();
        var byId = new Dictionary<OccurrenceId, OccurrenceRead>();
        foreach (var row in rows)
        {
            if (!byId.TryGetValue(row.O.Id, out var read))
            {
                read = new OccurrenceRead(row.O, row.RoomName, row.FirstName, row.LastName, row.Discipline, [], row.LatestDisplacement);
                byId[row.O.Id] = read;
                reads.Add(read);
            }

            if (row.PupilId is { } pupil)
            {
                read.PupilIds.Add(pupil);
            }
        }

        return reads;
    }

    private static OccurrenceView ToView(OccurrenceRead x) =>
        new(x.O.Id, x.O.SessionId, x.O.OriginalDate, x.O.Date, x.O.Start, x.O.End, x.O.RoomId, x.RoomName,
            x.O.StaffId, $"{x.FirstName} {x.LastName}", x.Discipline, x.PupilIds, x.O.Status, WeeklySession.IsGroupOf(x.PupilIds.Count));

    private sealed record OccurrenceRead(SessionOccurrence O, string RoomName, string FirstName, string LastName, Discipline Discipline, List<PupilId> PupilIds,
        DisplacementId? LatestDisplacement);

    /// <summary>One row of an occurrence read: the occurrence with one of its pupils (and, read by id, its latest displacement; by date, null).</summary>
    private sealed record OccurrenceRow(SessionOccurrence O, string RoomName, string FirstName, string LastName, Discipline Discipline, PupilId? PupilId,
        DisplacementId? LatestDisplacement);

    // Compiled once: the board and every practitioner's home page (their status form) read the day's sessions on every
    // visit, and EF's preparing of this LINQ query was a measurable share of those pages' CPU. Each filter is switched on
    // or off by its flag (EF cannot compare a typed id parameter with null; PostgreSQL drops a condition whose flag is
    // off when it plans the command, SQLite tests the flag on each row).
    private static readonly PerModel<Func<SecureBaseDb, DateOnly, DateOnly, bool, StaffId, bool, RoomId, bool, IAsyncEnumerable<OccurrenceRow>>> Read = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, DateOnly first, DateOnly last, bool byStaff, StaffId staff, bool byRoom, RoomId room, bool includeCancelled) =>
            from o in db.SessionOccurrences.AsNoTracking()
            where o.Date >= first && o.Date <= last && (includeCancelled || o.Status != OccurrenceStatus.Cancelled)
                  && (!byStaff || o.StaffId == staff) && (!byRoom || o.RoomId == room)
            join r in db.Rooms on o.RoomId equals r.Id
            join s in db.StaffMembers on o.StaffId equals s.Id
            join w in db.WeeklySessions on o.SessionId equals w.Id
            from p in w.Pupils.DefaultIfEmpty()
            orderby EF.Property<int>(p, "Id") // a group's pupils in the order they were added, as before
            select new OccurrenceRow(o, r.Name, s.FirstName, s.LastName, w.Discipline, p == null ? null : p.PupilId, null)));

    private sealed record KeyRead(OccurrenceId Id, DateOnly Date, TimeOnly Start, StaffId StaffId, string FirstName, string LastName);

    // The sessions week reads these on every visit (keys for the whole week, then the page's rows in full): compiled once,
    // as Read above (EF's building and preparing of the LINQ queries was a measurable share of the page's CPU).
    private static readonly PerModel<Func<SecureBaseDb, DateOnly, DateOnly, bool, StaffId, IAsyncEnumerable<KeyRead>>> Keys = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, DateOnly first, DateOnly last, bool byStaff, StaffId staff) =>
            from o in db.SessionOccurrences.AsNoTracking()
            where o.Date >= first && o.Date <= last && o.Status != OccurrenceStatus.Cancelled && (!byStaff || o.StaffId == staff)
            join s in db.StaffMembers on o.StaffId equals s.Id
            select new KeyRead(o.Id, o.Date, o.Start, o.StaffId, s.FirstName, s.LastName)));

    private static readonly PerModel<Func<SecureBaseDb, List<OccurrenceId>, IAsyncEnumerable<OccurrenceRow>>> ReadByIds = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, List<OccurrenceId> ids) =>
            from o in db.SessionOccurrences.AsNoTracking()
            where ids.Contains(o.Id)
            join r in db.Rooms on o.RoomId equals r.Id
            join s in db.StaffMembers on o.StaffId equals s.Id
            join w in db.WeeklySessions on o.SessionId equals w.Id
            from p in w.Pupils.DefaultIfEmpty()
            orderby EF.Property<int>(p, "Id") // a group's pupils in the order they were added, as before
            select new OccurrenceRow(o, r.Name, s.FirstName, s.LastName, w.Discipline, p == null ? null : p.PupilId,
                db.Displacements.Where(d => d.OccurrenceId == o.Id).OrderByDescending(d => d.RecordedAt).ThenByDescending(d => d.Id)
                    .Select(d => (DisplacementId?)d.Id).FirstOrDefault())));
}
