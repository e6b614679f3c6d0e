using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Identity.Clients;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Identity;

/// <summary>
/// A token request's <c>scope</c> (issue 15): a script asks for a token for part of its client's grant (least privilege);
/// the token can do only that part, a scope beyond the grant is refused <c>invalid_scope</c> and audited, none gives it all.
/// </summary>
public sealed class ApiClientScopeTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ATokenNarrowedByScope_IsRefusedWhatItsClientWasGrantedButItDidNotAskFor(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var client = await ApiClients.RegisterAsync(await school.SignInAsync(Role.Administrator), "Waiting list script", [SchoolAction.ImportData, SchoolAction.ViewWaitingList]);
        var before = await SchoolSnapshot.TakeAsync(app, school);

        var asked = await ApiClients.AskForTokenAsync(app, client.Id, client.Secret, "ViewWaitingList");
        asked.StatusCode.ShouldBe(HttpStatusCode.OK, await asked.Content.ReadAsStringAsync());
        var body = JsonDocument.Parse(await asked.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("scope").GetString().ShouldBe("ViewWaitingList");
        var narrow = ApiClients.WithToken(app, body.GetProperty("access_token").GetString()!);

        (await narrow.GetAsync("/api/v1/waiting-list")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var import = await UploadToApiAsync(narrow, SmallSchool()[0]);
        import.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the client was granted ImportData, but this token was not");
        import.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
        (await AuditAsync(app, school, ClientAudit.TokenIssued)).ShouldContain(e => e.Detail == "scope narrowed to ViewWaitingList");

        // No scope, or an empty one: the whole grant.
        foreach (var whole in new string?[] { null, "", "  " })
        {
            var all = await ApiClients.AskForTokenAsync(app, client.Id, client.Secret, whole);
            JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement.GetProperty("scope").GetString().ShouldBe("ImportData ViewWaitingList");
        }

        var full = ApiClients.WithToken(app, await ApiClients.TokenAsync(app, client));
        (await UploadToApiAsync(full, SmallSchool()[0])).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Both of its actions, named in either order.
        var both = await ApiClients.AskForTokenAsync(app, client.Id, client.Secret, "ViewWaitingList ImportData");
        JsonDocument.Parse(await both.Content.ReadAsStringAsync()).RootElement.GetProperty("scope").GetString().ShouldBe("ImportData ViewWaitingList");
    }

    [Theory, OnSqlite]
    public async Task AScopeBeyondTheGrant_IsRefusedInvalidScope_Audited_AndGivesNoToken(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var client = await ApiClients.RegisterAsync(await school.SignInAsync(Role.Administrator), "Narrow", [SchoolAction.ViewWaitingList]);

        foreach (var (scope, named) in new[]
                 {
                     ("ViewWaitingList ImportData", "ImportData"),
                     ("ViewSessionNotes", "ViewSessionNotes"),
                     ("viewwaitinglist", "viewwaitinglist"),
                     ("Everything", "Everything"),
                     ("3", "3"),
                 })
        {
            var refused = await ApiClients.AskForTokenAsync(app, client.Id, client.Secret, scope);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, scope);
            var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            body.GetProperty("error").GetString().ShouldBe("invalid_scope", scope);
            body.TryGetProperty("access_token", out _).ShouldBeFalse();
            body.GetProperty("error_description").GetString()!.ShouldContain(named);
            (await AuditAsync(app, school, ClientAudit.TokenRefused)).ShouldContain(e => e.Detail == "token asked for with a scope outside the grant: " + named, scope);
        }

        (await AuditAsync(app, school, ClientAudit.TokenIssued)).ShouldBeEmpty();

        // A wrong secret is refused as a wrong secret, whatever the scope: the scope is looked at only for a known client.
        var stranger = await ApiClients.AskForTokenAsync(app, client.Id, "sbs_wrong", "ViewWaitingList");
        stranger.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory, OnSqlite]
    public async Task TheOpenApiDocument_ListsEveryActionASystemMayBeGranted_AsAClientCredentialsScope(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;
        var flow = document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject()
            .Select(s => s.Value).Single(s => s.GetProperty("type").GetString() == "oauth2")
            .GetProperty("flows").GetProperty("clientCredentials");
        flow.GetProperty("tokenUrl").GetString().ShouldBe("/oauth/token");
        var scopes = flow.GetProperty("scopes").EnumerateObject().Select(p => p.Name).ToList();
        scopes.ShouldBe(PolicyTable.SystemCallerActions.Order().Select(a => a.ToString()).ToList());
        scopes.ShouldContain(nameof(SchoolAction.MakeReferral));
        flow.GetProperty("scopes").GetProperty(nameof(SchoolAction.MakeReferral)).GetString()!.ShouldContain("local authority referrals");
    }

    private static Task<List<AuditEntry>> AuditAsync(TestApp app, TestSchool school, string action) =>
        QueryAsync(app, school, db => db.AuditEntries.AsNoTracking().Where(e => e.SchoolId == school.Id && e.Action == action).OrderBy(e => e.Sequence).ToListAsync());
}
