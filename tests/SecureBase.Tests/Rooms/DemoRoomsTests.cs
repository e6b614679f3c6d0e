using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Rooms;

/// <summary>The demo school's rooms have capacity and therapy hours, and Hollybrook has a couple of bookings.</summary>
public sealed class DemoRoomsTests
{
    [Fact]
    public async Task TheDemoRooms_HaveCapacityAndTherapyHours_AndHollybrookHasBookings()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var school = await db.Schools.SingleAsync(s => s.Name == "Hollybrook Academy");
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);

        var rooms = await db.Rooms.ToListAsync();
        rooms.ShouldAllBe(r => r.Capacity != null && r.TherapyHours.Count > 0);
        var nest = rooms.Single(r => r.Name == "The Nest");
        RoomWords.HoursSummary(nest).ShouldStartWith("Mon 08:45–13:00, 13:40–15:20; Tue 08:45–13:00, 13:40–15:20");

        var bookings = await db.RoomBookings.ToListAsync();
        var calendar = await SchoolCalendar.LoadAsync(db);
        bookings.ShouldAllBe(b => calendar.IsSchoolDay(b.Date));
        bookings.Count(b => b.Purpose != "Governors' visit").ShouldBe(2, "a meeting in the library after school tomorrow, and an exam in The Nest in two weeks");
        bookings.ShouldContain(b => b.RoomId == nest.Id && b.OverTherapyHours && !b.IsEmergency && b.Reason != null);

        // Every session a demo booking falls on is displaced, as a booking made in the app would do; a governors'
        // visit earlier this week (when the week had a school day before today) moved its session to the library.
        var displacements = await db.Displacements.ToListAsync();
        foreach (var booking in bookings.Where(b => b.Purpose != "Governors' visit"))
        {
            var inRoom = (await db.SessionOccurrences.Where(o => o.RoomId == booking.RoomId && o.Date == booking.Date).ToListAsync()).Where(o => booking.Overlaps(o.Start, o.End)).ToList();
            displacements.Count(d => d.BookingId == booking.Id.Value).ShouldBe(inRoom.Count);
            displacements.Where(d => d.BookingId == booking.Id.Value).ShouldAllBe(d => d.IsPending);
        }

        if (bookings.SingleOrDefault(b => b.Purpose == "Governors' visit") is { } visit)
        {
            var moved = displacements.Where(d => d.BookingId == visit.Id.Value).ShouldHaveSingleItem();
            moved.Outcome.ShouldBe(SecureBase.Timetable.DisplacementOutcome.MovedRoom);
            moved.MovedToRoom.ShouldBe(rooms.Single(r => r.Name == "Library meeting room").Id);
            visit.IsEmergency.ShouldBeTrue();
        }
    }
}
