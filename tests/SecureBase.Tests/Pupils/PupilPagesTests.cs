using System.Net;
using System.Net.Http.Json;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Pupils;

public sealed class PupilPagesTests
{
    private static PupilDetails Named(string first, string last, int year = 7, SenStatus sen = SenStatus.None, string? preferred = null) =>
        new(first, last, preferred, null, new DateOnly(2014, 5, 1), year, $"{year}B", false, sen, false, null);

    [Theory, OnSqlite, OnPostgres]
    public async Task Search_FindsNamesInAnyScriptAndWithoutAccents_AndNeverPutsTheNameInTheAddress(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await PupilFactory.AddAsync(app, school, 4, i => i switch
        {
            0 => Named("Zoë", "Brontë-Ng"),
            1 => Named("Дмитрий", "Иванов", preferred: "Dima"),
            2 => Named("Siobhán", "O'Connor"),
            _ => Named("王", "芳"),
        });
        var hot = await school.SignInAsync(Role.HeadOfTherapy);

        foreach (var (term, expected) in new[] { ("zoe bronte", "Zoë Brontë-Ng"), ("дмитрий", "Dima Иванов"), ("o'connor", "Siobhán O'Connor"), ("O’CONNOR", "Siobhán O'Connor"), ("芳", "王 芳") })
        {
            var response = await hot.SubmitAsync("/pupils", [Form.Field("Search", term)], "form[aria-label='Find a pupil']");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, "search answers in place: no redirect to an address holding the name");
            var page = await TestClient.ReadAsync(response);
            page.Document.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ShouldContain(n => n.StartsWith(expected, StringComparison.Ordinal), term);
            page.Document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ShouldNotContain(h => h.Contains(Uri.EscapeDataString(term), StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory, OnSqlite]
    public async Task TheList_IsPaged_FiltersByYearAndSen_AndLeavesOutPupilsWhoHaveLeft(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var added = await PupilFactory.AddAsync(app, school, 60, i => Named("Many", $"Pupil {(char)('a' + (i / 26))}{(char)('a' + (i % 26))}", year: 3, sen: i % 10 == 0 ? SenStatus.SenSupport : SenStatus.None));
        var admin = await school.SignInAsync(Role.Administrator);
        var leaving = await admin.SubmitAsync($"/pupils/{added[0].Id}/left", [Form.Field("Input.LeftOn", "2026-11-01")]);
        leaving.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var year3 = await admin.GetPageAsync("/pupils?year=3");
        year3.Document.QuerySelector("#pupil-count")!.TextContent.ShouldStartWith("59 pupils, page 1 of 2");
        year3.Document.QuerySelectorAll("tbody tr").Length.ShouldBe(50);
        var second = await admin.GetPageAsync("/pupils?year=3&page=2");
        second.Document.QuerySelectorAll("tbody tr").Length.ShouldBe(9);
        (await admin.GetPageAsync("/pupils?year=3&sen=SenSupport")).Document.QuerySelector("#pupil-count")!.TextContent.ShouldStartWith("5 pupils");
        (await admin.GetPageAsync("/pupils?year=3&left=true")).Document.QuerySelector("#pupil-count")!.TextContent.ShouldStartWith("60 pupils");
        (await admin.GetPageAsync("/pupils?year=99&sen=Nonsense&page=-4")).Status.ShouldBe(HttpStatusCode.OK, "unknown filters are ignored, not a failure");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ATeacher_FindsPupilsByName_ButSeesNoSenStatusAndCannotOpenRecords(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var list = await teacher.GetPageAsync("/pupils");
        var row = list.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(school.PupilLastName, StringComparison.Ordinal));
        row.QuerySelector("a").ShouldBeNull("the teacher may not open the record");
        row.QuerySelectorAll("td")[3].TextContent.Trim().ShouldBeEmpty("SEN status is part of the record");
        list.Document.QuerySelector("#sen").ShouldBeNull();
        (await teacher.GetAsync($"/pupils/{school.PupilId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var sneaky = await teacher.GetPageAsync("/pupils?sen=Ehcp");
        sneaky.Document.QuerySelector("#pupil-count")!.TextContent.ShouldStartWith("1 pupil", Case.Sensitive, "an SEN filter the teacher may not use is ignored, not applied");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EachRole_SeesThePupilRecordItsRelationshipAllows(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var other = (await PupilFactory.AddAsync(app, school, 1))[0];
        var own = $"/pupils/{school.PupilId}";
        var notOwn = $"/pupils/{other.Id}";

        var hot = await (await school.SignInAsync(Role.HeadOfTherapy)).GetPageAsync(own);
        hot.Text.ShouldContain("R201100018042");
        hot.Document.QuerySelector("#carers")!.TextContent.ShouldContain("Parent");

        var therapist = await school.SignInAsync(Role.Therapist);
        var caseload = await therapist.GetPageAsync(own);
        caseload.Status.ShouldBe(HttpStatusCode.OK, "the pupil is on the therapist's caseload");
        caseload.Document.QuerySelector("#episodes")!.TextContent.ShouldContain("Counselling");
        (await therapist.GetAsync(notOwn)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "not on the caseload: not found");

        var parent = await school.SignInAsync(Role.ParentCarer);
        var child = await parent.GetPageAsync(own);
        child.Status.ShouldBe(HttpStatusCode.OK);
        child.Text.ShouldNotContain("R201100018042", customMessage: "the family view leaves out the UPN");
        child.Document.QuerySelector("#carers").ShouldBeNull("a parent does not see the other carers' contact details");
        (await parent.GetAsync(notOwn)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var pupil = await school.SignInAsync(Role.Pupil);
        (await pupil.GetAsync(own)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await pupil.GetAsync(notOwn)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await (await school.SignInAsync(Role.EducationStaff)).GetAsync(own)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await school.SignInAsync(Role.LocalAuthorityOfficer)).GetAsync(own)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ARestrictedLink_ShowsTheParentNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var parent = await school.SignInAsync(Role.ParentCarer);
        (await parent.GetAsync($"/pupils/{school.PupilId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await school.SignInAsync(Role.Administrator);
        var url = $"/pupils/{school.PupilId}/carers/{school.CarerLinkId}";
        var missingReason = await admin.SubmitAndReadAsync(url, [Form.Field("Input.Restricted", "true"), Form.Field("Input.RestrictionReason", "")], "#carer-form");
        missingReason.Errors.ShouldContain(e => e.Contains("Say why the link is restricted", StringComparison.Ordinal));
        var saved = await admin.SubmitAsync(url, [Form.Field("Input.Restricted", "true"), Form.Field("Input.RestrictionReason", "Court order: no information to be shared")], "#carer-form");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await parent.GetAsync($"/pupils/{school.PupilId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await parent.GetAsync($"/api/v1/pupils/{school.PupilId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var record = await admin.GetPageAsync($"/pupils/{school.PupilId}");
        record.Document.QuerySelector("#carers")!.TextContent.ShouldContain("Restricted");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AddingAPupil_ChecksTheUpnAndTheDetails_AndSavesOnlyWhenAllIsRight(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var upn = PupilFactory.NextUpn().Value;
        var wrongLetter = (upn[0] == 'A' ? "B" : "A") + upn[1..];
        KeyValuePair<string, string>[] Fields(string u, string dob = "2015-09-12", string year = "5", string first = "Ayọ̀bámi") =>
        [
            Form.Field("Input.Upn", u), Form.Field("Input.LegalFirstName", first), Form.Field("Input.LegalLastName", "Adébáyọ̀"),
            Form.Field("Input.DateOfBirth", dob), Form.Field("Input.YearGroup", year), Form.Field("Input.SenStatus", "SenSupport"), Form.Field("Input.SiteId", school.SiteId.ToString()),
            Form.Field("Input.YearGroupConfirmed", "true"), // the year group is checked against the date of birth in PupilFormTests
        ];

        (await admin.SubmitAndReadAsync("/pupils/new", Fields(wrongLetter))).Errors.ShouldContain(e => e.Contains($"should be {upn[0]}, not {wrongLetter[0]}", StringComparison.Ordinal));
        (await admin.SubmitAndReadAsync("/pupils/new", Fields("R201100018042"))).Errors.ShouldContain(e => e.Contains("already belongs to Jamal", StringComparison.Ordinal));
        (await admin.SubmitAndReadAsync("/pupils/new", Fields(upn, dob: "2031-01-01"))).Errors.ShouldContain("Error: The date of birth cannot be in the future");
        (await admin.SubmitAndReadAsync("/pupils/new", Fields(upn, dob: "1990-01-01"))).Errors.ShouldContain(e => e.Contains("outside the ages a school teaches", StringComparison.Ordinal));
        (await admin.SubmitAndReadAsync("/pupils/new", Fields(upn, year: "31"))).Errors.ShouldContain("Error: Choose a year group from Nursery to Year 14");
        (await admin.SubmitAndReadAsync("/pupils/new", Fields(upn, year: "seven"))).Errors.ShouldContain(e => e.Contains("Year group", StringComparison.Ordinal));
        (await admin.SubmitAndReadAsync("/pupils/new", Fields(upn, first: "<b>x</b>"))).Errors.ShouldContain(e => e.Contains("Legal first name can only contain letters", StringComparison.Ordinal));

        var created = await admin.SubmitAsync("/pupils/new", Fields(upn.ToLowerInvariant()));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var record = await admin.GetPageAsync(created.Headers.Location!.OriginalString);
        record.Title.ShouldBe("Ayọ̀bámi Adébáyọ̀");
        record.Text.ShouldContain(upn);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task APupilWhoHasLeft_IsKeptReadOnly(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        (await admin.SubmitAsync($"/pupils/{school.PupilId}/left", [Form.Field("Input.LeftOn", "2026-10-23")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var record = await admin.GetPageAsync($"/pupils/{school.PupilId}");
        record.Text.ShouldContain("left the school on 23 October 2026");
        record.Document.QuerySelector("a[href$='/edit']").ShouldBeNull();
        (await admin.GetAsync($"/pupils/{school.PupilId}/edit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var put = await admin.Http.PutAsJsonAsync($"/api/v1/pupils/{school.PupilId}", new { upn = "R201100018042", legalFirstName = "Jamal", legalLastName = "Changed", dateOfBirth = "2014-03-02", yearGroup = 7, senStatus = "Ehcp" });
        put.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await put.Content.ReadAsStringAsync()).ShouldContain("read-only");
        var list = await admin.GetPageAsync("/pupils");
        list.Document.QuerySelector("table")?.TextContent.ShouldNotContain(school.PupilLastName);
        (await admin.GetPageAsync("/pupils?left=true")).Document.QuerySelector("table")!.TextContent.ShouldContain(school.PupilLastName);
    }
}
