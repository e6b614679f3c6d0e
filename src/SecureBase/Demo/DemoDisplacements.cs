using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Timetable;

namespace SecureBase.Demo;

/// <summary>
/// Once the demo timetable exists, the demo bookings displace the sessions they fall on (as a booking made in
/// the app does), and a governors' visit earlier this week (or last week, when today is the week's first school
/// day) took The Nest and its session moved to the library: so the repair page, the displacement analytics and
/// the session history ("displaced from room") have something to show whatever day the demo starts.
/// </summary>
internal static class DemoDisplacements
{
    public static async Task SeedAsync(SecureBaseDb db, DateOnly today, DateTime now, CancellationToken ct)
    {
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var rooms = await db.Rooms.ToListAsync(ct);
        var nest = rooms.SingleOrDefault(r => r.Name == "The Nest");
        var library = rooms.SingleOrDefault(r => r.Name == "Library meeting room");
        var bookings = await db.RoomBookings.Where(b => b.CancelledAt == null).ToListAsync(ct);
        if (nest is null || library is null || bookings.Count == 0)
        {
            return;
        }

        foreach (var booking in bookings)
        {
            var taken = (await db.SessionOccurrences.Where(o => o.RoomId == booking.RoomId && o.Date == booking.Date && o.Status != OccurrenceStatus.Cancelled).ToListAsync(ct))
                .Where(o => booking.Overlaps(o.Start, o.End));
            foreach (var o in taken)
            {
                db.Displacements.Add(Displacement.Record(o, RoomDisplacer.CauseOf(booking.Kind), Hours(calendar, o, now), booking.BookedBy, booking.Id.Value, now));
            }
        }

        // Earlier this week (last week, on the first school day of a week): a governors' visit took The Nest at an
        // hour's notice; the session moved to the library.
        var since = calendar.SchoolWeeksBetween(today.AddDays(-14), today.AddDays(-1)).LastOrDefault(w => w.SchoolDays.Any(d => d < today))?.Monday;
        var earlier = since is not { } monday ? null : await db.SessionOccurrences
            .Where(o => o.RoomId == nest.Id && o.Date >= monday && o.Date < today && o.Status == OccurrenceStatus.Planned)
            .OrderBy(o => o.Date).ThenBy(o => o.Start)
            .FirstOrDefaultAsync(ct);
        if (earlier is not null)
        {
            var bookedBy = bookings[0].BookedBy;
            var booking = RoomBooking.Make(db.CurrentSchoolId, nest.Id, earlier.Date, earlier.Start, earlier.End, BookingKind.Meeting,
                "Governors' visit", "The chair of governors could only come then", true, true, 0, bookedBy, bookings[0].BookedByName, now);
            db.RoomBookings.Add(booking);
            var displacement = Displacement.Record(earlier, DisplacementCause.Meeting, 1, bookedBy, booking.Id.Value, now);
            if (earlier.MoveTo(earlier.Date, earlier.Start, earlier.End, library.Id).IsSuccess && displacement.Resolve(earlier, now).IsSuccess)
            {
                db.Displacements.Add(displacement);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static int Hours(SchoolCalendar calendar, SessionOccurrence o, DateTime now) =>
        (int)Math.Floor((calendar.ToUtc(o.Date, o.Start) - now).TotalHours);
}
