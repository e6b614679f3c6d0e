using System.Net;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Board;

/// <summary>The pupil's own view of the practitioners who work with them.</summary>
public sealed class PupilViewTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task APupil_SeesTheirOwnPractitioner_InPlainWords(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        BoardClock.Set(app, BoardClock.SchoolDay, new TimeOnly(11, 0));
        var school = await TestSchool.CreateAsync(app);
        var pupil = await school.SignInAsync(Role.Pupil);

        (await pupil.GetPageAsync("/")).Document.QuerySelector("#pupil-cards a[href='/my-practitioners']").ShouldNotBeNull();
        var page = await pupil.GetPageAsync("/my-practitioners");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var cards = page.Document.QuerySelectorAll("#my-practitioners li");
        cards.Length.ShouldBe(1, "the pupil's one open episode is with the school's therapist");
        cards[0].QuerySelector("h2")!.TextContent.ShouldBe("Test Therapist");
        cards[0].TextContent.ShouldContain("Counsellor");
        cards[0].TextContent.ShouldContain("Now: Free now.");

        // Setting a status shows to the pupil in a child's words.
        var therapist = await school.SignInAsync(Role.Therapist);
        await therapist.SubmitAsync("/board/status", [Form.Field("BackAt", "11:30"), Form.Field("Presence", "InMeeting")], "#own-status form");
        page = await pupil.GetPageAsync("/my-practitioners");
        page.Document.QuerySelector("#my-practitioners li")!.TextContent.ShouldContain("In a meeting. Back at 11:30.");
        page.Document.QuerySelector("#my-practitioners li")!.TextContent.ShouldContain("Next free: Free at 11:30.");
    }

    [Theory, OnSqlite]
    public async Task OnlyPupils_HaveTheView(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        foreach (var role in new[] { Role.Therapist, Role.ParentCarer, Role.EducationStaff })
        {
            (await (await school.SignInAsync(role)).GetAsync("/my-practitioners")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role}");
        }
    }
}
