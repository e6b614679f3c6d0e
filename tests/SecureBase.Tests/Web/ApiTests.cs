using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Web;

public sealed class ApiTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Me_DescribesTheSignedInUser_TheirSchoolRolesAndWhatTheyMayDo(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var browser = await school.SignInAsync(Role.Therapist);
        var me = (await browser.Http.GetFromJsonAsync<MeDto>("/api/v1/me", Json.Options))!;
        me.UserName.ShouldBe(school[Role.Therapist].UserName);
        me.School.Name.ShouldBe(school.Name);
        me.Roles.Select(r => r.Role).ShouldBe([Role.Therapist]);
        me.Permitted.ShouldContain(SchoolAction.UseHome);
        me.Permitted.ShouldNotContain(SchoolAction.ManageUsers);
        me.SignedInWithSecondFactor.ShouldBeTrue();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task School_IsTheUsersOwn_WithItsSites(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var browser = await school.SignInAsync(Role.ParentCarer);
        var dto = (await browser.Http.GetFromJsonAsync<SchoolDto>("/api/v1/school", Json.Options))!;
        dto.Id.ShouldBe(school.Id);
        dto.Name.ShouldBe(school.Name);
        dto.TimeZone.ShouldBe("Europe/London");
        dto.Sites.Select(s => s.Name).ShouldBe(["Main site"]);
    }

    [Theory, OnSqlite]
    public async Task Roles_AreListedForAdministrators_AndRefusedToOthersWithProblemDetails(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var roles = (await admin.Http.GetFromJsonAsync<List<RoleDefinitionDto>>("/api/v1/roles", Json.Options))!;
        roles.Count.ShouldBe(Enum.GetValues<Role>().Length);
        roles.Single(r => r.Role == Role.Therapist).RequiresTwoFactor.ShouldBeTrue();
        roles.Single(r => r.Role == Role.Administrator).Grants.ShouldContain(g => g.Action == SchoolAction.ManageUsers);

        var teacher = await school.SignInAsync(Role.EducationStaff);
        var refused = await teacher.GetAsync("/api/v1/roles");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(403);
        problem.GetProperty("title").GetString().ShouldBe("You do not have access to this page");

        var stranger = await new TestClient(app.NewBrowser()).GetAsync("/api/v1/me");
        stranger.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        stranger.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory, OnSqlite]
    public async Task TheOpenApiDocument_DescribesEveryApiEndpoint(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var response = await new TestClient(app.NewBrowser()).GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        doc.GetProperty("info").GetProperty("title").GetString().ShouldBe("SecureBase API");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        // OpenAPI paths name route parameters without their constraints ({yearId:guid} is {yearId}) and drop a trailing slash.
        var api = EndpointCatalog.From(app).Where(e => e.IsApi)
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.Pattern.Trim('/'), @"\{(\w+):[^}]+\}", "{$1}")).Distinct().ToList();
        api.ShouldNotBeEmpty();
        foreach (var path in api)
        {
            paths.ShouldContain(path);
        }
    }
}
