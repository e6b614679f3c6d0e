using System.Net;
using System.Net.Http.Json;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Sessions;

/// <summary>EHCP delivered counts recorded sessions (and the MDT agenda hears of a shortfall); families and pupils see times and attendance only.</summary>
public sealed class DeliveredAndFamilyTests
{
    [Fact]
    public async Task RecordedSessions_CountAsEhcpDelivered_AndAShortfallIsOnTheMdtAgenda()
    {
        var s = await SessionSchool.CreateAsync(DatabaseProvider.Sqlite);
        var hot = await s.School.SignInAsync(Role.HeadOfTherapy);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var ehcp = $"/api/v1/pupils/{s.School.PupilId}/ehcp";
        (await (await hot.GetAsync(ehcp)).Content.ReadAsStringAsync()).ShouldContain("\"deliveredMinutes\":0");

        object Body(string attendance, int? engagement) => new { members = new[] { new { pupilId = s.School.PupilId.ToString(), attendance, engagement } } };
        (await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{(await s.OccurrenceAsync(0)).Id}/record", Body("Attended", 4))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{(await s.OccurrenceAsync(1)).Id}/record", Body("Refused", null))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var after = await (await hot.GetAsync(ehcp)).Content.ReadAsStringAsync();
        after.ShouldContain("\"deliveredMinutes\":45", Case.Sensitive, "the attended session's 45 minutes count; the refused one does not");
        after.ShouldContain("\"deliveredSessions\":1");
        (await hot.GetPageAsync($"/pupils/{s.School.PupilId}/ehcp")).Status.ShouldBe(HttpStatusCode.OK);

        var prepared = await hot.SubmitAsync("/mdt", [], "main form");
        prepared.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var meeting = await hot.GetPageAsync(prepared.Headers.Location!.OriginalString);
        meeting.Text.ShouldContain($"EHCP provision short: Jamal {s.School.PupilLastName}");
        meeting.Text.ShouldContain("Counselling: 45 of");
    }

    [Fact]
    public async Task AParentSeesTimesAndAttendance_APupilTheirNextSession_AndNeitherSeesEngagement()
    {
        var s = await SessionSchool.CreateAsync(DatabaseProvider.Sqlite);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var body = new { members = new[] { new { pupilId = s.School.PupilId.ToString(), attendance = "Attended", engagement = 4 } } };
        (await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{(await s.OccurrenceAsync(0)).Id}/record", body)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var parent = await s.School.SignInAsync(Role.ParentCarer);
        var child = await parent.GetPageAsync($"/my-children/{s.School.PupilId}/sessions");
        child.Status.ShouldBe(HttpStatusCode.OK);
        child.Title.ShouldBe($"Jamal {s.School.PupilLastName}'s sessions");
        child.Document.QuerySelector("#attendance")!.TextContent.ShouldContain("Attended");
        child.Document.QuerySelector("#upcoming")!.TextContent.ShouldContain("09:00–09:45");
        child.Text.ShouldNotContain("engaged", Case.Insensitive, "a parent never sees engagement");
        (await parent.GetAsync($"/my-children/{(await PupilFactory.AddAsync(s.App, s.School, 1))[0].Id}/sessions")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await parent.GetPageAsync("/my-children")).Html.ShouldContain($"/my-children/{s.School.PupilId}/sessions");

        var pupil = await s.School.SignInAsync(Role.Pupil);
        var mine = await pupil.GetPageAsync("/my-sessions");
        mine.Document.QuerySelector("#next")!.TextContent.ShouldContain("Your next session is on");
        mine.Document.QuerySelector("#came")!.TextContent.ShouldContain("Test Therapist");
        mine.Text.ShouldNotContain("engaged", Case.Insensitive);
        (await parent.GetAsync("/my-sessions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pupil.GetAsync("/sessions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
