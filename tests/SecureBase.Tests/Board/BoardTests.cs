using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Board;

/// <summary>The board reads the timetable: a session now puts the practitioner in its room until the end of their run of sessions.</summary>
public sealed class BoardTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task APractitionerInASession_IsInItsRoomUntilTheEndOfTheirRun_AndNoPupilIsNamed(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        BoardClock.Set(app, BoardClock.SchoolDay, new TimeOnly(10, 5));
        var school = await TestSchool.CreateAsync(app);
        var other = (await PupilFactory.AddAsync(app, school, 1))[0];
        var nest = await TimetableData.AddRoomAsync(app, school, "The Nest");
        // Back to back: 10:00–10:45 with the school's pupil, then 10:50–11:35 with another (a 5-minute changeover).
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, DayOfWeek.Wednesday, new TimeOnly(10, 0), new TimeOnly(10, 45), BoardClock.SchoolDay.AddDays(-2));
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [other.Id], nest, DayOfWeek.Wednesday, new TimeOnly(10, 50), new TimeOnly(11, 35), BoardClock.SchoolDay.AddDays(-2));

        var teacher = await school.SignInAsync(Role.EducationStaff);
        var board = await teacher.GetPageAsync("/board");
        var cells = Cells(board, school);
        cells[0].ShouldBe("In a session until 11:35");
        cells[1].ShouldBe("The Nest until 11:35");
        cells[2].ShouldBe("11:35");
        board.Text.ShouldNotContain(school.PupilLastName, Case.Insensitive);
        board.Text.ShouldNotContain(other.LegalLastName, Case.Insensitive);

        var api = await teacher.GetAsync("/api/v1/board");
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await api.Content.ReadAsStringAsync();
        json.ShouldNotContain(school.PupilLastName, Case.Insensitive);
        json.ShouldNotContain(school.PupilId.ToString());
        using var doc = JsonDocument.Parse(json);
        var row = doc.RootElement.GetProperty("practitioners").EnumerateArray().Single(p => p.GetProperty("staffId").GetString() == school.TherapistStaffId.ToString());
        row.GetProperty("status").GetString().ShouldBe("InSession");
        row.GetProperty("room").GetString().ShouldBe("The Nest");
        row.GetProperty("until").GetString().ShouldBe("11:35");
        row.GetProperty("nextFree").GetString().ShouldBe("11:35");

        // The fragment the page's script swaps in says the same.
        var fragment = await teacher.GetAsync("/board?handler=table");
        (await fragment.Content.ReadAsStringAsync()).ShouldContain("The Nest until 11:35");

        // An hour and a half later (a new sign-in: the first one has timed out).
        BoardClock.Set(app, BoardClock.SchoolDay, new TimeOnly(11, 40));
        teacher = await school.SignInAsync(Role.EducationStaff);
        Cells(await teacher.GetPageAsync("/board"), school)[0].ShouldBe("Free for drop-in");
    }

    [Theory, OnSqlite]
    public async Task ACancelledSession_DoesNotPutThePractitionerInARoom(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        BoardClock.Set(app, BoardClock.SchoolDay, new TimeOnly(10, 5));
        var school = await TestSchool.CreateAsync(app);
        var nest = await TimetableData.AddRoomAsync(app, school, "The Nest");
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, DayOfWeek.Wednesday, new TimeOnly(10, 0), new TimeOnly(10, 45), BoardClock.SchoolDay.AddDays(-2));
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var today = await db.SessionOccurrences.SingleAsync(o => o.Date == BoardClock.SchoolDay);
            today.Cancel("Pupil on a trip").IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        var teacher = await school.SignInAsync(Role.EducationStaff);
        var cells = Cells(await teacher.GetPageAsync("/board"), school);
        cells[0].ShouldBe("Free for drop-in");
        cells[1].ShouldBe("");
    }

    [Theory, OnSqlite]
    public async Task ASessionInAFewMinutes_IsNotFreeTime(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        BoardClock.Set(app, BoardClock.SchoolDay, new TimeOnly(13, 55));
        var school = await TestSchool.CreateAsync(app);
        var nest = await TimetableData.AddRoomAsync(app, school, "The Nest");
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, DayOfWeek.Wednesday, new TimeOnly(14, 0), new TimeOnly(14, 45), BoardClock.SchoolDay.AddDays(-2));

        var teacher = await school.SignInAsync(Role.EducationStaff);
        var cells = Cells(await teacher.GetPageAsync("/board"), school);
        cells[0].ShouldBe("About to start a session at 14:00");
        cells[2].ShouldBe("14:45");
        cells[3].ShouldBe("14:00 in The Nest");
    }

    [Theory, OnSqlite]
    public async Task OnlyStaff_SeeTheBoard(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        foreach (var role in new[] { Role.ParentCarer, Role.Pupil, Role.LocalAuthorityOfficer })
        {
            var browser = await school.SignInAsync(role);
            (await browser.GetAsync("/board")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role}");
            (await browser.GetAsync("/api/v1/board")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role}");
        }
    }

    private static IReadOnlyList<string> Cells(Page board, TestSchool school) =>
        board.Document.QuerySelectorAll($"tr[data-staff='{school.TherapistStaffId}'] td").Select(td => td.TextContent.Trim()).ToList();
}
