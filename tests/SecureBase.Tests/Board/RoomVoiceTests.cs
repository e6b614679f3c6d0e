using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Board;

/// <summary>The pupil's voice about the room: answered in the pupil's view, counted for the Head of Therapy, named only to the pupil's own practitioner.</summary>
public sealed class RoomVoiceTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task APupilsAnswers_AreCountsForTheHeadOfTherapy_AndNamedOnlyToTheirOwnPractitioner(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var nest = await TimetableData.AddRoomAsync(app, school, "The Nest " + TestSchool.Letters(4));
        var today = SecureBase.Schools.SchoolTime.London.Today(app.Clock);
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, DayOfWeek.Wednesday, new TimeOnly(10, 0), new TimeOnly(10, 45), today.AddDays(-14));
        var pupil = await school.SignInAsync(Role.Pupil);

        var view = await pupil.GetPageAsync("/my-practitioners");
        view.Document.QuerySelectorAll("form.voice-room").Length.ShouldBe(1, "one room: the one the pupil has sessions in");
        view.Document.QuerySelectorAll("form.voice-room img[src^='/images/voice/']").Length.ShouldBe(9, "three pictured answers to each of three questions");
        var sent = await pupil.SubmitAsync("/my-practitioners", [Form.Field("likesRoom", "Yes"), Form.Field("quietEnough", "No"), Form.Field("likesSamePlace", "Yes"), Form.Field("better", "A beanbag please")], "form.voice-room");
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await pupil.GetPageAsync("/my-practitioners")).Document.QuerySelector(".notice")!.TextContent.ShouldBe("Thank you for telling us. The therapy team will read it.");
        // Answering again changes the answers: each pupil counts once per room.
        await pupil.SubmitAsync("/my-practitioners", [Form.Field("quietEnough", "NotSure")], "form.voice-room");

        var head = await (await school.SignInAsync(Role.HeadOfTherapy)).GetPageAsync("/rooms/voice");
        var table = head.Document.QuerySelector("section.room-voice table")!;
        var quiet = table.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Quiet enough", StringComparison.Ordinal)).QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        quiet.ShouldBe(["0", "1", "0"], "yes, not sure, no: the pupil's latest answer");
        head.Text.ShouldContain("A beanbag please");
        head.Text.ShouldNotContain(school.PupilLastName, Case.Insensitive, "the head of therapy reads counts, not names");

        var therapist = await (await school.SignInAsync(Role.Therapist)).GetPageAsync("/rooms/voice");
        therapist.Document.QuerySelector("#own-pupils-table")!.TextContent.ShouldContain(school.PupilLastName);

        (await (await school.SignInAsync(Role.Sendco)).GetAsync("/rooms/voice")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The displacement analytics carry the same counts, for the headteacher too: no names, no free text.
        var analytics = await (await school.SignInAsync(Role.Headteacher)).GetPageAsync("/rooms/displacements");
        var row = analytics.Document.QuerySelectorAll("#room-voices tbody tr").Single(r => r.TextContent.Contains("The Nest", StringComparison.Ordinal));
        row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList().ShouldBe(["1", "1 / 0 / 0", "0 / 1 / 0", "1 / 0 / 0"]);
        analytics.Text.ShouldNotContain(school.PupilLastName, Case.Insensitive);
        analytics.Text.ShouldNotContain("A beanbag please");
    }

    [Theory, OnSqlite]
    public async Task AnswersAboutARoomThePupilHasNoSessionIn_AreNotFound_AndNothingIsSaved(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var elsewhere = await TimetableData.AddRoomAsync(app, school);
        var pupil = await school.SignInAsync(Role.Pupil);
        var token = await pupil.TokenFromAsync("/my-practitioners");

        (await pupil.PostFormAsync("/my-practitioners", [Form.Field("__RequestVerificationToken", token), Form.Field("room", elsewhere.ToString()), Form.Field("likesRoom", "No")]))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await pupil.PostFormAsync("/my-practitioners", [Form.Field("__RequestVerificationToken", token), Form.Field("room", "not-a-room"), Form.Field("likesRoom", "No")]))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        (await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().RoomViews.CountAsync()).ShouldBe(0);
    }

    [Theory, OnSqlite]
    public async Task AnEmptyAnswer_IsRefusedInAChildsWords(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var nest = await TimetableData.AddRoomAsync(app, school);
        var today = SecureBase.Schools.SchoolTime.London.Today(app.Clock);
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, DayOfWeek.Thursday, new TimeOnly(9, 0), new TimeOnly(9, 45), today.AddDays(-14));
        var pupil = await school.SignInAsync(Role.Pupil);

        var page = await pupil.SubmitAndReadAsync("/my-practitioners", [], "form.voice-room");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Errors.ShouldContain("Choose an answer to at least one question, or write what would make the room better.");
    }
}
