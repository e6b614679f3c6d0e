using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

/// <summary>The leaks found when the product was tried by every role (issue 9), each shut and kept shut.</summary>
public sealed class ConfidentialityTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task WhoIsInWhichTherapy_IsFoundOnlyByTheHeadOfTherapyAndThePupilsOwnPractitioners(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        foreach (var role in new[] { Role.EducationStaff, Role.Administrator, Role.Dsl, Role.Headteacher, Role.Sendco })
        {
            var user = await school.SignInAsync(role);
            var page = await user.GetPageAsync("/pupils?discipline=Counselling");
            var unfiltered = await user.GetPageAsync("/pupils");
            page.Document.QuerySelector("main table")?.TextContent.ShouldBe(unfiltered.Document.QuerySelector("main table")?.TextContent,
                $"for {role} the therapy in the address is ignored: the list is the whole directory, not who is in counselling");
            page.Document.QuerySelector("select#discipline").ShouldBeNull($"{role} is not offered the therapy filter");
            var list = await user.GetJsonAsync<PupilListDto>("/api/v1/pupils?discipline=Counselling");
            list!.Pupils.ShouldBeEmpty($"{role} must not find who is in counselling through the API");
            var search = await user.Http.PostAsJsonAsync("/api/v1/pupils/search", new { discipline = "Counselling" });
            (await search.Content.ReadFromJsonAsync<PupilListDto>(Json.Options))!.Pupils.ShouldBeEmpty($"{role} must not find who is in counselling by searching");
            (await user.GetPageAsync($"/pupils/{school.PupilId}")).Document.QuerySelector("#episodes").ShouldBeNull($"{role} does not see which therapy the pupil is in");
        }

        foreach (var role in new[] { Role.HeadOfTherapy, Role.Therapist })
        {
            var user = await school.SignInAsync(role);
            (await user.GetPageAsync("/pupils?discipline=Counselling")).Text.ShouldContain(school.PupilLastName);
            (await user.GetJsonAsync<PupilListDto>("/api/v1/pupils?discipline=Counselling"))!.Pupils.ShouldHaveSingleItem();
            (await user.GetPageAsync($"/pupils/{school.PupilId}")).Document.QuerySelector("#episodes")!.TextContent.ShouldContain("Counselling");
        }

        // A therapist finds only the pupils they hold themselves, not a colleague's in the same therapy.
        var colleagues = await PupilFactory.AddAsync(app, school, 1);
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var other = SecureBase.Staff.StaffMember.Create(school.Id, "S77", new SecureBase.Staff.StaffDetails(null, "Other", "Counsellor", null, "Counsellor", SecureBase.Staff.Discipline.Counselling, SecureBase.Staff.RegistrationBody.None, null, null, 10));
            db.StaffMembers.Add(other);
            db.Episodes.Add(SecureBase.Caseload.Episode.Import(school.Id, colleagues[0].Id, other.Id, SecureBase.Staff.Discipline.Counselling, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime)));
            await db.SaveChangesAsync();
        }

        var therapist = await school.SignInAsync(Role.Therapist);
        (await therapist.GetPageAsync("/pupils?discipline=Counselling")).Text.ShouldNotContain(colleagues[0].LegalLastName);
        (await (await school.SignInAsync(Role.HeadOfTherapy)).GetPageAsync("/pupils?discipline=Counselling")).Text.ShouldContain(colleagues[0].LegalLastName);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ASafeguardingWorry_OnAReferral_IsReadOnlyByTheDsl_AndOthersSeeThatItWasPassedOn(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var sent = await teacher.SubmitAsync($"/referrals/new?pupilId={school.PupilId}",
        [
            Form.Field("Input.Reasons", "HomeCircumstances"), Form.Field("Input.Details", "Quiet and tired in lessons since half term."),
            Form.Field("Input.SafeguardingWorry", "true"), Form.Field("Input.SafeguardingDetails", "A bruise on her arm; she said her stepdad grabbed her."),
        ]);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var referral = await LatestReferralAsync(app, school);

        foreach (var role in new[] { Role.Headteacher, Role.Sendco, Role.HeadOfTherapy })
        {
            var user = await school.SignInAsync(role);
            var page = await user.GetPageAsync($"/referrals/{referral}?reason=HalfTermlyReview");
            page.Status.ShouldBe(HttpStatusCode.OK);
            page.Text.ShouldContain("Quiet and tired in lessons");
            page.Text.ShouldContain("passed to the DSL");
            page.Text.ShouldNotContain("stepdad", customMessage: $"{role} must not read the safeguarding worry");
            var json = await (await user.GetAsync($"/api/v1/referrals/{referral}?reason=HalfTermlyReview")).Content.ReadAsStringAsync();
            json.ShouldContain("\"safeguardingWorry\":true");
            json.ShouldNotContain("stepdad");
        }

        // The worry became a safeguarding concern when the referral was made: the DSL reads it there; the referral keeps only the tick.
        var dsl = await school.SignInAsync(Role.Dsl);
        var onReferral = await dsl.GetPageAsync($"/referrals/{referral}");
        onReferral.Text.ShouldNotContain("stepdad");
        onReferral.Document.QuerySelector("#safeguarding-concern a[href='/safeguarding']").ShouldNotBeNull("the DSL is sent to the concern");
        var list = await dsl.GetPageAsync("/safeguarding");
        var concernLink = list.Document.QuerySelector("#concerns a")!.GetAttribute("href")!;
        (await dsl.GetPageAsync(concernLink)).Document.QuerySelector(".what-was-said")!.TextContent.ShouldContain("her stepdad grabbed her");
        (await (await dsl.GetAsync("/api/v1" + concernLink.Replace("/safeguarding", "", StringComparison.Ordinal))).Content.ReadAsStringAsync()).ShouldContain("her stepdad grabbed her");
        (await (await dsl.GetAsync($"/api/v1/referrals/{referral}")).Content.ReadAsStringAsync()).ShouldNotContain("stepdad");
        (await teacher.GetPageAsync("/referrals/mine")).Text.ShouldNotContain("stepdad");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnElsa_SeesOnlyTheMdtItemsAboutTheirOwnPupils_AndTheActionsTheyOwn(DatabaseProvider provider)
    {
        var school = await RelationshipSchool.ForAsync(provider);
        var elsa = await school.ClientAsync(Role.TherapyAssistant);
        var page = await elsa.GetPageAsync($"/mdt/{school.MeetingId}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain(school.MarkA, Case.Insensitive);
        page.Text.ShouldNotContain(school.MarkB, Case.Insensitive, "another pupil's referral is not the ELSA's business");
        page.Text.ShouldNotContain("Safeguarding follow-up");
        var actions = await elsa.GetPageAsync($"/mdt/{school.School.MeetingId}");
        actions.Text.ShouldNotContain("Ring the speech and language service", customMessage: "the Head of Therapy's action is not the ELSA's");

        var therapist = await school.ClientAsync(Role.Therapist);
        (await therapist.GetPageAsync($"/mdt/{school.MeetingId}")).Text.ShouldContain(school.MarkB, Case.Insensitive, "the therapists' MDT discusses every referral");
    }

    [Fact]
    public void EveryRoleThatReadsConfidentialContent_SignsInWithASecondFactor()
    {
        var readers = Enum.GetValues<Role>().Where(PolicyTable.ReadsConfidentialData).ToList();
        readers.ShouldContain(Role.Headteacher);
        readers.Where(r => !RoleInfo.Of(r).RequiresTwoFactor).ShouldBeEmpty("a role that reads referral reasons, EHCP detail, caseloads or safeguarding needs the second factor");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheHeadteacher_SignsInWithASecondFactor_BeforeReadingAnything(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var browser = new TestClient(app.NewBrowser());
        var head = school[Role.Headteacher];
        var response = await browser.SubmitAsync("/login", [Form.Field("Input.UserName", head.UserName), Form.Field("Input.Password", head.Password)]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("/login/two-factor");
        (await browser.GetAsync($"/referrals/{school.ReferralId}?reason=HalfTermlyReview")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await browser.GetAsync("/api/v1/referrals")).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheLocalAuthority_RefersByUpn_AndLearnsNothingAboutWhetherThePupilIsHere(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var officer = await school.SignInAsync(Role.LocalAuthorityOfficer);

        var form = await officer.GetPageAsync($"/referrals/new?pupilId={school.PupilId}");
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Text.ShouldNotContain(school.PupilLastName);
        form.Text.ShouldNotContain("Jamal");
        var strangerForm = await officer.GetPageAsync($"/referrals/new?pupilId={Guid.NewGuid()}");
        strangerForm.Status.ShouldBe(HttpStatusCode.OK, "an id that is no pupil answers just the same");

        object Body(string upn) => new { upn, reasons = new[] { "EmotionalWellbeing" }, details = "Known to the virtual school: placement moved twice this year." };
        var known = await officer.Http.PostAsJsonAsync("/api/v1/referrals", Body("R201100018042"));
        var unknown = await officer.Http.PostAsJsonAsync("/api/v1/referrals", Body(UnknownUpn()));
        known.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        unknown.StatusCode.ShouldBe(known.StatusCode);
        var knownJson = await known.Content.ReadAsStringAsync();
        var unknownJson = await unknown.Content.ReadAsStringAsync();
        knownJson.ShouldContain("\"status\":\"Received\"");
        unknownJson.ShouldContain("\"status\":\"Received\"");
        knownJson.ShouldNotContain(school.PupilId.ToString());
        System.Text.Json.JsonDocument.Parse(knownJson).RootElement.EnumerateObject().Select(p => p.Name)
            .ShouldBe(System.Text.Json.JsonDocument.Parse(unknownJson).RootElement.EnumerateObject().Select(p => p.Name));
        var mine = await officer.GetJsonAsync<List<ReferralStatusDto>>("/api/v1/referrals/mine");
        mine!.Count.ShouldBe(2);
        mine.ShouldAllBe(r => r.Status == ReferralStatus.Received && r.PupilId == null && r.Upn != null);

        // The office matches the unknown UPN (a typing error) to the pupil: the referral reaches the Head of Therapy.
        var office = await school.SignInAsync(Role.Administrator);
        var waiting = await office.GetPageAsync("/referrals/unmatched");
        waiting.Text.ShouldContain(UnknownUpn());
        waiting.Text.ShouldNotContain("placement moved", customMessage: "the office sees who sent it and the UPN, not what the authority wrote");
        var matched = await office.SubmitAsync("/referrals/unmatched", [Form.Field("Upn", "R201100018042")], "form[action*=Match]");
        matched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await office.GetPageAsync("/referrals/unmatched")).Text.ShouldContain("None waiting");
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        (await db.Referrals.CountAsync(r => r.PupilId == school.PupilId && r.Source == ReferralSource.LocalAuthority)).ShouldBe(2);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheAllocatedTherapist_ReadsTheirPupilsReferral_FromThePupilRecord(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await school.SignInAsync(Role.Therapist);
        var record = await therapist.GetPageAsync($"/pupils/{school.PupilId}");
        var link = record.Document.QuerySelector($"#pupil-referrals a[href='/referrals/{school.ReferralId}']");
        link.ShouldNotBeNull("the pupil record links to the pupil's referral");
        var referral = await therapist.GetPageAsync($"/referrals/{school.ReferralId}");
        referral.Status.ShouldBe(HttpStatusCode.OK);
        referral.Text.ShouldContain("Finds it hard to follow spoken instructions in class.");
        (await therapist.GetAsync($"/api/v1/referrals/{school.ReferralId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string UnknownUpn()
    {
        const string twelve = "201100018099";
        return $"{Upn.CheckLetterFor(twelve)}{twelve}";
    }

    private static async Task<ReferralId> LatestReferralAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Referrals.Where(r => r.SafeguardingWorry).Select(r => r.Id).SingleAsync();
    }
}
