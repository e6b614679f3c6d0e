using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Pupils;

public sealed class PupilsApiTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task APupil_CanBeAddedReadAndChanged_ThroughTheApi(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var upn = PupilFactory.NextUpn().Value;
        var created = await admin.Http.PostAsJsonAsync("/api/v1/pupils", new
        {
            upn, legalFirstName = "Mehmet", legalLastName = "Yılmaz", preferredFirstName = "Memo", dateOfBirth = "2013-11-30", yearGroup = 8, tutorGroup = "8R", senStatus = "SenSupport", careExperienced = true,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var dto = (await created.Content.ReadFromJsonAsync<PupilDto>(Json.Options))!;
        dto.Upn.ShouldBe(upn);
        dto.YearGroupName.ShouldBe("Year 8");

        var got = (await admin.Http.GetFromJsonAsync<PupilDto>($"/api/v1/pupils/{dto.Id}", Json.Options))!;
        got.PreferredFirstName.ShouldBe("Memo");
        got.CareExperienced.ShouldBe(true);

        var changed = await admin.Http.PutAsJsonAsync($"/api/v1/pupils/{dto.Id}", new { upn, legalFirstName = "Mehmet", legalLastName = "Yılmaz", dateOfBirth = "2013-11-30", yearGroup = 9, senStatus = "SenSupport", version = got.Version });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await changed.Content.ReadFromJsonAsync<PupilDto>(Json.Options))!.YearGroup.ShouldBe(9);

        var found = (await (await admin.Http.PostAsJsonAsync("/api/v1/pupils/search", new { search = "yilmaz" })).Content.ReadFromJsonAsync<PupilListDto>(Json.Options))!;
        found.Pupils.ShouldHaveSingleItem().Id.ShouldBe(dto.Id);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task FiftyPeopleSavingOnePupilAtOnce_OneChangeIsSaved_TheOthersAreToldAndNothingIsSilentlyOverwritten(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var read = (await admin.Http.GetFromJsonAsync<PupilDto>($"/api/v1/pupils/{school.PupilId}", Json.Options))!;

        // Fifty clients each read version N and send their own tutor group at the same moment.
        var start = new TaskCompletionSource();
        var attempts = Enumerable.Range(1, 50).Select(async i =>
        {
            await start.Task;
            var response = await admin.Http.PutAsJsonAsync($"/api/v1/pupils/{school.PupilId}", new
            {
                upn = read.Upn, legalFirstName = read.LegalFirstName, legalLastName = read.LegalLastName, dateOfBirth = "2014-03-02",
                yearGroup = read.YearGroup, senStatus = read.SenStatus.ToString(), tutorGroup = $"T{i}", version = read.Version,
            });
            return (Group: $"T{i}", response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        var saved = results.Where(r => r.StatusCode == HttpStatusCode.OK).ShouldHaveSingleItem("exactly one change is saved");
        results.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(49, string.Join("; ", results.Where(r => r.StatusCode != HttpStatusCode.OK && r.StatusCode != HttpStatusCode.Conflict).Select(r => $"{r.StatusCode} {r.Body}")));
        results.Where(r => r.StatusCode == HttpStatusCode.Conflict).ShouldAllBe(r => r.Body.Contains("changed", StringComparison.Ordinal));
        var after = (await admin.Http.GetFromJsonAsync<PupilDto>($"/api/v1/pupils/{school.PupilId}", Json.Options))!;
        after.TutorGroup.ShouldBe(saved.Group, "the record holds the one change that was acknowledged");
        after.Version.ShouldBe(read.Version + 1);

        // A change sent without saying which version it was made on is refused, and so is one made on the old version.
        var blind = await admin.Http.PutAsJsonAsync($"/api/v1/pupils/{school.PupilId}", new { upn = read.Upn, legalFirstName = "X", legalLastName = "Y", dateOfBirth = "2014-03-02", yearGroup = read.YearGroup, senStatus = read.SenStatus.ToString() });
        blind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await blind.Content.ReadAsStringAsync()).ShouldContain("version");
        (await admin.Http.GetFromJsonAsync<PupilDto>($"/api/v1/pupils/{school.PupilId}", Json.Options))!.TutorGroup.ShouldBe(saved.Group);
    }

    [Theory, OnSqlite]
    public async Task TheEditPage_RefusesAChangeMadeOnAnOlderVersion_AndKeepsTheOtherPersonsChange(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var form = await admin.GetPageAsync($"/pupils/{school.PupilId}/edit");
        form.Document.QuerySelector("input[name='Input.Version']").ShouldNotBeNull();

        // Someone else saves first, through the API.
        var read = (await admin.Http.GetFromJsonAsync<PupilDto>($"/api/v1/pupils/{school.PupilId}", Json.Options))!;
        (await admin.Http.PutAsJsonAsync($"/api/v1/pupils/{school.PupilId}", new
        {
            upn = read.Upn, legalFirstName = read.LegalFirstName, legalLastName = read.LegalLastName, dateOfBirth = "2014-03-02",
            yearGroup = read.YearGroup, senStatus = read.SenStatus.ToString(), tutorGroup = "7Q", version = read.Version,
        })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The page opened before that change is submitted with the version it showed.
        var shown = form.Document.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        shown.ShouldBe(read.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stale = await admin.SubmitAndReadAsync($"/pupils/{school.PupilId}/edit", [Form.Field("Input.TutorGroup", "7Z"), Form.Field("Input.Version", shown)]);
        stale.Errors.ShouldContain(e => e.Contains("changed by someone else after you opened it", StringComparison.Ordinal));
        (await admin.Http.GetFromJsonAsync<PupilDto>($"/api/v1/pupils/{school.PupilId}", Json.Options))!.TutorGroup.ShouldBe("7Q");
    }

    [Theory, OnSqlite]
    public async Task BadRequests_AreAnsweredWithProblemDetailsNamingTheField_AndChangeNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var before = await SchoolSnapshot.TakeAsync(app, school);

        var wrongLetter = await admin.Http.PostAsJsonAsync("/api/v1/pupils", new { upn = "A201100018042", legalFirstName = "A", legalLastName = "B", dateOfBirth = "2013-01-01", yearGroup = 8, senStatus = "None" });
        wrongLetter.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await wrongLetter.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("errors").GetProperty("upn")[0].GetString()!.ShouldContain("should be R, not A");

        var missing = await admin.Http.PostAsJsonAsync("/api/v1/pupils", new { legalFirstName = "\u202Eevil" });
        var errors = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.GetProperty("upn")[0].GetString().ShouldBe("Enter UPN");
        errors.GetProperty("legalFirstName")[0].GetString()!.ShouldContain("hidden text-direction character");

        var garbled = await admin.Http.PostAsync(new Uri("/api/v1/pupils", UriKind.Relative), new StringContent("{\"upn\": \"R201100018042\", \"yearGroup\": \"seven\"}", System.Text.Encoding.UTF8, "application/json"));
        garbled.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        garbled.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await garbled.Content.ReadAsStringAsync()).ShouldContain("yearGroup");

        var notJson = await admin.Http.PostAsync(new Uri("/api/v1/pupils", UriKind.Relative), new StringContent("{ this is not json", System.Text.Encoding.UTF8, "application/json"));
        notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var formPost = await admin.Http.PostAsync(new Uri("/api/v1/pupils", UriKind.Relative), new FormUrlEncodedContent([new("upn", "R201100018042")]));
        formPost.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, "the API takes JSON only, which a cross-site form cannot send");

        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Carers_AreListedWithTheirRestrictions_AndAParentSeesOnlyTheirOwnChild(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var added = await admin.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/carers", new
        {
            firstName = "Bogdan", lastName = "Nowak", relationship = "Father", contactPriority = 2, contactPreference = "Letter", restricted = true, restrictionReason = "Court order",
        });
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        var carers = (await admin.Http.GetFromJsonAsync<List<CarerDto>>($"/api/v1/pupils/{school.PupilId}/carers", Json.Options))!;
        carers.Count.ShouldBe(2);
        carers.Single(c => c.LastName == "Nowak").Restricted.ShouldBeTrue();

        var parent = await school.SignInAsync(Role.ParentCarer);
        var mine = (await parent.Http.GetFromJsonAsync<PupilDto>($"/api/v1/pupils/{school.PupilId}", Json.Options))!;
        mine.Upn.ShouldBeNull();
        mine.LegalLastName.ShouldBe(school.PupilLastName);
        (await parent.GetAsync($"/api/v1/pupils/{school.PupilId}/carers")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await parent.GetAsync("/api/v1/pupils")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
