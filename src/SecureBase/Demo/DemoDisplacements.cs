using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Timetable;

namespace SecureBase.Demo;

/// <summary>
/// Once the demo timetable exists, the demo bookings displace the sessions they fall on (as a booking made in
/// the app does), and, when the week has a school day before today, a governors' visit earlier this week took
/// The Nest and its session moved to the library: so the repair page and the displacement analytics have
/// something to show.
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

        // Earlier this week: a governors' visit took The Nest at an hour's notice; the session moved to the library.
        var monday = SchoolDates.MondayOf(today);
        var earlier = await db.SessionOccurrences
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
