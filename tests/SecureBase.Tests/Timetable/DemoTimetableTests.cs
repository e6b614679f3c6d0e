using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Timetable;

/// <summary>The demo school has an accepted timetable, made by the proposal code, with sessions this week for every practitioner with a caseload.</summary>
public sealed class DemoTimetableTests
{
    [Fact]
    public async Task EveryDemoPractitionerWithACaseload_HasSessionsThisSchoolWeek()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var school = await db.Schools.SingleAsync(s => s.Name == "Hollybrook Academy");
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);

        var calendar = await SchoolCalendar.LoadAsync(db);
        var today = SchoolTime.London.Today(app.Clock);
        var week = calendar.WeekOf(today) is { SchoolDays.Count: > 0 } w ? w : calendar.SchoolWeeksBetween(today, today.AddDays(120)).First();
        (await db.TimetableVersions.CountAsync()).ShouldBe(1);
        var practitioners = await db.Episodes.Where(e => e.Status == EpisodeStatus.Open).Select(e => e.StaffId).Distinct().ToListAsync();
        practitioners.Count.ShouldBeGreaterThan(3);
        var busy = await db.SessionOccurrences.Where(o => o.Date >= week.Monday && o.Date <= week.Friday).Select(o => o.StaffId).Distinct().ToListAsync();
        practitioners.Except(busy).ShouldBeEmpty("every practitioner with a caseload has sessions in the week beginning " + week.Monday);
    }
}
