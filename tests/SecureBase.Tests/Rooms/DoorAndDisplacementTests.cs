using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Rooms;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Rooms.RoomTestData;

namespace SecureBase.Tests.Rooms;

/// <summary>The door timetable (who works there, never pupils) and the displacement analytics with their chart, table and CSV.</summary>
public sealed class DoorAndDisplacementTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheDoorTimetable_ShowsThisWeeksBlocksAndPractitioners_AndTheNoticeLine_NeverAPupil(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var nest = await AddTherapyRoomAsync(app, school);
        var today = Today(app);
        var week = Calendar.WeekOf(today) ?? Calendar.WeekOf(NextSchoolDay(app))!;
        var day = week.SchoolDays[^1];
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, day.DayOfWeek, new TimeOnly(9, 30), new TimeOnly(10, 15), week.Monday);
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, day.DayOfWeek, new TimeOnly(15, 30), new TimeOnly(16, 15), week.Monday);

        var teacher = await school.SignInAsync(Role.EducationStaff);
        var page = await teacher.GetPageAsync($"/rooms/{nest}/door");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("#door-notice")!.TextContent.ShouldBe(
            "This room is protected for therapy at these times. Please give the therapy team at least 2 school days' notice before booking it.");
        var rows = page.Document.QuerySelectorAll("#door-timetable tbody tr").Select(r => System.Text.RegularExpressions.Regex.Replace(r.TextContent, @"\s+", " ").Trim()).ToList();
        rows.Count.ShouldBe(week.SchoolDays.Count * 2 + 1, string.Join("\n", rows));
        rows.ShouldContain(r => r.Contains("09:00–12:00 Test Therapist, Counselling", StringComparison.Ordinal));
        rows.ShouldContain(r => r.Contains("15:30–16:15 (therapy) Test Therapist, Counselling", StringComparison.Ordinal), "therapy outside the protected blocks shows too");
        rows.Count(r => r.Contains("Protected for therapy", StringComparison.Ordinal)).ShouldBe(week.SchoolDays.Count * 2 - 1);
        page.Html.ShouldNotContain(school.PupilLastName);
        page.Html.ShouldNotContain("Jamal");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheAnalytics_CountByCauseRoomWeekAndNotice_WithAChartATableAndACsv_AndNameNoPupil(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var nest = await AddTherapyRoomAsync(app, school);
        var far = FarSchoolDay(app);
        var soon = NextSchoolDay(app);
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, far.DayOfWeek, new TimeOnly(10, 0), new TimeOnly(10, 45), Today(app));
        if (soon.DayOfWeek != far.DayOfWeek)
        {
            await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, soon.DayOfWeek, new TimeOnly(10, 0), new TimeOnly(10, 45), Today(app));
        }

        var teacher = await school.SignInAsync(Role.EducationStaff);
        foreach (var booking in new[] { Booking(far, "09:00", "11:00", reason: "Governors' panel"), Booking(soon, "10:00", "11:00", kind: "Exam", reason: "Resit", emergency: true) })
        {
            var booked = await teacher.Http.PostAsJsonAsync($"/api/v1/rooms/{nest}/bookings", booking);
            booked.StatusCode.ShouldBe(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        }

        // The soon one could not be moved: abandoned.
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var d = await db.Displacements.SingleAsync(x => x.Date == soon);
            var o = await db.SessionOccurrences.SingleAsync(x => x.Id == d.OccurrenceId);
            o.Cancel("No room free").IsSuccess.ShouldBeTrue();
            d.Resolve(o, app.Clock.GetUtcNow().UtcDateTime).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var page = await hot.GetPageAsync("/rooms/displacements");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("#total")!.TextContent.ShouldBe("2");
        page.Document.QuerySelector("#abandoned")!.TextContent.ShouldBe("1");
        string Cells(string table) => string.Join(" ", page.Document.QuerySelectorAll($"#{table} tbody td").Select(td => td.TextContent.Trim()));
        Cells("by-cause").ShouldContain("Meeting 1 Exam 1 Other use (interview) 0");
        Cells("by-room").ShouldBe("The Nest 2");
        // Notice is counted in hours to each session's start: under 24, 24 to 48, more.
        string Bucket(DateOnly date) => (int)Math.Floor((SecureBase.Schools.SchoolTime.London.ToUtc(date, new TimeOnly(10, 0)) - app.Clock.GetUtcNow().UtcDateTime).TotalHours) switch
        {
            < 24 => "Under 24 hours",
            <= 48 => "1–2 days",
            _ => "More than 2 days",
        };
        var buckets = new[] { Bucket(far), Bucket(soon) };
        Cells("by-notice").ShouldBe(string.Join(" ", new[] { "Under 24 hours", "1–2 days", "More than 2 days" }.Select(b => $"{b} {buckets.Count(x => x == b)}")));
        Cells("by-outcome").ShouldContain("Not yet moved 1 Moved to another room 0 Moved to another time 0 Abandoned 1");
        page.Document.QuerySelectorAll("svg.bar-chart").Length.ShouldBe(5);
        page.Document.QuerySelector("#by-cause-chart title")!.TextContent.ShouldContain("Meeting 1");
        var repair = page.Document.QuerySelector("#displacements a[href^='/timetable/repair?week=']")!.GetAttribute("href")!;
        repair.ShouldBe($"/timetable/repair?week={SecureBase.Schools.SchoolDates.MondayOf(far):yyyy-MM-dd}");
        page.Html.ShouldNotContain(school.PupilLastName);

        var csv = await hot.GetAsync("/rooms/displacements.csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(string.Join(',', DisplacementReport.CsvColumns));
        var soonBucket = Bucket(soon);
        lines.Length.ShouldBe(3);
        lines.ShouldContain(l => l.StartsWith($"{far:yyyy-MM-dd},10:00,10:45,", StringComparison.Ordinal) && l.Contains(",The Nest,Test Therapist,Counselling,Meeting,", StringComparison.Ordinal) && l.Contains(",Pending,", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains(",Exam,", StringComparison.Ordinal) && l.Contains($",{soonBucket},", StringComparison.Ordinal) && l.Contains(",Abandoned,", StringComparison.Ordinal));
        string.Join('\n', lines).ShouldNotContain(school.PupilLastName);

        (await (await school.SignInAsync(Role.Headteacher)).GetAsync("/rooms/displacements")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await teacher.GetAsync("/rooms/displacements")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await teacher.GetAsync("/rooms/displacements.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await school.SignInAsync(Role.Therapist)).GetAsync("/rooms/displacements.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
