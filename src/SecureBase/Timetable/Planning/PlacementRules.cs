using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Staff;

namespace SecureBase.Timetable;

/// <summary>
/// The scheduler's five rules for one session at one date, time and room, checked on live data for
/// a hand adjustment: the room has the features and is at the site; the room is free (no booking, no
/// other session, within its therapy hours); the practitioner works then; no pupil misses a protected
/// lesson; nobody is booked twice; and a practitioner's rooms on one day are all at one site. The
/// answer names the rule that blocks the move, in plain words.
/// </summary>
public sealed class PlacementRules(SecureBaseDb db, IEnumerable<IRoomTimes> roomTimes)
{
    /// <summary>Null when the session may go there; otherwise why not. <paramref name="ignore"/> is the occurrence being moved.</summary>
    public async Task<string?> CheckAsync(WeeklySession session, DateOnly date, TimeOnly start, TimeOnly end, RoomId roomId, OccurrenceId? ignore, CancellationToken ct = default)
    {
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        if (calendar.Known is not null && !calendar.IsSchoolDay(date))
        {
            return $"{SchoolDates.Long(date)} is not a school day.";
        }

        // Rule 3: the room's features and site.
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId, ct);
        if (room is null)
        {
            return "Choose one of the school's rooms.";
        }

        if (room.SiteId != session.SiteId)
        {
            return $"Room features: {room.Name} is at another site from the pupils.";
        }

        var missing = session.RequiredFeatures.Where(f => !room.Features.Contains(f)).ToList();
        if (missing.Count > 0)
        {
            return $"Room features: {room.Name} has no {string.Join(" or ", missing.Select(RoomFeatures.Name))}, which {Disciplines.Name(session.Discipline).ToLowerInvariant()} needs.";
        }

        // Rule 2, the room: bookings, therapy hours, other sessions.
        foreach (var source in roomTimes)
        {
            if ((await source.TakenAsync(date, date, ct)).Any(t => t.RoomId == roomId && t.Date == date && t.Start < end && start < t.End))
            {
                return $"Room free: {room.Name} is booked for another use then.";
            }

            var hours = (await source.TherapyHoursAsync(ct)).Where(h => h.RoomId == roomId).ToList();
            if (hours.Count > 0 && !hours.Any(h => h.Day == date.DayOfWeek && h.Start <= start && end <= h.End))
            {
                return $"Room free: {SchoolDates.Time(start)}–{SchoolDates.Time(end)} is outside {room.Name}'s therapy hours on {date.DayOfWeek}.";
            }
        }

        var sameDay = await db.SessionOccurrences.AsNoTracking()
            .Where(o => o.Date == date && o.Status != OccurrenceStatus.Cancelled && o.Start < end && start < o.End)
            .ToListAsync(ct);
        sameDay = sameDay.Where(o => ignore is not { } skip || o.Id != skip).Where(o => o.SessionId != session.Id).ToList();
        if (sameDay.Any(o => o.RoomId == roomId))
        {
            return $"Room free: {room.Name} already has a session then.";
        }

        // Rule 2, the practitioner: their working pattern.
        var staff = await db.StaffMembers.AsNoTracking().SingleAsync(s => s.Id == session.StaffId, ct);
        if (!staff.WorkingPattern.Any(b => b.Day == date.DayOfWeek && b.Start <= start && end <= b.End))
        {
            return $"Practitioner available: {staff.DisplayName} does not work on {date.DayOfWeek} from {SchoolDates.Time(start)} to {SchoolDates.Time(end)}.";
        }

        // Rule 2, the pupils: protected lessons.
        var pupilIds = session.Pupils.Select(p => p.PupilId).ToList();
        var periods = calendar.LessonPeriods.Where(p => p.IsOn(date.DayOfWeek) && p.Start < end && start < p.End).Select(p => p.Id).ToList();
        var lessons = await db.PupilLessons.AsNoTracking().Where(l => pupilIds.Contains(l.PupilId) && l.Day == date.DayOfWeek && periods.Contains(l.PeriodId)).ToListAsync(ct);
        var marks = await db.SubjectMarks.AsNoTracking().Where(m => pupilIds.Contains(m.PupilId) && m.Protection == LessonProtection.Protected).ToListAsync(ct);
        if (lessons.FirstOrDefault(l => marks.Any(m => m.PupilId == l.PupilId && m.SubjectKey == l.SubjectKey)) is { } protectedLesson)
        {
            var name = await db.Pupils.Where(p => p.Id == protectedLesson.PupilId).Select(p => p.PreferredFirstName ?? p.LegalFirstName).SingleAsync(ct);
            return $"Protected lesson: {name} has {protectedLesson.Subject} then, a lesson they must not miss.";
        }

        // Rule 4: nobody twice at once.
        if (sameDay.Any(o => o.StaffId == session.StaffId))
        {
            return $"No double booking: {staff.DisplayName} already has a session then.";
        }

        var otherSessions = sameDay.Select(o => o.SessionId).Distinct().ToList();
        var others = await db.WeeklySessions.AsNoTracking().Where(s => otherSessions.Contains(s.Id)).ToListAsync(ct);
        if (others.SelectMany(s => s.Pupils).FirstOrDefault(p => pupilIds.Contains(p.PupilId)) is { } twice)
        {
            var name = await db.Pupils.Where(p => p.Id == twice.PupilId).Select(p => p.PreferredFirstName ?? p.LegalFirstName).SingleAsync(ct);
            return $"No double booking: {name} already has a session then.";
        }

        // Rule 5: on any one day, all the rooms a practitioner works in are at one site.
        var theirDay = await db.SessionOccurrences.AsNoTracking()
            .Where(o => o.Date == date && o.StaffId == session.StaffId && o.Status != OccurrenceStatus.Cancelled && o.SessionId != session.Id)
            .Select(o => new { o.Id, o.RoomId })
            .ToListAsync(ct);
        var theirRooms = theirDay.Where(o => ignore is not { } skip || o.Id != skip).Select(o => o.RoomId).Distinct().ToList();
        var elsewhere = await (from r in db.Rooms.AsNoTracking()
                               join site in db.Sites.AsNoTracking() on r.SiteId equals site.Id
                               where theirRooms.Contains(r.Id) && r.SiteId != room.SiteId
                               select site.Name).FirstOrDefaultAsync(ct);
        if (elsewhere is not null)
        {
            return $"One site a day: {staff.DisplayName} is at {elsewhere} on {SchoolDates.Long(date)}, and {room.Name} is at another site.";
        }

        return null;
    }
}
