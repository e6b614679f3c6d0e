using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Tests.Support;
using SecureBase.Timetable;

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

        // The demo's rooms declare protected therapy hours, and the proposal keeps sessions inside them
        // (as the Head of Therapy's own proposal does), so the door timetables and the week agree.
        var hours = (await db.Rooms.AsNoTracking().ToListAsync()).ToDictionary(r => r.Id, r => (r.Name, r.TherapyHours));
        hours.Values.ShouldContain(h => h.TherapyHours.Count > 0);
        // Held sessions count (on a weekend the whole week has been held); moved and cancelled ones are where the day took them.
        var planned = await db.SessionOccurrences.AsNoTracking().Where(o => o.Date >= week.Monday && o.Date <= week.Friday && o.Status == OccurrenceStatus.Planned).ToListAsync();
        planned.ShouldNotBeEmpty();
        planned.Where(o => hours[o.RoomId].TherapyHours.Count > 0
                && !hours[o.RoomId].TherapyHours.Any(b => b.Day == o.Date.DayOfWeek && b.Start <= o.Start && o.End <= b.End))
            .Select(o => $"{hours[o.RoomId].Name} {o.Date:ddd} {o.Start}-{o.End}")
            .ShouldBeEmpty("sessions outside their room's therapy hours");
    }
}
