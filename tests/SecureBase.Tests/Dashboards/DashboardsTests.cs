using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Dashboards;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Dashboards;

/// <summary>Service dashboards and the local authority view (issue 12): real figures, suppression in one place, and who sees what.</summary>
public sealed class DashboardsTests
{
    [Theory]
    [InlineData(0, "0", 0)]
    [InlineData(1, "fewer than 5", null)]
    [InlineData(4, "fewer than 5", null)]
    [InlineData(5, "5", 5)]
    public void ACountOfPupils_From1To4_IsFewerThan5_ZeroAnd5AreShown(int count, string text, int? value)
    {
        var cell = SmallNumbers.Count(count, anonymised: true);
        cell.Text.ShouldBe(text);
        cell.Value.ShouldBe(value);
        SmallNumbers.Count(count, anonymised: false).Text.ShouldBe(count.ToString(System.Globalization.CultureInfo.InvariantCulture), "the Head of Therapy's own figures are exact");
    }

    [Theory]
    [InlineData(3, 40, "withheld (small numbers)")] // 3 is suppressed, so its rate is too
    [InlineData(38, 40, "withheld (small numbers)")] // 95% of 40 would say that 2 did not
    [InlineData(4, 4, "withheld (small numbers)")] // the whole is suppressed
    [InlineData(0, 4, "withheld (small numbers)")]
    [InlineData(35, 40, "88%")]
    [InlineData(0, 10, "0%")]
    [InlineData(10, 10, "100%")]
    [InlineData(0, 0, "–")]
    public void ARate_IsWithheld_WhenItWouldGiveASuppressedCountBack(int part, int whole, string text) =>
        SmallNumbers.Percent(part, whole, anonymised: true).Text.ShouldBe(text);

    [Theory]
    [InlineData(1, "withheld (small numbers)")]
    [InlineData(4, "withheld (small numbers)")]
    [InlineData(5, "12")]
    public void AMedianOfFewerThan5_IsWithheld(int count, string text) =>
        SmallNumbers.Statistic(12m, count, anonymised: true).Text.ShouldBe(text);

    private static async Task AddReferralsAsync(TestApp app, TestSchool school, Discipline discipline, params int[] daysAgo)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Enter(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        // Made at midday, school time, d days ago: days waiting are counted in the school's days, so a referral made at
        // this hour of the clock d days ago can be d - 1 school days ago near midnight across the change to BST.
        var today = SchoolTime.London.Today(app.Clock);
        foreach (var d in daysAgo)
        {
            db.Referrals.Add(Referral.Receive(school.Id, school.PupilId, new NewReferral(ReferralSource.EducationStaff, null, "Test", discipline, ReferralReason.EmotionalWellbeing, null,
                "Finds the school day hard.", null, ReferralUrgency.Routine, true, false, Guid.NewGuid()), SchoolTime.London.ToUtc(today.AddDays(-d), new TimeOnly(12, 0))));
        }

        await db.SaveChangesAsync();
    }

