using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Schools;

/// <summary>
/// "Today" is the school's own date, in the time zone the school is kept in, whoever asks: a signed-in person, an API
/// client, or a job working through every school. Tested with a school whose date differs from the UK's at this moment.
/// </summary>
public sealed class SchoolClockTests
{
    /// <summary>
    /// A zone whose date differs from the UK's right now: the Line Islands (UTC+14) or American Samoa (UTC-11) are 25
    /// hours apart, so at every moment at least one of them is on another date than London.
    /// </summary>
    private static (string Zone, DateOnly Today) ZoneOnAnotherDate(DateTime utcNow)
    {
        DateOnly On(string zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utcNow, TimeZoneInfo.FindSystemTimeZoneById(zone)));
        var london = On(School.DefaultTimeZone);
        var zone = On("Pacific/Kiritimati") != london ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
        On(zone).ShouldNotBe(london);
        return (zone, On(zone));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TodayOverTheApi_IsTheSchoolsOwnDate_NotTheUks(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var (zone, today) = ZoneOnAnotherDate(app.Clock.GetUtcNow().UtcDateTime);
        var school = await TestSchool.CreateAsync(app, timeZoneId: zone);
        var pupil = await school.SignInAsync(Role.Pupil);

        var day = (await pupil.GetJsonAsync<CalendarDayDto>("/api/v1/calendar/on"))!;
        var (_, after) = ZoneOnAnotherDate(app.Clock.GetUtcNow().UtcDateTime);
        day.Date.ShouldBeOneOf(today, after);
        var london = DateOnly.FromDateTime(SchoolTime.London.ToLocal(app.Clock.GetUtcNow().UtcDateTime));
        if (today == after)
        {
            day.Date.ShouldNotBe(london, "a school kept in another time zone was given the UK's date");
        }

        var calendar = (await pupil.GetJsonAsync<CalendarDto>("/api/v1/calendar"))!;
        calendar.TimeZone.ShouldBe(zone);

        // The same request at a school in the UK gives the UK's date.
        var uk = await TestSchool.CreateAsync(app);
        var ukPupil = await uk.SignInAsync(Role.Pupil);
        var ukDay = (await ukPupil.GetJsonAsync<CalendarDayDto>("/api/v1/calendar/on"))!;
        ukDay.Date.ShouldBeOneOf(london, DateOnly.FromDateTime(SchoolTime.London.ToLocal(app.Clock.GetUtcNow().UtcDateTime)));
    }

    [Theory, OnSqlite]
    public async Task AJobEnteringASchool_GetsThatSchoolsClock(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var (zone, today) = ZoneOnAnotherDate(app.Clock.GetUtcNow().UtcDateTime);
        var school = await TestSchool.CreateAsync(app, timeZoneId: zone);

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id, zone);
        var clock = scope.ServiceProvider.GetRequiredService<SchoolClock>();
        var (_, after) = ZoneOnAnotherDate(app.Clock.GetUtcNow().UtcDateTime);
        clock.Today.ShouldBeOneOf(today, after);
        clock.Time.Zone.Id.ShouldBe(zone);

        // The school's calendar is on the same clock: a session at 09:00 on its first school day is 09:00 there.
        var calendar = await SchoolCalendar.LoadAsync(scope.ServiceProvider.GetRequiredService<SecureBaseDb>());
        calendar.Time.ShouldBeSameAs(clock.Time);
        var nine = clock.ToUtc(new DateOnly(2026, 10, 20), new TimeOnly(9, 0));
        TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nine, TimeZoneInfo.FindSystemTimeZoneById(zone))).ShouldBe(new TimeOnly(9, 0));
    }

    [Fact]
    public void AScope_ThatHasEnteredNoSchool_IsOnTheUksClock()
    {
        var context = new SchoolContext();
        context.Time.ShouldBeSameAs(SchoolTime.London);
        context.Switch(Common.SchoolId.New(), "Pacific/Auckland");
        context.Time.Zone.Id.ShouldBe("Pacific/Auckland");
    }
}
