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
        var q = db.SessionOccurrences.Where(o => o.Date >= from && o.Date <= to);
        if (!filter.IncludeCancelled)
        {
            q = q.Where(o => o.Status != OccurrenceStatus.Cancelled);
        }

        if (filter.Staff is { } staff)
        {
            q = q.Where(o => o.StaffId == staff);
        }

        if (filter.Room is { } room)
        {
            q = q.Where(o => o.RoomId == room);
        }

        // The weekly session (discipline, pupils) comes with each occurrence in the same query: one round trip, not two.
        // (Tracked, as before: a caller that changed an occurrence and reads the week again sees its change.)
        var rows = await (from o in q
                          join r in db.Rooms on o.RoomId equals r.Id
                          join s in db.StaffMembers on o.StaffId equals s.Id
                          join w in db.WeeklySessions on o.SessionId equals w.Id
                          select new { o, RoomName = r.Name, s.FirstName, s.LastName, w.Discipline, PupilIds = w.Pupils.Select(p => p.PupilId).ToList() })
            .ToListAsync(ct);

        return rows
            .Select(x =>
            {
                return new OccurrenceView(x.o.Id, x.o.SessionId, x.o.OriginalDate, x.o.Date, x.o.Start, x.o.End, x.o.RoomId, x.RoomName,
                    x.o.StaffId, $"{x.FirstName} {x.LastName}", x.Discipline, x.PupilIds, x.o.Status, WeeklySession.IsGroupOf(x.PupilIds.Count));
            })
            .Where(v => filter.Pupil is not { } pupil || v.PupilIds.Contains(pupil))
            .OrderBy(v => v.Date).ThenBy(v => v.Start).ThenBy(v => v.StaffName)
            .ToList();
    }
}
