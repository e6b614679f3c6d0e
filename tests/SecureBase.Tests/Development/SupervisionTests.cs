using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Development;
using SecureBase.Identity;
using SecureBase.Staff;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Development.DevelopmentData;

namespace SecureBase.Tests.Development;

/// <summary>
/// Supervision (C12): overdue flags by each practitioner's frequency on the Head of Therapy's home page and the
/// supervision page, a supervisee who has left refused, and notes seen only by the people who took part.
/// </summary>
public sealed class SupervisionTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task APractitionerWhoseLastSupervisionIsOlderThanTheirFrequency_IsFlaggedOverdue_OnTheHeadOfTherapysHomeAndSupervisionPages(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await StaffIdOfAsync(app, school, Role.Therapist);
        var elsa = await StaffIdOfAsync(app, school, Role.TherapyAssistant);
        var late = "Overdue-" + TestSchool.Letters(6);
        var art = await AddPractitionerAsync(app, school, "Ola", late, Discipline.ArtTherapy);
        var recent = "Recent-" + TestSchool.Letters(6);
        var drama = await AddPractitionerAsync(app, school, "Dee", recent, Discipline.DramaTherapy);

        // Monthly for therapists: 40 days ago is overdue, 10 days ago is not. The ELSA's half-termly supervision must be with an
        // educational psychologist: an individual session last week does not count, one 30 days ago with the EP does.
        await SupervisedAsync(app, school, therapist, [art], 40);
        await SupervisedAsync(app, school, art, [therapist, drama], 10, SupervisionType.Group);
        await SupervisedAsync(app, school, therapist, [elsa], 30, SupervisionType.EducationalPsychologist);
        await SupervisedAsync(app, school, therapist, [elsa], 7);

        var head = await school.SignInAsync(Role.HeadOfTherapy);
        var home = await head.GetPageAsync("/");
        home.Text.ShouldContain($"Supervision overdue for Ola {late}");
        home.Text.ShouldNotContain($"Supervision overdue for Dee {recent}");
        home.Text.ShouldNotContain("Supervision overdue for Test Therapist");
        home.Text.ShouldNotContain("Supervision overdue for Test TherapyassistantELSA");

        var page = await head.GetPageAsync("/supervision");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var rows = page.Document.QuerySelectorAll("#standings tbody tr").Select(r => System.Text.RegularExpressions.Regex.Replace(r.TextContent, @"\s+", " ")).ToList();
        rows.Single(r => r.Contains(late, StringComparison.Ordinal)).ShouldContain("Overdue");
        rows.Single(r => r.Contains(late, StringComparison.Ordinal)).ShouldContain(Today(app).AddDays(-40).ToString("d MMM yyyy"));
        rows.Single(r => r.Contains(recent, StringComparison.Ordinal)).ShouldContain("Up to date");
        rows.Single(r => r.Contains(recent, StringComparison.Ordinal)).ShouldContain(Today(app).AddDays(-10).AddMonths(1).ToString("d MMM yyyy"));

        // With the clock 40 days on, the group session is old too; the ELSA's EP session (30 + 40 days) is past half a term.
        var later = await WithDbAsync(app, school, (_, services) => services.GetRequiredService<SupervisionDesk>().StandingsAsync(Today(app).AddDays(40), wholeTeam: true, default));
        later.Single(s => s.StaffId == drama).Overdue.ShouldBeTrue();
        later.Single(s => s.StaffId == elsa).Overdue.ShouldBeTrue();

        // The Head of Therapy sets the art therapist's supervision to termly: no longer overdue.
        var saved = await head.SubmitAsync("/supervision", [Form.Field("frequency", "Termly")], $"form:has(input[name=staffId][value='{art}'])");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await head.GetPageAsync("/")).Text.ShouldNotContain($"Supervision overdue for Ola {late}");

        // A practitioner sees only their own standing.
        var own = await (await school.SignInAsync(Role.Therapist)).GetPageAsync("/supervision");
        own.Document.QuerySelectorAll("#standings tbody tr").Count().ShouldBe(1);
        own.Document.QuerySelector("#standings")!.TextContent.ShouldNotContain(late);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ASupervisionRecordNamingASuperviseeWhoHasLeft_IsRefusedWithAClearMessage_AndNothingIsSaved(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await StaffIdOfAsync(app, school, Role.Therapist);
        var gone = "Gone-" + TestSchool.Letters(6);
        var leaver = await AddPractitionerAsync(app, school, "Lee", gone, Discipline.Counselling);
        await WithDbAsync(app, school, async (db, _) =>
        {
            (await db.StaffMembers.SingleAsync(s => s.Id == leaver)).MarkLeft(Today(app).AddDays(-3));
            return await db.SaveChangesAsync();
        });

        var head = await school.SignInAsync(Role.HeadOfTherapy);
        var refused = await TestClient.ReadAsync(await head.SubmitAsync("/supervision/record",
        [
            Form.Field("Input.SupervisorId", therapist.ToString()),
            Form.Field("Input.SuperviseeIds", leaver.ToString()),
            Form.Field("Input.Type", "Individual"),
            Form.Field("Input.Notes", "Talked about a hard week."),
        ]));
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Errors.ShouldContain(e => e.Contains($"Lee {gone} left the school on {Today(app).AddDays(-3):d MMMM yyyy}", StringComparison.Ordinal) && e.Contains("Nothing was saved", StringComparison.Ordinal));

        var api = await head.Http.PostAsJsonAsync("/api/v1/supervision", new
        {
            heldOn = Today(app).ToString("yyyy-MM-dd"), supervisorId = therapist.ToString(), superviseeIds = new[] { leaver.ToString() }, type = "Group", notes = "x",
        });
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadAsStringAsync()).ShouldContain("left the school");

        (await WithDbAsync(app, school, (db, _) => db.SupervisionSessions.CountAsync())).ShouldBe(0);

        // The same record naming someone still here is saved.
        var elsa = await StaffIdOfAsync(app, school, Role.TherapyAssistant);
        var ok = await head.SubmitAsync("/supervision/record",
        [
            Form.Field("Input.SupervisorId", therapist.ToString()),
            Form.Field("Input.SuperviseeIds", elsa.ToString()),
            Form.Field("Input.Type", "Individual"),
        ]);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithDbAsync(app, school, (db, _) => db.SupervisionSessions.CountAsync())).ShouldBe(1);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SupervisionNotes_AreSeenByTheSupervisorAndSupervisee_NotByTheHeadOfTherapyOrAnyOtherRole_AndEachReadIsAudited(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await StaffIdOfAsync(app, school, Role.Therapist);
        var elsa = await StaffIdOfAsync(app, school, Role.TherapyAssistant);
        var secret = "Supervision-note-" + TestSchool.Letters(10);
        var session = await SupervisedAsync(app, school, therapist, [elsa], 3, SupervisionType.Individual, $"We talked about {secret}.");

        foreach (var role in new[] { Role.Therapist, Role.TherapyAssistant })
        {
            var browser = await school.SignInAsync(role);
            (await browser.GetPageAsync("/supervision")).Text.ShouldContain(secret, customMessage: $"{role} took part");
            (await (await browser.GetAsync("/api/v1/supervision")).Content.ReadAsStringAsync()).ShouldContain(secret);
        }

        // The Head of Therapy sees that it happened (for the overdue flags), never what was said.
        var head = await school.SignInAsync(Role.HeadOfTherapy);
        var page = await head.GetPageAsync("/supervision");
        page.Text.ShouldContain("Individual supervision by Test Therapist with Test TherapyassistantELSA");
        page.Text.ShouldNotContain(secret);
        (await (await head.GetAsync("/api/v1/supervision")).Content.ReadAsStringAsync()).ShouldNotContain(secret);

        foreach (var role in new[] { Role.Administrator, Role.Sendco, Role.Headteacher, Role.Dsl, Role.EducationStaff, Role.ParentCarer, Role.Pupil })
        {
            var browser = await school.SignInAsync(role);
            var response = await browser.GetAsync("/supervision");
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} has no business with supervision");
            (await response.Content.ReadAsStringAsync()).ShouldNotContain(secret);
            (await browser.GetAsync("/api/v1/supervision")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var reads = await WithDbAsync(app, school, (db, _) => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.ConfidentialRead && a.RecordType == "SupervisionSession" && a.RecordId == session.ToString()).Select(a => a.UserId).ToListAsync());
        reads.ShouldContain(school[Role.Therapist].Id);
        reads.ShouldContain(school[Role.TherapyAssistant].Id);
        reads.ShouldNotContain(school[Role.HeadOfTherapy].Id);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AMemberOfStaffAsksForIndividualSupervision_TheHeadOfTherapySeesItAndAnswers_AndTheyAreTold(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await teacher.SubmitAsync("/supervision/ask", [Form.Field("Message", "A hard term with 9K.")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var head = await school.SignInAsync(Role.HeadOfTherapy);
        (await head.GetPageAsync("/")).Text.ShouldContain("Test Educationstaff asks for individual supervision");
        var answered = await head.SubmitAsync("/supervision", [Form.Field("answer", "Thursday 3pm with me, in the Nest.")], "#requests form");
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await head.GetPageAsync("/")).Text.ShouldNotContain("asks for individual supervision");

        (await teacher.GetPageAsync("/supervision/ask")).Text.ShouldContain("answered: Thursday 3pm with me, in the Nest.");
        (await WithDbAsync(app, school, (db, _) => db.Notifications.CountAsync(n => n.UserId == school[Role.EducationStaff].Id && n.DedupeKey.StartsWith("supervision-answer:")))).ShouldBe(1);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnUnansweredRequestOlderThanAHundredAnsweredOnes_StaysOnTheHeadOfTherapysHomeAndSupervisionPages(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await StaffIdOfAsync(app, school, Role.EducationStaff);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await WithDbAsync(app, school, async (db, _) =>
        {
            db.SupervisionRequests.Add(SupervisionRequest.Ask(school.Id, teacher, "Still waiting since the autumn.", now.AddDays(-90)).Value);
            for (var i = 0; i < SupervisionDesk.AnsweredShown + 5; i++)
            {
                var later = SupervisionRequest.Ask(school.Id, teacher, $"Request {i:000}", now.AddDays(-60).AddHours(i)).Value;
                later.Respond($"Answer {i}", school[Role.HeadOfTherapy].Id, now.AddDays(-59).AddHours(i)).IsSuccess.ShouldBeTrue();
                db.SupervisionRequests.Add(later);
            }

            return await db.SaveChangesAsync();
        });

        var head = await school.SignInAsync(Role.HeadOfTherapy);
        (await head.GetPageAsync("/")).Text.ShouldContain("Still waiting since the autumn.");
        var page = (await head.GetPageAsync("/supervision")).Text;
        page.ShouldContain("Still waiting since the autumn.");
        page.ShouldContain($"Request {SupervisionDesk.AnsweredShown + 4:000}");
        page.ShouldNotContain("Request 000");
    }
}
