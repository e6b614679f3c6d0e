using Microsoft.Extensions.DependencyInjection;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Tests.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Rooms;

/// <summary>Rooms with therapy hours, and the dates the booking tests use, counted from the application's clock and the test school's 2026/27 calendar.</summary>
public static class RoomTestData
{
    public static readonly SchoolCalendar Calendar = CalendarTestData.Calendar();

    public static DateOnly Today(TestApp app) => SchoolTime.London.Today(app.Clock);

    /// <summary>
    /// A school day at least two weeks ahead and at least ten school days' notice: plenty, even from a holiday (two
    /// weeks from the Christmas holidays is the first day back, one school day's notice).
    /// </summary>
    public static DateOnly FarSchoolDay(TestApp app)
    {
        var day = Calendar.NextSchoolDay(Today(app).AddDays(13));
        while (day is { } d && RoomBookings.NoticeSchoolDays(Calendar, Today(app), d) < 10)
        {
            day = Calendar.NextSchoolDay(d);
        }

        return day ?? throw new InvalidOperationException("The test calendar has run out of school days.");
    }

    /// <summary>The next school day after today: one school day's notice.</summary>
    public static DateOnly NextSchoolDay(TestApp app) => Calendar.NextSchoolDay(Today(app)) ?? throw new InvalidOperationException("The test calendar has run out of school days.");

    /// <summary>A weekday after today that is in a school holiday.</summary>
    public static DateOnly HolidayWeekday(TestApp app)
    {
        for (var d = Today(app).AddDays(1); ; d = d.AddDays(1))
        {
            if (SchoolDates.IsWeekday(d) && !Calendar.IsSchoolDay(d) && Calendar.ClosureOn(d) is null)
            {
                return d;
            }
        }
    }

    public static DateOnly NextSaturday(TestApp app)
    {
        var d = Today(app).AddDays(1);
        while (d.DayOfWeek != DayOfWeek.Saturday)
        {
            d = d.AddDays(1);
        }

        return d;
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", SchoolDates.English);

    /// <summary>A dedicated therapy room protected 09:00–12:00 and 13:00–15:00 every weekday.</summary>
    public static async Task<RoomId> AddTherapyRoomAsync(TestApp app, TestSchool school, string name = "The Nest")
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var hours = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .SelectMany(d => new[] { new TherapyBlock(d, new TimeOnly(9, 0), new TimeOnly(12, 0)), new TherapyBlock(d, new TimeOnly(13, 0), new TimeOnly(15, 0)) }).ToList();
        var room = Room.Create(school.Id, new RoomDetails(school.SiteId, name, RoomKind.DedicatedTherapy, [RoomFeature.Sink], ["Puppets"], true, 4, hours), []).Value;
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    }

    public static object Booking(DateOnly date, string start, string end, string kind = "Meeting", string purpose = "Year 9 parents' meeting", string? reason = null, bool emergency = false) =>
        new { date = Iso(date), start, end, kind, purpose, reason, emergency };
}
