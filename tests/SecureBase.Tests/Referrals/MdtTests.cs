using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Referrals;

public sealed class MdtTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheAgenda_IsPreparedFromWhatIsHappening_AndSafeguardingShowsOnlyAsFollowUpDue(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        await teacher.SubmitAsync($"/referrals/new?pupilId={school.PupilId}",
            [Form.Field("Input.Reasons", "HomeCircumstances"), Form.Field("Input.Details", "Said an adult at home hits them."), Form.Field("Input.SafeguardingWorry", "true")]);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        await hot.SubmitAsync($"/referrals/{school.ReferralId}", [Form.Field("Input.Discipline", "SpeechAndLanguage"), Form.Field("Input.Priority", "2")], "#accept");

        var date = SecureBase.Schools.SchoolTime.London.Today(app.Clock).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var prepared = await hot.SubmitAsync("/mdt", [Form.Field("HeldOn", date)]);
        prepared.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var meetingUrl = prepared.Headers.Location!.OriginalString;

        var headsAgenda = await hot.GetPageAsync(meetingUrl);
        headsAgenda.Document.QuerySelector("ul[data-kind=SafeguardingFollowUp]")!.TextContent.ShouldContain("Safeguarding follow-up due: Jamal");
        headsAgenda.Text.ShouldNotContain("hits them", customMessage: "the concern's content never reaches the MDT agenda");

        var therapist = await school.SignInAsync(Role.Therapist);
        var agenda = await therapist.GetPageAsync(meetingUrl);
        agenda.Document.QuerySelector("ul[data-kind=NewReferral]")!.TextContent.ShouldContain("New referral: Jamal");
        agenda.Document.QuerySelector("ul[data-kind=ReadyForAllocation]")!.TextContent.ShouldContain("Speech and language therapy, priority 2");
        agenda.Document.QuerySelector("ul[data-kind=SafeguardingFollowUp]").ShouldBeNull("safeguarding follow-ups are for the Head of Therapy and the DSL only");
        agenda.Text.ShouldNotContain("Safeguarding follow-up");
        agenda.Text.ShouldNotContain("hits them", customMessage: "the concern's content never reaches the MDT agenda");
        agenda.Document.QuerySelector("form#record").ShouldBeNull("only the Head of Therapy records the meeting");

        var again = await hot.SubmitAndReadAsync("/mdt", [Form.Field("HeldOn", date)]);
        again.Errors.ShouldContain(e => e.Contains("is already prepared", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RecordingTheMeeting_PutsEachActionOnItsOwnersHomePage_UntilDone(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var meeting = $"/mdt/{school.MeetingId}";
        var sendco = school[Role.Sendco];
        var missingOwner = await hot.SubmitAndReadAsync(meeting, [Form.Field("Input.Attendees", "HoT, SENDCo"), Form.Field("Input.Actions[0].Description", "Chase the EHCP review")], "#record");
        missingOwner.Errors.ShouldContain("Error: Choose who owns \"Chase the EHCP review\"");
        var besideTheRow = missingOwner.Document.QuerySelector("#Input_Actions_0_-error");
        besideTheRow.ShouldNotBeNull("the error is written beside the first action's row");
        besideTheRow.TextContent.ShouldContain("Choose who owns");
        missingOwner.Document.QuerySelector("#Input_Actions_1_-error").ShouldBeNull("the second row has no error");
        var noAttendees = await hot.SubmitAndReadAsync(meeting, [Form.Field("Input.Attendees", "")], "#record");
        noAttendees.Errors.ShouldContain("Error: Enter who attended");

        var due = SecureBase.Schools.SchoolTime.London.Today(app.Clock).AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var soon = SecureBase.Schools.SchoolTime.London.Today(app.Clock).AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var saved = await hot.SubmitAsync(meeting,
        [
            Form.Field("Input.Attendees", "Head of Therapy\nSENDCo\nCounsellor"), Form.Field("Input.Decisions", "Jamal to be assessed by SaLT."),
            Form.Field("Input.Actions[0].Description", "Chase the EHCP review"), Form.Field("Input.Actions[0].OwnerUserId", sendco.Id.ToString()), Form.Field("Input.Actions[0].DueOn", due),
            Form.Field("Input.Actions[1].Description", "Book the parents' meeting"), Form.Field("Input.Actions[1].OwnerUserId", sendco.Id.ToString()), Form.Field("Input.Actions[1].DueOn", soon),
        ], "#record");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var minutes = await hot.GetPageAsync(meeting);
        minutes.Document.QuerySelector("#minutes")!.TextContent.ShouldContain("Jamal to be assessed by SaLT.");
        minutes.Document.QuerySelector("[data-print]").ShouldNotBeNull("minutes can be printed");

        var owner = await school.SignInAsync(Role.Sendco);
        var home = await owner.GetPageAsync("/");
        home.Document.QuerySelectorAll("#my-actions li").Select(li => li.TextContent.Trim().Split(" (due")[0])
            .ShouldBe(["Book the parents' meeting", "Chase the EHCP review"], "the action due soonest comes first, whatever order the meeting recorded them in");
        var someoneElse = await school.SignInAsync(Role.Therapist);
        (await someoneElse.GetPageAsync("/")).Document.QuerySelector("#my-actions").ShouldBeNull();

        (await owner.SubmitAsync("/", [], "#my-actions form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var left = (await owner.GetPageAsync("/")).Document.QuerySelector("#my-actions")!.TextContent;
        left.ShouldContain("Chase the EHCP review");
        left.ShouldNotContain("Book the parents' meeting", customMessage: "the action marked done leaves the home page; the other stays");
        (await owner.SubmitAsync("/", [], "#my-actions form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await owner.GetPageAsync("/")).Document.QuerySelector("#my-actions").ShouldBeNull("a done action leaves the home page");

        var token = await someoneElse.TokenFromAsync("/");
        (await someoneElse.PostFormAsync($"/actions/{school.ActionId}/done", [Form.Field("__RequestVerificationToken", token)])).StatusCode.ShouldBe(HttpStatusCode.NotFound, "only the owner can mark an action done");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MeetingsOlderThanASchoolYear_AreStillListed_PageByPage_WithTheirOpenActions(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        Guid oldest;
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var lastWeek = DateOnly.FromDateTime(now).AddDays(-7);
            var older = Enumerable.Range(1, MdtListModel.PageSize).Select(w => MdtMeeting.Prepare(school.Id, lastWeek.AddDays(-7 * w), [], school[Role.HeadOfTherapy].Id, now)).ToList();
            db.MdtMeetings.AddRange(older);
            db.MdtActions.Add(MdtAction.Agree(school.Id, older[^1].Id, "Send the annual review report", school[Role.HeadOfTherapy].Id, "Test Head of Therapy", lastWeek));
            await db.SaveChangesAsync();
            oldest = older[^1].Id;
        }

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var first = await hot.GetPageAsync("/mdt");
        first.Document.QuerySelector("#meeting-count")!.TextContent.ShouldBe($"{MdtListModel.PageSize + 1} meetings, latest first; page 1 of 2");
        first.Document.QuerySelectorAll("#meetings tbody tr").Length.ShouldBe(MdtListModel.PageSize);
        first.Document.QuerySelector($"a[href='/mdt/{oldest}']").ShouldBeNull();
        var earlier = first.Document.QuerySelector("a[rel=next]")!;
        earlier.TextContent.ShouldBe("Earlier meetings");

        var second = await hot.GetPageAsync(earlier.GetAttribute("href")!);
        var row = second.Document.QuerySelector($"a[href='/mdt/{oldest}']")!.Closest("tr")!;
        row.QuerySelectorAll("td")[3].TextContent.ShouldBe("1");
        second.Document.QuerySelector("a[rel=prev]")!.GetAttribute("href").ShouldBe("/mdt?page=1");
    }
}
