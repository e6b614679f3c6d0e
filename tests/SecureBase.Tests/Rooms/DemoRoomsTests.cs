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
        RoomWords.HoursSummary(nest).ShouldStartWith("Mon 09:00–12:00, 13:00–15:00; Tue 09:00–12:00, 13:00–15:00");

        var bookings = await db.RoomBookings.ToListAsync();
        var calendar = await SchoolCalendar.LoadAsync(db);
        bookings.ShouldAllBe(b => calendar.IsSchoolDay(b.Date));
        bookings.Count.ShouldBe(2, "a meeting in the library after school tomorrow, and an exam in The Nest in two weeks");
        bookings.ShouldContain(b => b.RoomId == nest.Id && b.OverTherapyHours && !b.IsEmergency && b.Reason != null);
    }
}
