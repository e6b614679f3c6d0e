using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Support.Form;

namespace SecureBase.Tests.Liaison;

/// <summary>Liaison with families and agencies (issue 13, C13): the contact log, family meetings and their summaries, parents' messages, the parents' evening sheet.</summary>
public sealed class LiaisonTests
{
    private static DateOnly Today(TestApp app) => SchoolTime.London.Today(app.Clock);

    private static async Task<T> WithDbAsync<T>(TestApp app, TestSchool school, Func<SecureBaseDb, Task<T>> work)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await work(scope.ServiceProvider.GetRequiredService<SecureBaseDb>());
    }

    private static object Contact(TestApp app, string summary, string? followUp = null, Guid? by = null, int dueInDays = 2, int daysAgo = 1) => new
    {
        occurredOn = Today(app).AddDays(-daysAgo).ToString("yyyy-MM-dd"),
        party = "Camhs",
        whoName = "Dr Amina Yusuf",
        whoRole = "Clinical psychologist",
        organisation = "Northside CAMHS",
        method = "Phone",
        summary,
        followUp,
        followUpBy = by,
        followUpDue = followUp is null ? null : Today(app).AddDays(dueInDays).ToString("yyyy-MM-dd"),
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task AContact_IsLoggedAndReadByTheTherapyTeam_NotByTeachersOrParents_ItsFollowUpIsAHomeTaskUntilDone_AndEveryReadIsAudited(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await school.SignInAsync(Role.Therapist);
        var mark = "CAMHS-MARK-" + TestSchool.Letters(8);
        var followUp = "Send the CAMHS letter " + TestSchool.Letters(6);

        var logged = await therapist.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/liaison/contacts", Contact(app, $"Agreed a joint plan. {mark}", followUp, school[Role.Therapist].Id));
        logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync());
        var contactId = (await logged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var page = await therapist.GetPageAsync($"/pupils/{school.PupilId}/liaison");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain(mark);
        page.Text.ShouldContain("Northside CAMHS");
        page.Text.ShouldContain(followUp);
        (await therapist.GetPageAsync($"/pupils/{school.PupilId}")).Document.QuerySelector($"a[href='/pupils/{school.PupilId}/liaison']").ShouldNotBeNull("the pupil record leads the practitioner to the contact log");

        (await (await school.SignInAsync(Role.HeadOfTherapy)).GetPageAsync($"/pupils/{school.PupilId}/liaison")).Text.ShouldContain(mark);
        foreach (var role in new[] { Role.EducationStaff, Role.ParentCarer, Role.Sendco, Role.Dsl, Role.Headteacher })
        {
            var other = await school.SignInAsync(role);
            var refused = await other.GetAsync($"/pupils/{school.PupilId}/liaison");
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} may not read the contact log");
            (await refused.Content.ReadAsStringAsync()).ShouldNotContain(mark);
            (await other.GetAsync($"/api/v1/pupils/{school.PupilId}/liaison")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        // The follow-up is on the therapist's home page until it is marked done.
        (await therapist.GetPageAsync("/")).Text.ShouldContain(followUp);
        (await therapist.Http.PostAsync($"/api/v1/liaison/contacts/{contactId}/follow-up-done", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await therapist.GetPageAsync("/")).Text.ShouldNotContain(followUp);
        var again = await therapist.Http.PostAsync($"/api/v1/liaison/contacts/{contactId}/follow-up-done", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("already marked done");

        var reads = await WithDbAsync(app, school, db => db.AuditEntries.AsNoTracking().CountAsync(a => a.RecordId == school.PupilId.ToString() && a.Action == "confidential.read"));
        reads.ShouldBeGreaterThanOrEqualTo(2, "each opening of the contact log is audited");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task BadContacts_AreRefusedPlainly_AndNothingIsLogged(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await school.SignInAsync(Role.Therapist);
        var url = $"/api/v1/pupils/{school.PupilId}/liaison/contacts";

        async Task RefusedAsync(object body, string field, string words)
        {
            var r = await therapist.Http.PostAsJsonAsync(url, body);
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var errors = Json.Errors(await r.Content.ReadAsStringAsync());
            errors.ShouldContainKey(field);
            string.Join(" ", errors[field]).ShouldContain(words);
        }

        await RefusedAsync(Contact(app, "  "), "summary", "Enter a summary of the contact");
        await RefusedAsync(Contact(app, "Spoke to the GP.", daysAgo: -3), "occurredOn", "cannot be in the future");
        await RefusedAsync(Contact(app, "Spoke to the GP.", "Chase the referral", Guid.NewGuid()), "followUpBy", "Choose who in the pupil's therapy team");
        await RefusedAsync(Contact(app, "Spoke to the GP.\u0007"), "summary", "contains a control character");

        // The form says the same in the school's words, and keeps what was typed.
        var form = await therapist.SubmitAndReadAsync($"/pupils/{school.PupilId}/liaison", [Field("Contact.Party", "Gp"), Field("Contact.Method", "Phone"), Field("Contact.WhoName", "Dr Patel"), Field("Contact.Summary", "")], "#log-contact");
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Errors.ShouldContain("Enter a summary of the contact");
        form.Html.ShouldContain("Dr Patel");

        // A pupil outside the therapist's caseload, or another school's, is not found.
        var other = (await PupilFactory.AddAsync(app, school, 1))[0];
        (await therapist.Http.PostAsJsonAsync($"/api/v1/pupils/{other.Id}/liaison/contacts", Contact(app, "Spoke to the GP."))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.GetAsync($"/pupils/{other.Id}/liaison")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WithDbAsync(app, school, db => db.LiaisonContacts.CountAsync())).ShouldBe(0);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AFamilyMeetingSummary_ReachesTheParentOnlyOnceApproved_AnEditAfterApprovalIsANewVersion_AndTeamNotesNeverLeaveTheTeam(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await school.SignInAsync(Role.Therapist);
        var head = await school.SignInAsync(Role.HeadOfTherapy);
        var parent = await school.SignInAsync(Role.ParentCarer);
        var notes = "TEAM-NOTES-" + TestSchool.Letters(8);
        var first = "We talked about mornings. " + TestSchool.Letters(8);
        var second = "We talked about mornings and bedtime. " + TestSchool.Letters(8);

        var recorded = await therapist.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/family-meetings", new
        {
            heldOn = Today(app).ToString("yyyy-MM-dd"), place = "The family room", agenda = "How mornings are going\nWhat helps at home",
            familyAttendees = "Mum", staffAttendees = "Test Therapist", teamNotes = notes, summary = first,
        });
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var meetingId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // A draft is the team's only.
        (await parent.GetPageAsync("/my-children/therapy-team")).Text.ShouldNotContain(first);
        (await therapist.Http.PostAsync($"/api/v1/liaison/family-meetings/{meetingId}/summary/approve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var portal = await parent.GetPageAsync("/my-children/therapy-team");
        portal.Text.ShouldContain(first);
        portal.Text.ShouldNotContain(notes, Case.Insensitive, "the team's notes are never shared with the family");
        (await WithDbAsync(app, school, db => db.Notifications.CountAsync(n => n.UserId == school[Role.ParentCarer].Id && n.DedupeKey.StartsWith("family-summary")))).ShouldBe(1);

        // Editing the approved summary makes version 2, a draft: the family keeps reading version 1 until it is approved.
        var edited = await therapist.Http.PutAsJsonAsync($"/api/v1/liaison/family-meetings/{meetingId}/summary", new { text = second });
        edited.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32().ShouldBe(2);
        portal = await parent.GetPageAsync("/my-children/therapy-team");
        portal.Text.ShouldContain(first);
        portal.Text.ShouldNotContain(second);
        (await head.Http.PostAsync($"/api/v1/liaison/family-meetings/{meetingId}/summary/approve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        portal = await parent.GetPageAsync("/my-children/therapy-team");
        portal.Text.ShouldContain(second);
        portal.Text.ShouldNotContain(first);

        // A draft the Head of Therapy wrote is approved by them, not by another practitioner.
        (await head.Http.PutAsJsonAsync($"/api/v1/liaison/family-meetings/{meetingId}/summary", new { text = "A third go." })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var notTheirs = await therapist.Http.PostAsync($"/api/v1/liaison/family-meetings/{meetingId}/summary/approve", null);
        notTheirs.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await notTheirs.Content.ReadAsStringAsync()).ShouldContain("or the Head of Therapy can approve it");

        // An empty summary is refused and the draft stays.
        var empty = await therapist.Http.PutAsJsonAsync($"/api/v1/liaison/family-meetings/{meetingId}/summary", new { text = " " });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await WithDbAsync(app, school, db => db.FamilySummaries.CountAsync())).ShouldBe(3);

        // The parents' evening sheet: the approved summary and the practitioner, never the notes or the draft; the Head of Therapy's only.
        var sheet = await head.GetPageAsync($"/parents-evening?PupilIds={school.PupilId}");
        sheet.Status.ShouldBe(HttpStatusCode.OK);
        sheet.Text.ShouldContain(second);
        sheet.Text.ShouldNotContain(notes);
        sheet.Text.ShouldNotContain("A third go.");
        sheet.Document.QuerySelectorAll(".evening-sheet").Length.ShouldBe(1);
        (await therapist.GetAsync("/parents-evening")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await parent.GetAsync("/parents-evening")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AParentsMessage_LandsWithThePupilsTherapistAndTheHeadOfTherapy_IsLoggedAsAContact_AndTheReplyShowsInThePortal(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var parent = await school.SignInAsync(Role.ParentCarer);
        var body = "<script>alert('x')</script> Could we talk about sleep? " + TestSchool.Letters(6);

        var sent = await parent.SubmitAsync("/my-children/therapy-team", [Field("Message.Subject", "Sleep"), Field("Message.Body", body)], "#write-to-team");
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        foreach (var role in new[] { Role.Therapist, Role.HeadOfTherapy })
        {
            (await WithDbAsync(app, school, db => db.Notifications.CountAsync(n => n.UserId == school[role].Id && n.DedupeKey.StartsWith("family-message"))))
                .ShouldBe(1, $"the {role} is told");
        }

        (await WithDbAsync(app, school, db => db.Notifications.CountAsync(n => n.UserId == school[Role.EducationStaff].Id))).ShouldBe(0);

        var therapist = await school.SignInAsync(Role.Therapist);
        var log = await therapist.GetPageAsync($"/pupils/{school.PupilId}/liaison");
        log.Text.ShouldContain("Message through the parent portal", Case.Sensitive, "the message is logged as a contact");
        log.Text.ShouldContain(body, Case.Sensitive, "shown as the parent typed it");
        log.Html.ShouldNotContain("<script>alert", Case.Insensitive, "and never run");

        var threadId = await WithDbAsync(app, school, db => db.FamilyMessages.Select(m => m.ThreadId).SingleAsync());
        var reply = await therapist.SubmitAsync($"/pupils/{school.PupilId}/liaison", [Field("ReplyText", "Yes, shall we meet on Thursday?")], $"#thread-{threadId} form");
        reply.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var portal = await parent.GetPageAsync("/my-children/therapy-team");
        portal.Text.ShouldContain("Yes, shall we meet on Thursday?");
        portal.Html.ShouldNotContain("<script>alert", Case.Insensitive);

        // Bad input: empty, control characters, a child not theirs, another school's child: refused plainly, nothing saved.
        var empty = await parent.SubmitAndReadAsync("/my-children/therapy-team", [Field("Message.Subject", "Sleep"), Field("Message.Body", "   ")], "#write-to-team");
        empty.Status.ShouldBe(HttpStatusCode.OK);
        empty.Errors.ShouldContain("Enter your message");
        var control = await parent.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/messages-to-therapy-team", new { subject = "Sleep\u0000", body = "Hello" });
        control.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var notMine = (await PupilFactory.AddAsync(app, school, 1))[0];
        (await parent.Http.PostAsJsonAsync($"/api/v1/pupils/{notMine.Id}/messages-to-therapy-team", new { subject = "Hello", body = "About someone else's child" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var forged = await parent.SubmitAndReadAsync("/my-children/therapy-team", [Field("Message.PupilId", notMine.Id.ToString()), Field("Message.Subject", "Hello"), Field("Message.Body", "Hi")], "#write-to-team");
        forged.Errors.ShouldContain(e => e.Contains("not linked to your account", StringComparison.Ordinal));
        var elsewhere = await TestSchool.CreateAsync(app);
        (await parent.Http.PostAsJsonAsync($"/api/v1/pupils/{elsewhere.PupilId}/messages-to-therapy-team", new { subject = "Hello", body = "Hi" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WithDbAsync(app, school, db => db.FamilyMessages.CountAsync())).ShouldBe(2, "the parent's message and the reply, nothing else");
        (await WithDbAsync(app, school, db => db.LiaisonContacts.CountAsync())).ShouldBe(1);

        // Staff cannot message as a family; teachers cannot read the family's messages.
        (await therapist.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/messages-to-therapy-team", new { subject = "x", body = "y" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await school.SignInAsync(Role.EducationStaff)).GetAsync("/my-children/therapy-team")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
