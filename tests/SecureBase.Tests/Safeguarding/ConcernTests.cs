using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Safeguarding;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Safeguarding;

/// <summary>Safeguarding concerns (issue 13): raised by any member of staff, told to the DSL at once, never edited, worked through by the DSL.</summary>
public sealed class ConcernTests
{
    private static object Body(string? what, string category = "Physical", Guid? key = null) =>
        new { whatWasSeenOrSaid = what, category, whoWasPresent = "Ms Patel (TA)", immediateAction = "Stayed with her and came to the DSL", submissionKey = key ?? Guid.NewGuid() };

    [Theory, OnSqlite, OnPostgres]
    public async Task ATherapistRaisesAConcern_TheDslSeesTheCountAtOnce_AndTheRaiserSeesOnlyThatItWasReceived(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await school.SignInAsync(Role.Therapist);

        var record = await therapist.GetPageAsync("/");
        record.Document.QuerySelector("#raise-concern a[href='/concerns/new']").ShouldNotBeNull("every member of staff can raise a concern from the home page");
        var sent = await therapist.SubmitAsync($"/pupils/{school.PupilId}/concerns/new",
            [Form.Field("WhatWasSeenOrSaid", "She said \"my dad hit me with a belt\" and showed a mark on her leg."), Form.Field("Category", "Physical")]);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        sent.Headers.Location!.OriginalString.ShouldBe("/concerns/received");
        var received = await therapist.GetPageAsync("/concerns/received");
        received.Title.ShouldBe("Received by the DSL");
        received.Text.ShouldContain("What you need to do now");
        received.Document.QuerySelector(".warning")!.TextContent.ShouldContain("urgent", customMessage: "physical abuse is an urgent kind: the raiser is told to find the DSL now");
        received.Text.ShouldNotContain("belt", customMessage: "the raiser is told it was received, not shown the record");

        var id = await SingleConcernAsync(app, school);
        (await therapist.GetAsync($"/safeguarding/concerns/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await therapist.GetAsync($"/api/v1/concerns/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await therapist.GetAsync($"/pupils/{school.PupilId}/chronology")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "nothing is shared with the raiser: no chronology");

        var dsl = await school.SignInAsync(Role.Dsl);
        var notes = await Notes.ForAsync(app, school, school[Role.Dsl].Id);
        var told = notes.ShouldHaveSingleItem();
        told.Title.ShouldStartWith("URGENT Safeguarding concern");
        told.Body.ShouldNotContain("belt", customMessage: "a notification never carries what was written");
        var home = await dsl.GetPageAsync("/");
        home.Document.QuerySelector("nav [data-nav-count='/safeguarding']")!.TextContent.ShouldContain("1");
        home.Document.QuerySelector("nav [data-nav-count='/safeguarding']")!.TextContent.ShouldContain("1 urgent");
        var list = await dsl.GetPageAsync("/safeguarding");
        list.Document.QuerySelector("#concerns tr.unopened")!.TextContent.ShouldContain("Urgent");

        var opened = await dsl.GetPageAsync($"/safeguarding/concerns/{id}");
        opened.Document.QuerySelector(".what-was-said")!.TextContent.ShouldContain("my dad hit me with a belt");
        opened.Document.QuerySelector("nav [data-nav-count='/safeguarding']").ShouldBeNull("the count stays only until a DSL opens the concern");
        (await AuditCountAsync(app, school, id)).ShouldBeGreaterThan(0, "opening a concern is audited");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ADoubleSubmit_MakesOneConcern(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var key = Guid.NewGuid();
        var first = await teacher.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns", Body("Came in hungry again and took food from the bin.", "Neglect", key));
        var second = await teacher.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns", Body("Came in hungry again and took food from the bin.", "Neglect", key));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        var a = await first.Content.ReadFromJsonAsync<ConcernReceiptDto>(Json.Options);
        var b = await second.Content.ReadFromJsonAsync<ConcernReceiptDto>(Json.Options);
        b!.Id.ShouldBe(a!.Id);
        a.Status.ShouldBe("Received by the DSL");

        // The page: the same form sent twice (its key is in the form) makes one concern too.
        var page = await teacher.GetPageAsync($"/pupils/{school.PupilId}/concerns/new");
        var form = page.Document.QuerySelector("#concern-form")!;
        var fields = new List<KeyValuePair<string, string>>
        {
            Form.Field("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            Form.Field("SubmissionKey", form.QuerySelector("input[name=SubmissionKey]")!.GetAttribute("value")!),
            Form.Field("WhatWasSeenOrSaid", "Said she is scared to go home."), Form.Field("Category", "Emotional"),
        };
        (await teacher.PostFormAsync($"/pupils/{school.PupilId}/concerns/new", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await teacher.PostFormAsync($"/pupils/{school.PupilId}/concerns/new", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CountAsync(app, school)).ShouldBe(2);
        (await Notes.ForAsync(app, school, school[Role.Dsl].Id)).Count.ShouldBe(2, "the DSL is told once per concern");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ASavedConcern_CannotBeEditedOrDeleted_AndAnAddendumIsAddedWithItsAuthorAndTime(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var raised = await (await teacher.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns", Body("Bruise on the cheek; said he walked into a door.", "Physical")))
            .Content.ReadFromJsonAsync<ConcernReceiptDto>(Json.Options);
        var id = raised!.Id;

        var put = await teacher.Http.PutAsJsonAsync($"/api/v1/concerns/{id}", Body("Changed my mind"));
        put.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await put.Content.ReadAsStringAsync()).ShouldContain("Add an addendum");
        (await teacher.Http.PatchAsJsonAsync($"/api/v1/concerns/{id}", new { whatWasSeenOrSaid = "x" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await teacher.Http.DeleteAsync(new Uri($"/api/v1/concerns/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var empty = await teacher.Http.PostAsJsonAsync($"/api/v1/concerns/{id}/addenda", new { text = "  " });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await teacher.Http.PostAsJsonAsync($"/api/v1/concerns/{id}/addenda", new { text = "Correction: it was the left cheek, and he said his brother did it." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var dsl = await school.SignInAsync(Role.Dsl);
        var concern = await dsl.GetJsonAsync<ConcernDto>($"/api/v1/concerns/{id}");
        concern!.WhatWasSeenOrSaid.ShouldBe("Bruise on the cheek; said he walked into a door.", "the concern as saved is never changed");
        var addendum = concern.Entries.ShouldHaveSingleItem();
        addendum.Kind.ShouldBe(ConcernEntryKind.Addendum);
        addendum.Text.ShouldContain("his brother did it");
        addendum.Author.ShouldNotBeNullOrWhiteSpace();

        // Someone who neither raised it nor works it: not found, nothing changed.
        var head = await school.SignInAsync(Role.Headteacher);
        (await head.Http.PostAsJsonAsync($"/api/v1/concerns/{id}/addenda", new { text = "Anything" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await head.Http.PutAsJsonAsync($"/api/v1/concerns/{id}", Body("x"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AConcernWithNoDescription_IsRefusedWithAClearMessage_AndNothingIsSaved(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var elsa = await school.SignInAsync(Role.TherapyAssistant);
        var page = await elsa.SubmitAndReadAsync($"/pupils/{school.PupilId}/concerns/new", [Form.Field("WhatWasSeenOrSaid", "   "), Form.Field("Category", "Neglect")]);
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Errors.ShouldContain(e => e.Contains("Write what was seen or said", StringComparison.Ordinal));

        var api = await elsa.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns", Body(null));
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await api.Content.ReadAsStringAsync()).ShouldContainKey("whatWasSeenOrSaid");
        var noCategory = await elsa.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns", new { whatWasSeenOrSaid = "Something" });
        Json.Errors(await noCategory.Content.ReadAsStringAsync()).ShouldContainKey("category");
        (await CountAsync(app, school)).ShouldBe(0);
        (await Notes.ForAsync(app, school, school[Role.Dsl].Id)).ShouldBeEmpty();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AConcernAboutAnotherSchoolsPupil_IsNotFound_AndNothingIsSaved(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var other = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await teacher.GetAsync($"/pupils/{other.PupilId}/concerns/new")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var api = await teacher.Http.PostAsJsonAsync($"/api/v1/pupils/{other.PupilId}/concerns", Body("Something worrying"));
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.Content.ReadAsStringAsync()).ShouldNotContain(other.PupilLastName);
        (await CountAsync(app, other)).ShouldBe(0);
        (await CountAsync(app, school)).ShouldBe(0);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ScriptInAConcern_IsStoredAsTyped_AndShownEscaped_AndControlCharactersAreRefused(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        const string words = "He wrote <script>alert('x')</script> & \"I want to die\" on his book.";
        var created = await teacher.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns", Body(words, "SelfHarmOrSuicidalIdeation"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var bell = await teacher.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns", Body("Hidden\u0007bell", "Other"));
        bell.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bell.Content.ReadAsStringAsync()).ShouldContain("control character");

        var id = await SingleConcernAsync(app, school);
        var dsl = await school.SignInAsync(Role.Dsl);
        var page = await dsl.GetAsync($"/safeguarding/concerns/{id}");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldNotContain("<script>alert");
        html.ShouldContain("&lt;script&gt;alert(");
        (await dsl.GetJsonAsync<ConcernDto>($"/api/v1/concerns/{id}"))!.WhatWasSeenOrSaid.ShouldBe(words, "stored as typed");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheDsl_RecordsActionsAndAnOutcome_AndTheChronologyListsEverythingInDateOrder(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var head = await school.SignInAsync(Role.HeadOfTherapy);
        var id = (await (await head.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns", Body("Said an older boy makes him carry packages after school.", "Exploitation")))
            .Content.ReadFromJsonAsync<ConcernReceiptDto>(Json.Options))!.Id;
        var dsl = await school.SignInAsync(Role.Dsl);
        var today = SecureBase.Schools.SchoolTime.London.Today(app.Clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var noWhom = await dsl.Http.PostAsJsonAsync($"/api/v1/concerns/{id}/actions", new { action = "CrimeReportedToAuthority", owner = "Mr Ó Faoláin", on = today });
        noWhom.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await noWhom.Content.ReadAsStringAsync()).ShouldContainKey("toWhom");
        (await dsl.Http.PostAsJsonAsync($"/api/v1/concerns/{id}/actions", new { action = "SpokeToPupil", owner = "Mr Ó Faoláin", on = today, note = "He confirmed it." })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await dsl.Http.PostAsJsonAsync($"/api/v1/concerns/{id}/actions", new { action = "CrimeReportedToAuthority", owner = "Mr Ó Faoláin", on = today, toWhom = "Police, PC 4521 Hughes" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var page = await dsl.SubmitAsync($"/safeguarding/concerns/{id}", [Form.Field("Outcome", "ReferralToSocialCare"), Form.Field("Note", "Referred to children's social care (MASH).")], "#outcome-form");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await dsl.Http.PostAsJsonAsync($"/api/v1/concerns/{id}/outcome", new { outcome = "Monitoring" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var chronology = await dsl.GetPageAsync($"/pupils/{school.PupilId}/chronology");
        chronology.Status.ShouldBe(HttpStatusCode.OK);
        var rows = chronology.Document.QuerySelectorAll("#chronology tbody tr").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();
        rows.Count.ShouldBe(4);
        rows[0].ShouldStartWith("Concern raised: Exploitation");
        rows[1].ShouldStartWith("Action: Spoke to the pupil");
        rows[2].ShouldContain("crime reported to the relevant authority");
        rows[3].ShouldStartWith("Outcome: Referral to children's social care");
        chronology.Text.ShouldContain("Police, PC 4521 Hughes");
        chronology.Document.QuerySelector("button[data-print]").ShouldNotBeNull("the chronology is printable");
        (await dsl.GetPageAsync("/safeguarding")).Document.QuerySelector("#no-concerns").ShouldNotBeNull("a closed concern leaves the open list");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheDslSharesAConcern_WithANamedColleagueAndAReason_WhoThenSeesThatConcernOnly(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var head = await school.SignInAsync(Role.Headteacher);
        var shared = (await (await head.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns", Body("Sharedmark: she has not eaten all week.", "Neglect")))
            .Content.ReadFromJsonAsync<ConcernReceiptDto>(Json.Options))!.Id;
        (await head.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns", Body("Keptmark: something else entirely.", "Emotional"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var dsl = await school.SignInAsync(Role.Dsl);
        var therapistId = school[Role.Therapist].Id;
        var noReason = await dsl.Http.PostAsJsonAsync($"/api/v1/concerns/{shared}/shares", new { userId = therapistId });
        Json.Errors(await noReason.Content.ReadAsStringAsync()).ShouldContainKey("reason");
        (await dsl.Http.PostAsJsonAsync($"/api/v1/concerns/{shared}/shares", new { userId = school[Role.ParentCarer].Id, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "only staff of the school");
        (await dsl.Http.PostAsJsonAsync($"/api/v1/concerns/{shared}/shares", new { userId = therapistId, reason = "She is on your caseload; watch for signs at sessions." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var therapist = await school.SignInAsync(Role.Therapist);
        (await Notes.ForAsync(app, school, therapistId)).ShouldContain(n => n.Link == "/safeguarding/shared");
        var page = await therapist.GetPageAsync("/safeguarding/shared");
        page.Text.ShouldContain("Sharedmark");
        page.Text.ShouldNotContain("Keptmark");
        var chronology = await therapist.GetPageAsync($"/pupils/{school.PupilId}/chronology");
        chronology.Status.ShouldBe(HttpStatusCode.OK);
        chronology.Text.ShouldContain("Sharedmark");
        chronology.Text.ShouldNotContain("Keptmark", customMessage: "a person a concern is shared with sees that concern only");
        (await therapist.GetAsync($"/api/v1/concerns/{shared}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the DSL's own view stays the DSL's");

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        (await db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "safeguarding.concern-shared" && a.RecordId == shared.ToString())).ShouldBe(1);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AReferralWithASafeguardingWorry_RaisesAConcernAtThatMoment_AndTheReferralKeepsOnlyTheTick(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var sent = await teacher.SubmitAsync($"/referrals/new?pupilId={school.PupilId}",
        [
            Form.Field("Input.Reasons", "HomeCircumstances"), Form.Field("Input.Details", "Withdrawn since the autumn."),
            Form.Field("Input.SafeguardingWorry", "true"), Form.Field("Input.SafeguardingDetails", "Said mum's boyfriend locks her in her room."),
        ]);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.SafeguardingWorry);
        referral.SafeguardingDetails.ShouldBeNull("the referral keeps only that a worry was passed to the DSL");
        var concern = await db.Concerns.AsNoTracking().SingleAsync();
        concern.WhatWasSeenOrSaid.ShouldBe("Said mum's boyfriend locks her in her room.");
        concern.Source.ShouldBe(ConcernSource.Referral);
        concern.SourceId.ShouldBe(referral.Id.Value);
        concern.RaisedAt.ShouldBe(referral.ReceivedAt);
        concern.RaisedByUserId.ShouldBe(school[Role.EducationStaff].Id);
        (await Notes.ForAsync(app, school, school[Role.Dsl].Id)).ShouldContain(n => n.Title.StartsWith("Safeguarding concern", StringComparison.Ordinal));
    }

    private static async Task<int> CountAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Concerns.CountAsync();
    }

    private static async Task<ConcernId> SingleConcernAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Concerns.Select(c => c.Id).SingleAsync();
    }

    private static async Task<int> AuditCountAsync(TestApp app, TestSchool school, ConcernId id)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var key = id.ToString();
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().AuditEntries.CountAsync(a => a.RecordId == key && a.Action == "confidential.read");
    }
}
