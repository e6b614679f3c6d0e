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

        var changed = await admin.Http.PutAsJsonAsync($"/api/v1/pupils/{dto.Id}", new { upn, legalFirstName = "Mehmet", legalLastName = "Yılmaz", dateOfBirth = "2013-11-30", yearGroup = 9, senStatus = "SenSupport" });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await changed.Content.ReadFromJsonAsync<PupilDto>(Json.Options))!.YearGroup.ShouldBe(9);

        var found = (await (await admin.Http.PostAsJsonAsync("/api/v1/pupils/search", new { search = "yilmaz" })).Content.ReadFromJsonAsync<PupilListDto>(Json.Options))!;
        found.Pupils.ShouldHaveSingleItem().Id.ShouldBe(dto.Id);
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