    private static JsonElement Figure(JsonElement doc, string id) => doc.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("id").GetString() == id);

    private static JsonElement Row(JsonElement figure, string label) => figure.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("label").GetString() == label);

    private static string Cell(JsonElement row, int i) => row.GetProperty("cells")[i].GetProperty("text").GetString()!;

    [Theory, OnSqlite, OnPostgres]
    public async Task WaitingTimes_AreExactForTheHeadOfTherapy_AndSuppressedForTheHeadteacher_OnThePageInTheCsvAndTheApi(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        // Six counselling referrals waiting 10, 20, 30, 40, 50 and 60 days; the school's one speech and language referral came today.
        await AddReferralsAsync(app, school, Discipline.Counselling, 10, 20, 30, 40, 50, 60);

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var exact = JsonDocument.Parse(await hot.Http.GetStringAsync("/api/v1/dashboards/service")).RootElement;
        exact.GetProperty("anonymised").GetBoolean().ShouldBeFalse();
        var counselling = Row(Figure(exact, "waiting-times"), "Counselling");
        (Cell(counselling, 0), Cell(counselling, 1), Cell(counselling, 2), Cell(counselling, 3)).ShouldBe(("6", "6", "35", "60"), "six waiting; the median of 10…60 days is 35, the longest 60");
        var salt = Row(Figure(exact, "waiting-times"), "Speech and language therapy");
        (Cell(salt, 0), Cell(salt, 2)).ShouldBe(("1", "0"));
        var caseloads = Figure(exact, "caseloads");
        Cell(Row(caseloads, "Test Therapist (Counselling)"), 0).ShouldBe("1", "the therapist holds the school's one episode");

        var head = await school.SignInAsync(Role.Headteacher);
        var anonymised = JsonDocument.Parse(await head.Http.GetStringAsync("/api/v1/dashboards/service")).RootElement;
        anonymised.GetProperty("anonymised").GetBoolean().ShouldBeTrue();
        var headSalt = Row(Figure(anonymised, "waiting-times"), "Speech and language therapy");
        Cell(headSalt, 0).ShouldBe("fewer than 5");
        headSalt.GetProperty("cells")[0].GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null, "the suppressed number is not sent at all");
        Cell(headSalt, 2).ShouldBe("withheld (small numbers)");
        Cell(Row(Figure(anonymised, "waiting-times"), "Counselling"), 0).ShouldBe("6");

        var page = await head.GetPageAsync("/dashboards");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("fewer than 5");
        page.Text.ShouldNotContain("Jamal", Case.Sensitive, "the headteacher's dashboards name no pupil");
        page.Text.ShouldNotContain(school.PupilLastName);
        page.Document.QuerySelector("#figure-caseloads-list").ShouldBeNull("the headteacher may not open the caseloads, so no link to them");
        page.Document.QuerySelector("#figure-ehcp-provision-list").ShouldBeNull("the list of EHCP pupils below 80% is the SENDCo's");
        var charts = page.Document.QuerySelectorAll("svg.dashboard-chart");
        charts.Length.ShouldBe(page.Document.QuerySelectorAll(".dashboard-figure table").Length, "every figure with figures has its chart beside its table");
        charts.Length.ShouldBeGreaterThan(3);
        charts.ShouldAllBe(c => c.QuerySelector("title") != null && c.QuerySelector("desc") != null && c.GetAttribute("role") == "img");

        var csv = await head.Http.GetStringAsync("/dashboards?handler=Csv&figure=waiting-times");
        csv.ShouldContain("Speech and language therapy,fewer than 5,fewer than 5,withheld (small numbers),withheld (small numbers)");
        var hotCsv = await hot.Http.GetStringAsync("/dashboards?handler=Csv&figure=waiting-times");
        hotCsv.ShouldContain("Counselling,6,6,35,60");

        var hotPage = await hot.GetPageAsync("/dashboards");
        hotPage.Document.QuerySelector("#figure-caseloads-list")!.GetAttribute("href").ShouldBe("/caseload");
        hotPage.Document.QuerySelector("#figure-ehcp-provision-list")!.GetAttribute("href").ShouldBe("/dashboards/provision-below-80");
        (await hot.GetAsync("/dashboards?handler=Csv&figure=nonsense")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheSendco_OpensTheNamedListOfEhcpPupilsBelow80Percent_TheHeadteacherCannot(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var sendco = await school.SignInAsync(Role.Sendco);
        var list = await sendco.GetPageAsync("/dashboards/provision-below-80");
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Document.QuerySelector("#provision-below")!.TextContent.ShouldContain(school.PupilLastName, customMessage: "the EHCP pupil has had none of their specified therapy yet");
        var head = await school.SignInAsync(Role.Headteacher);
        (await head.GetAsync("/dashboards/provision-below-80")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await sendco.GetAsync("/dashboards")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task JoinAsync(TestApp app, TestSchool school, AuthorityId authority)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE schools SET authority_id = {authority.Value} WHERE id = {school.Id.Value}");
    }

    private static async Task<AuthorityId> AuthorityAsync(TestApp app, string name, AuthorityKind kind)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var authority = Authority.Create(name, kind);
        db.Authorities.Add(authority);
        await db.SaveChangesAsync();
        return authority.Id;
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheLocalAuthorityOfficer_SeesTheirAuthoritysSchoolsAnonymised_TheirCareCohortByName_AndNothingOfAnotherAuthorityOrATrust(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var la = await AuthorityAsync(app, "Test Borough " + TestSchool.Letters(6), AuthorityKind.LocalAuthority);
        var other = await AuthorityAsync(app, "Other Borough " + TestSchool.Letters(6), AuthorityKind.LocalAuthority);
        var trust = await AuthorityAsync(app, "Test Trust " + TestSchool.Letters(6), AuthorityKind.Trust);
        var a = await TestSchool.CreateAsync(app);
        var b = await TestSchool.CreateAsync(app);
        var elsewhere = await TestSchool.CreateAsync(app);
        var academy = await TestSchool.CreateAsync(app);
        await JoinAsync(app, a, la);
        await JoinAsync(app, b, la);
        await JoinAsync(app, elsewhere, other);
        await JoinAsync(app, academy, trust);
        await AddReferralsAsync(app, b, Discipline.Counselling, 3, 6, 9, 12, 15);
        await using (var scope = app.Scope())
        {
            // School B's pupil is care-experienced: in the virtual school's cohort.
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE pupils SET care_experienced = {true} WHERE id = {b.PupilId.Value}");
        }

        var officer = await a.SignInAsync(Role.LocalAuthorityOfficer);
        var view = JsonDocument.Parse(await officer.Http.GetStringAsync("/api/v1/dashboards/authority")).RootElement;
        var schools = Figure(view, "schools").GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("label").GetString()).ToList();
        schools.ShouldBe(new[] { a.Name, b.Name }.Order(StringComparer.CurrentCulture).ToList(), ignoreOrder: false, "only the authority's own schools; not another authority's, not a trust's");
        var waits = Figure(view, "waiting-times");
        Cell(Row(waits, a.Name), 0).ShouldBe("fewer than 5", "school A's one referral");
        Cell(Row(waits, a.Name), 1).ShouldBe("withheld (small numbers)");
        Cell(Row(waits, b.Name), 0).ShouldBe("6", "school B's five counselling referrals and its own");
        Cell(Row(Figure(view, "therapy-in-schools"), "With at least one therapy practitioner"), 0).ShouldBe("2");
        Cell(Row(Figure(view, "therapy-in-schools"), "With a dedicated therapy space"), 0).ShouldBe("0", "the test schools have only a meeting room");
        var json = view.GetRawText();
        foreach (var marker in new[] { "Jamal", a.PupilLastName, b.PupilLastName, elsewhere.Name, academy.Name })
        {
            json.ShouldNotContain(marker);
        }

        var csv = await officer.Http.GetStringAsync("/dashboards/authority?handler=Csv&figure=waiting-times");
        csv.ShouldContain($"{a.Name},fewer than 5,withheld (small numbers),withheld (small numbers)");
        csv.ShouldNotContain(b.PupilLastName);

        var page = await officer.GetPageAsync("/dashboards/authority");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("#cohort")!.TextContent.ShouldContain(b.PupilLastName, customMessage: "the care-experienced pupil is in the virtual school officer's cohort, by name");
        page.Text.ShouldNotContain(a.PupilLastName, Case.Sensitive, "a pupil who is not in care is not named");
        page.Text.ShouldContain("fewer than 5");

        var outsider = await elsewhere.SignInAsync(Role.LocalAuthorityOfficer);
        var theirs = await outsider.GetPageAsync("/dashboards/authority");
        theirs.Text.ShouldNotContain(a.Name);
        theirs.Text.ShouldNotContain(b.Name);
        theirs.Text.ShouldNotContain(b.PupilLastName);

        var trustOfficer = await academy.SignInAsync(Role.LocalAuthorityOfficer);
        var trustView = JsonDocument.Parse(await trustOfficer.Http.GetStringAsync("/api/v1/dashboards/authority")).RootElement;
        trustView.GetProperty("authority").ValueKind.ShouldBe(JsonValueKind.Null);
        trustView.GetProperty("figures").GetArrayLength().ShouldBe(0, "a trust's school shows no authority's figures");
        trustView.GetProperty("note").GetString().ShouldNotBeNull().ShouldContain("not part of a local authority");
        (await trustOfficer.GetPageAsync("/dashboards/authority")).Document.QuerySelector("#no-authority").ShouldNotBeNull();

        var head = await a.SignInAsync(Role.Headteacher);
        (await head.GetAsync("/dashboards/authority")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.GetAsync("/dashboards")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
