using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Board;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Board;

/// <summary>A practitioner sets their own status from the home page, in two clicks; it shows on the board and lapses at the end of the day.</summary>
public sealed class PractitionerStatusTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SettingAtLunchBackAt_FromTheHomePage_ShowsOnTheBoardOfAnotherInstance(DatabaseProvider provider)
    {
        await using var first = await TestApp.StartAsync(provider);
        BoardClock.Set(first, BoardClock.SchoolDay, new TimeOnly(12, 5));
        var school = await TestSchool.CreateAsync(first);
        var therapist = await school.SignInAsync(Role.Therapist);

        var home = await therapist.GetPageAsync("/");
        home.Document.QuerySelector("#own-status")!.TextContent.ShouldContain("Your status on the board");
        var set = await therapist.SubmitAsync("/", [Form.Field("BackAt", "12:45"), Form.Field("Presence", nameof(Presence.AtLunch))], "#own-status form");
        set.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        set.Headers.Location!.OriginalString.ShouldBe("/");
        var after = await therapist.GetPageAsync("/");
        after.Document.QuerySelector(".notice")!.TextContent.ShouldBe("Your status is now: At lunch, back at 12:45.");
        after.Document.QuerySelector("#own-status-now")!.TextContent.ShouldContain("At lunch, back at 12:45");

        // A second instance on the same database, as on a load-balanced PostgreSQL installation: it shows the same.
        await using var second = TestApp.StartOn(first.Database);
        BoardClock.Set(second, BoardClock.SchoolDay, new TimeOnly(12, 6));
        var teacher = await TestSchool.SignInAsync(second, school[Role.EducationStaff]);
        var row = (await teacher.GetPageAsync("/board")).Document.QuerySelector($"tr[data-staff='{school.TherapistStaffId}']")!;
        row.TextContent.ShouldContain("At lunch, back at 12:45");
        row.QuerySelectorAll("td")[2].TextContent.Trim().ShouldBe("12:45", "next free is when they are back");
    }

    [Theory, OnSqlite]
    public async Task AStatus_LapsesAtTheEndOfTheSchoolDay(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        BoardClock.Set(app, BoardClock.SchoolDay, new TimeOnly(9, 30));
        var school = await TestSchool.CreateAsync(app);
        var therapist = await school.SignInAsync(Role.Therapist);
        (await therapist.SubmitAsync("/board/status", [Form.Field("Presence", nameof(Presence.OffSite))], "#own-status form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        StatusOnBoard(await therapist.GetPageAsync("/board"), school).ShouldBe("Off site");

        BoardClock.Set(app, BoardClock.SchoolDay.AddDays(1), new TimeOnly(8, 50));
        var nextMorning = await school.SignInAsync(Role.Therapist);
        StatusOnBoard(await nextMorning.GetPageAsync("/board"), school).ShouldBe("Free for drop-in", "yesterday's 'off site' must not follow them into today");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ABackAtTimeAlreadyPast_IsRefusedInPlainWords_AndNothingChanges(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        BoardClock.Set(app, BoardClock.SchoolDay, new TimeOnly(14, 20));
        var school = await TestSchool.CreateAsync(app);
        var therapist = await school.SignInAsync(Role.Therapist);
        var token = await therapist.TokenFromAsync("/board/status");

        var page = await TestClient.ReadAsync(await therapist.PostFormAsync("/board/status",
            [Form.Field("__RequestVerificationToken", token), Form.Field("Presence", nameof(Presence.InMeeting)), Form.Field("BackAt", "11:00")]));
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Errors.ShouldContain(e => e.StartsWith("The time you will be back must be later than now (14:2", StringComparison.Ordinal));
        page = await TestClient.ReadAsync(await therapist.PostFormAsync("/board/status",
            [Form.Field("__RequestVerificationToken", token), Form.Field("Presence", "Sleeping")]));
        page.Errors.ShouldContain("Choose one of the status buttons.");
        page = await TestClient.ReadAsync(await therapist.PostFormAsync("/board/status",
            [Form.Field("__RequestVerificationToken", token), Form.Field("Presence", nameof(Presence.InMeeting)), Form.Field("BackAt", "half past")]));
        page.Errors.ShouldContain("Give the time you will be back as hours and minutes, for example 13:15.");

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        (await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().PractitionerStatuses.CountAsync()).ShouldBe(0);
    }

    [Theory, OnSqlite]
    public async Task OnlyPractitioners_SeeTheStatusForm_AndOthersCannotSetOne(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        foreach (var role in new[] { Role.HeadOfTherapy, Role.TherapyAssistant })
        {
            (await (await school.SignInAsync(role)).GetPageAsync("/")).Document.QuerySelector("#own-status").ShouldNotBeNull($"{role} sets their own status");
        }

        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await teacher.GetPageAsync("/")).Document.QuerySelector("#own-status").ShouldBeNull();
        var token = await teacher.TokenFromAsync("/");
        (await teacher.PostFormAsync("/board/status", [Form.Field("__RequestVerificationToken", token), Form.Field("Presence", nameof(Presence.FreeForDropIn))]))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static string StatusOnBoard(Page board, TestSchool school) =>
        board.Document.QuerySelector($"tr[data-staff='{school.TherapistStaffId}'] .presence")!.TextContent.Trim();
}
