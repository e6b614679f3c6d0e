using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Referrals;

/// <summary>The Head of Therapy's decisions, and what the referrer learns from them.</summary>
public sealed class TriageTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AReferral_MovesThroughReviewAndAcceptance_OntoTheWaitingList(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await using (var scope = app.Scope())
        {
            // The pupil's EHCP also specifies speech and language therapy, which nobody is delivering yet.
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var plan = await db.EhcpPlans.Include(p => p.Provision).SingleAsync(p => p.Id == school.Ehcp.PlanId);
            var pupil = await db.Pupils.SingleAsync(p => p.Id == school.PupilId);
            db.ProvisionItems.Add(plan.AddProvision(pupil, new SecureBase.Pupils.ProvisionDetails(SecureBase.Staff.Discipline.SpeechAndLanguage, 1, SecureBase.Pupils.ProvisionFrequency.PerWeek, 30, SecureBase.Pupils.ProvisionDelivery.Individual, "SaLT"), app.Clock.GetUtcNow().UtcDateTime).Value);
            await db.SaveChangesAsync();
        }

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var url = $"/referrals/{school.ReferralId}";

        (await hot.SubmitAsync(url, [], "#start-review")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await hot.GetPageAsync(url)).Document.QuerySelector("#status")!.TextContent.ShouldStartWith("under review");
        var missing = await hot.SubmitAndReadAsync(url, [Form.Field("Input.Discipline", "SpeechAndLanguage")], "#accept");
        missing.Errors.ShouldContain("Error: Choose a priority from 1 (most urgent) to 4 (routine)");
        (await hot.SubmitAsync(url, [Form.Field("Input.Discipline", "SpeechAndLanguage"), Form.Field("Input.Priority", "2")], "#accept")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var waiting = await hot.GetPageAsync("/waiting-list");
        var row = waiting.Document.QuerySelectorAll("#waiting tbody tr").ShouldHaveSingleItem();
        row.TextContent.ShouldContain("Speech and language therapy");
        row.QuerySelector("td")!.TextContent.Trim().ShouldBe("2");
        row.ClassList.ShouldContain("highlight", "an EHCP pupil whose entitlement is not being delivered is highlighted");

        var teacherNotes = await Notes.ForAsync(app, school, school[Role.EducationStaff].Id);
        teacherNotes.ShouldContain(n => n.Title.StartsWith("Referral accepted", StringComparison.Ordinal));
        var mine = await (await school.SignInAsync(Role.EducationStaff)).GetPageAsync("/referrals/mine");
        mine.Text.ShouldContain("On the waiting list");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ASecondClick_OnADecidedReferral_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var url = $"/referrals/{school.ReferralId}";
        var page = await hot.GetPageAsync(url);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        KeyValuePair<string, string>[] decline = [Form.Field("__RequestVerificationToken", token), Form.Field("Input.Version", "0"), Form.Field("Input.Decision", "Decline"), Form.Field("Input.MessageToReferrer", "Speech is age-appropriate; strategies for class sent.")];
        (await hot.PostFormAsync(url, decline)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await TestClient.ReadAsync(await hot.PostFormAsync(url, decline));
        again.Errors.ShouldContain(e => e.Contains("changed while you were looking at it", StringComparison.Ordinal));
        var accept = await TestClient.ReadAsync(await hot.PostFormAsync(url, [Form.Field("__RequestVerificationToken", token), Form.Field("Input.Version", "1"), Form.Field("Input.Decision", "Accept"), Form.Field("Input.Discipline", "SpeechAndLanguage"), Form.Field("Input.Priority", "1")]));
        accept.Errors.ShouldContain(e => e.Contains("already declined", StringComparison.Ordinal));
        (await StatusAsync(app, school)).ShouldBe(ReferralStatus.Declined);

        var teacherNotes = await Notes.ForAsync(app, school, school[Role.EducationStaff].Id);
        teacherNotes.ShouldHaveSingleItem().Body.ShouldContain("Speech is age-appropriate");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TwoPeopleDecidingAtOnce_OnlyOneDecisionIsSaved(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var first = await school.SignInAsync(Role.HeadOfTherapy);
        var second = await school.SignInAsync(Role.HeadOfTherapy);
        var url = $"/api/v1/referrals/{school.ReferralId}/decisions";
        var results = await Task.WhenAll(
            first.Http.PostAsJsonAsync(url, new { decision = "Accept", version = 0, discipline = "SpeechAndLanguage", priority = 3 }),
            second.Http.PostAsJsonAsync(url, new { decision = "Redirect", version = 0, redirectedTo = "CAMHS" }));
        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        var loser = results.Single(r => r.StatusCode != HttpStatusCode.OK);
        loser.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await loser.Content.ReadAsStringAsync()).ShouldContain("nothing was changed", Case.Insensitive);
        (await StatusAsync(app, school)).ShouldBeOneOf(ReferralStatus.Accepted, ReferralStatus.Redirected);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Redirecting_ToCamhs_TellsTheReferrerWhere(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var noWhere = await hot.SubmitAndReadAsync($"/referrals/{school.ReferralId}", [], "#redirect");
        noWhere.Errors.ShouldContain(e => e.Contains("Say where the referral is redirected to", StringComparison.Ordinal));
        (await hot.SubmitAsync($"/referrals/{school.ReferralId}", [Form.Field("Input.RedirectedTo", "CAMHS"), Form.Field("Input.MessageToReferrer", "Their presentation needs specialist assessment.")], "#redirect"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mine = await (await school.SignInAsync(Role.EducationStaff)).GetPageAsync("/referrals/mine");
        mine.Text.ShouldContain("Redirected to CAMHS");
        mine.Text.ShouldContain("specialist assessment");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task APupilAlreadyWaitingOrInTherapy_ForTheSameDiscipline_IsNotAddedTwice(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        await teacher.SubmitAsync($"/referrals/new?pupilId={school.PupilId}",
            [Form.Field("Input.Reasons", "Communication"), Form.Field("Input.Details", "Still struggling to be understood."), Form.Field("Input.RequestedDiscipline", "SpeechAndLanguage")]);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var list = await hot.GetPageAsync("/referrals");
        list.Document.QuerySelector("#referrals")!.TextContent.ShouldContain("Possible duplicate");

        var api = hot.Http;
        (await api.PostAsJsonAsync($"/api/v1/referrals/{school.ReferralId}/decisions", new { decision = "Accept", version = 0, discipline = "SpeechAndLanguage", priority = 2 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = (await api.GetFromJsonAsync<List<ReferralDto>>("/api/v1/referrals", Json.Options))!.Single(r => r.Id != school.ReferralId && r.Status == ReferralStatus.Received);
        second.PossibleDuplicateOf.ShouldBe(school.ReferralId);
        var twice = await api.PostAsJsonAsync($"/api/v1/referrals/{second.Id}/decisions", new { decision = "Accept", version = second.Version, discipline = "SpeechAndLanguage", priority = 2 });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("already on the waiting list");

        var inTherapy = await api.PostAsJsonAsync($"/api/v1/referrals/{second.Id}/decisions", new { decision = "Accept", version = second.Version, discipline = "Counselling", priority = 2 });
        inTherapy.StatusCode.ShouldBe(HttpStatusCode.Conflict, "the pupil already has counselling with the test therapist");
        (await inTherapy.Content.ReadAsStringAsync()).ShouldContain("already in counselling");
        (await api.PostAsJsonAsync($"/api/v1/referrals/{second.Id}/decisions", new { decision = "Close", version = second.Version, note = "Duplicate" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AReReferral_AfterDisengagement_IsLinkedToTheEpisodeThatEnded(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var episode = await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId);
            episode.Close(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), DischargeReason.Disengagement, "Refused six weeks running");
            await db.SaveChangesAsync();
        }

        var teacher = await school.SignInAsync(Role.EducationStaff);
        await teacher.SubmitAsync($"/referrals/new?pupilId={school.PupilId}",
            [Form.Field("Input.Reasons", "EmotionalWellbeing"), Form.Field("Input.Details", "Asking to see the counsellor again."), Form.Field("Input.RequestedDiscipline", "Counselling")]);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var referrals = (await hot.Http.GetFromJsonAsync<List<ReferralDto>>("/api/v1/referrals", Json.Options))!;
        var again = referrals.Single(r => r.RequestedDiscipline == SecureBase.Staff.Discipline.Counselling);
        var page = await hot.GetPageAsync($"/referrals/{again.Id}");
        page.Text.ShouldContain("After disengagement from Counselling");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheHalfTermlyReview_SetsPriorities_AndRecordsWhoAttended(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var head = await school.SignInAsync(Role.Headteacher);
        var page = await head.GetPageAsync("/referrals/review");
        page.Document.QuerySelectorAll("#review tbody tr").Length.ShouldBe(1);
        var noAttendees = await head.SubmitAndReadAsync("/referrals/review", [Form.Field("Input.Title", "Autumn 2 review"), Form.Field("Input.Attendees", "")]);
        noAttendees.Errors.ShouldContain("Error: Enter who attended");
        var saved = await head.SubmitAsync("/referrals/review",
        [
            Form.Field("Input.Title", "Autumn 2 review"), Form.Field("Input.Attendees", "Mrs Ashworth (Headteacher)\nDr Marsh-Okonkwo (Head of Therapy)"),
            Form.Field("Input.Lines[0].Priority", "1"), Form.Field("Input.Lines[0].Decision", "Urgent: assessment this half term"),
        ]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await head.GetPageAsync("/referrals/review");
        after.Text.ShouldContain("Autumn 2 review");
        after.Document.QuerySelector("#review select option[selected]")!.GetAttribute("value").ShouldBe("1");
        (await (await school.SignInAsync(Role.Therapist)).GetAsync("/referrals/review")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EveryReadOfAReferralsDetails_IsRecordedInTheAuditLog_WithWhy_AndAReaderWithNoRelationshipGivesAReasonFirst(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.GetPageAsync($"/referrals/{school.ReferralId}")).Text.ShouldContain("Finds it hard to follow spoken instructions");
        (await hot.GetAsync($"/api/v1/referrals/{school.ReferralId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The headteacher has no relationship with this referral: the page asks why, and shows nothing of it until answered.
        var head = await school.SignInAsync(Role.Headteacher);
        var asked = await head.GetPageAsync($"/referrals/{school.ReferralId}");
        asked.Text.ShouldContain("Why are you opening this referral?");
        asked.Text.ShouldNotContain("Finds it hard to follow spoken instructions");
        var apiAsked = await head.GetAsync($"/api/v1/referrals/{school.ReferralId}");
        apiAsked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await apiAsked.Content.ReadAsStringAsync()).ShouldNotContain("Finds it hard");
        var otherWithoutWords = await head.GetPageAsync($"/referrals/{school.ReferralId}?reason=Other");
        otherWithoutWords.Text.ShouldContain("Say in a few words why you are opening this referral");
        otherWithoutWords.Text.ShouldNotContain("Finds it hard to follow spoken instructions");
        (await head.GetPageAsync($"/referrals/{school.ReferralId}?reason=HalfTermlyReview")).Text.ShouldContain("Finds it hard to follow spoken instructions");
        (await head.GetAsync($"/api/v1/referrals/{school.ReferralId}?reason=Other&reasonOther=Parent%20complaint")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var scope = app.Scope();
        var entries = await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().AuditEntries.AsNoTracking()
            .Where(e => e.RecordId == school.ReferralId.ToString()).ToListAsync();
        var reads = entries.Where(e => e.Action == SecureBase.Audit.AuditActions.ConfidentialRead).ToList();
        reads.ShouldAllBe(e => e.UserId == school[Role.HeadOfTherapy].Id && e.SchoolId == school.Id);
        reads.Select(e => e.Reason).Order().ShouldBe(["triage (Head of Therapy) (api)", "triage (Head of Therapy) (page)"]);
        var breakGlass = entries.Where(e => e.Action == SecureBase.Audit.AuditActions.BreakGlassRead).ToList();
        breakGlass.ShouldAllBe(e => e.UserId == school[Role.Headteacher].Id && e.Role == "Headteacher");
        breakGlass.Select(e => e.Reason).Order().ShouldBe(["break-glass: Another reason (Parent complaint) (api)", "break-glass: The half-termly review of referrals (page)"]);
    }

    private static async Task<ReferralStatus> StatusAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return (await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Referrals.AsNoTracking().SingleAsync(r => r.Id == school.ReferralId)).Status;
    }
}
