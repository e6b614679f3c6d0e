using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Rooms;
using SecureBase.Schools;

namespace SecureBase.Demo;

/// <summary>
/// The demo rooms' capacity and protected therapy hours, and a couple of bookings in Hollybrook: a
/// meeting in the library after school tomorrow, and an exam in The Nest over its therapy hours,
/// booked with notice and a reason.
/// </summary>
internal static class DemoRooms
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static async Task SeedAsync(SecureBaseDb db, bool full, DateOnly today, DateTime now, CancellationToken ct)
    {
        var rooms = await db.Rooms.ToListAsync(ct);
        foreach (var room in rooms)
        {
            var (capacity, hours) = room.Name switch
            {
                // The dedicated room is protected for the whole teaching day, lunch aside; the shared rooms for the
                // blocks the school gives therapy. Enough protected time for the demo caseloads to be placed.
                "The Nest" => (4, Weekdays.SelectMany(d => new[] { Block(d, 8, 45, 13, 0), Block(d, 13, 40, 15, 20) }).ToList()),
                "Library meeting room" => (10, [Block(DayOfWeek.Tuesday, 9, 0, 13, 0), Block(DayOfWeek.Thursday, 9, 0, 13, 0)]),
                _ => (8, Weekdays.Select(d => Block(d, 8, 45, 15, 20)).ToList()),
            };
            var changed = room.Change(new RoomDetails(room.SiteId, room.Name, room.Kind, room.Features, room.Equipment, room.HasSecureStorage, capacity, hours), rooms);
            if (!changed.IsSuccess)
            {
                throw new InvalidOperationException($"Demo room {room.Name}: {changed.Error!.Message}");
            }
        }

        await db.SaveChangesAsync(ct);
        if (!full)
        {
            return;
        }

        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var sendco = await BookerAsync(db, Role.Sendco, ct);
        var head = await BookerAsync(db, Role.Headteacher, ct);
        var library = rooms.Single(r => r.Name == "Library meeting room");
        var nest = rooms.Single(r => r.Name == "The Nest");
        if (calendar.NextSchoolDay(today) is { } tomorrow && sendco is not null)
        {
            db.RoomBookings.Add(RoomBooking.Make(db.CurrentSchoolId, library.Id, tomorrow, new TimeOnly(15, 30), new TimeOnly(16, 30), BookingKind.Meeting,
                "Annual review preparation", null, false, false, RoomBookings.NoticeSchoolDays(calendar, today, tomorrow), sendco.Value.Id, sendco.Value.Name, now));
        }

        if (calendar.NextSchoolDay(today.AddDays(13)) is { } later && head is not null)
        {
            db.RoomBookings.Add(RoomBooking.Make(db.CurrentSchoolId, nest.Id, later, new TimeOnly(9, 0), new TimeOnly(11, 0), BookingKind.Exam,
                "Year 11 mock exam: access arrangements", "A small, quiet room is needed for a candidate's access arrangements", true, false,
                RoomBookings.NoticeSchoolDays(calendar, today, later), head.Value.Id, head.Value.Name, now));
        }

        await db.SaveChangesAsync(ct);
    }

    private static TherapyBlock Block(DayOfWeek day, int h1, int m1, int h2, int m2) => new(day, new TimeOnly(h1, m1), new TimeOnly(h2, m2));

    private static async Task<(Guid Id, string Name)?> BookerAsync(SecureBaseDb db, Role role, CancellationToken ct)
    {
        var user = await (from m in db.Memberships
                          join u in db.Users on m.UserId equals u.Id
                          where m.Role == role
                          select new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        return user is null ? null : (user.Id, user.DisplayName);
    }
}
