using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Identity.Clients;
using SecureBase.Imports;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Identity;

/// <summary>API clients (issue 15): systems that use the API with a client secret and no browser.</summary>
public sealed class ApiClientTests
{
    private static readonly SchoolAction[] ImportAndWaitingList = [SchoolAction.ImportData, SchoolAction.ViewWaitingList];

    [Theory, OnSqlite]
    public async Task RegisteringAClient_ShowsItsSecretOnce_KeepsOnlyAHash_AndIsAudited(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);

        var client = await ApiClients.RegisterAsync(admin, "Arbor nightly import", ImportAndWaitingList);

        client.Secret.Length.ShouldBeGreaterThan(40);
        var list = await admin.GetPageAsync("/admin/api-clients");
        list.Text.ShouldContain("Arbor nightly import");
        list.Text.ShouldContain("Read the waiting list");
        list.Html.ShouldNotContain(client.Secret);
        var stored = await QueryAsync(app, school, db => db.ApiClients.AsNoTracking().SingleAsync());
        stored.SecretHash.ShouldNotBe(System.Text.Encoding.UTF8.GetBytes(client.Secret));
        stored.SecretHash.Length.ShouldBe(32);
        (await AuditAsync(app, school, ClientAudit.Registered)).Single().UserName.ShouldBe(school[Role.Administrator].UserName);
        (await admin.GetPageAsync("/")).Html.ShouldContain("/admin/api-clients");
        (await (await school.SignInAsync(Role.HeadOfTherapy)).GetAsync("/admin/api-clients")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite]
    public async Task AnAdministrator_CannotGrantNotesSafeguardingOrAccounts_EvenByPostingThemDirectly(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);

        foreach (var action in new[] { SchoolAction.ViewSessionNotes, SchoolAction.ViewConcerns, SchoolAction.ViewSafeguardingDetails, SchoolAction.ManageUsers })
        {
            var page = await admin.SubmitAndReadAsync("/admin/api-clients",
                [Form.Field("Input.Name", "Greedy"), Form.Clear("Input.Actions"), Form.Field("Input.Actions", action.ToString())], "#register-client");
            page.Status.ShouldBe(HttpStatusCode.OK);
            page.Errors.ShouldContain(e => e.Contains("may not be given", StringComparison.Ordinal));
            var target = page.Document.QuerySelector(".error-summary a")!.GetAttribute("href")!;
            page.Document.QuerySelector(target).ShouldNotBeNull($"the error summary's link {target} leads to the list of actions");
            page.Document.QuerySelector("#client-secret").ShouldBeNull();
        }

        (await QueryAsync(app, school, db => db.ApiClients.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public void SystemCallers_AreNeverAllowedConfidentialNotesSafeguardingOrAccounts()
    {
        PolicyTable.SystemCallerActions.ShouldNotBeEmpty();
        PolicyTable.SystemCallerActions.Intersect(PolicyTable.NeverForSystems).ShouldBeEmpty();
        foreach (var action in Enum.GetValues<SchoolAction>().Where(a => a.ToString().Contains("Safeguarding", StringComparison.Ordinal)
                     || a.ToString().Contains("Concern", StringComparison.Ordinal) || a.ToString().Contains("Note", StringComparison.Ordinal)
                     || a is SchoolAction.ViewChronology or SchoolAction.ManageUsers or SchoolAction.ManageApiClients))
        {
            PolicyTable.ScopeForApiClient(new HashSet<SchoolAction> { action }, action).ShouldBe(Scope.None, action.ToString());
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AClient_ImportsPupilsAndReadsTheWaitingList_WithoutCookiesOrAntiforgery_EachCallAuditedUnderItsName(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var client = await ApiClients.RegisterAsync(await school.SignInAsync(Role.Administrator), "Arbor", ImportAndWaitingList);

        var tokenResponse = await ApiClients.AskForTokenAsync(app, client.Id, client.Secret);
        tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        tokenResponse.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var body = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("expires_in").GetInt32().ShouldBe(600);
        body.GetProperty("scope").GetString().ShouldBe("ImportData ViewWaitingList");
        var system = ApiClients.WithToken(app, body.GetProperty("access_token").GetString()!);

        var imported = await UploadToApiAsync(system, SmallSchool()[0]);
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await PupilsAsync(app, school)).Select(p => p.Upn).ShouldContain(Upn(1));
        var waiting = await system.GetAsync("/api/v1/waiting-list");
        waiting.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await waiting.Content.ReadAsStringAsync()).RootElement.ValueKind.ShouldBe(JsonValueKind.Array);

        var calls = await AuditAsync(app, school, ClientAudit.Call);
        calls.Select(c => c.Detail).ShouldBe(["POST /api/v1/imports/pupils answered 200", "GET /api/v1/waiting-list answered 200"]);
        calls.ShouldAllBe(c => c.UserName == "api-client:Arbor" && c.Role == "api-client");
        (await AuditAsync(app, school, ImportAuditActions.Imported)).Single().UserName.ShouldBe("api-client:Arbor");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ManyCallsAtOnce_AreEachAuditedBeforeTheyAreAnswered_InOneUnbrokenChain(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var client = await ApiClients.RegisterAsync(await school.SignInAsync(Role.Administrator), "Arbor", ImportAndWaitingList);
        var system = ApiClients.WithToken(app, await ApiClients.TokenAsync(app, client));
        const int Calls = 40;

        // Calls at once have their entries written together; still, by the time any call is answered, its entry is
        // committed: after n answers, at least n entries are there to read.
        var answered = 0;
        await Task.WhenAll(Enumerable.Range(0, Calls).Select(async _ =>
        {
            var response = await system.GetAsync("/api/v1/waiting-list");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var soFar = Interlocked.Increment(ref answered);
            (await AuditAsync(app, school, ClientAudit.Call)).Count.ShouldBeGreaterThanOrEqualTo(soFar);
        }));

        var calls = await AuditAsync(app, school, ClientAudit.Call);
        calls.Count.ShouldBe(Calls);
        calls.ShouldAllBe(c => c.UserName == "api-client:Arbor" && c.Detail == "GET /api/v1/waiting-list answered 200");
        calls.Select(c => c.Sequence).Distinct().Count().ShouldBe(Calls, "every entry has a place of its own in the chain");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        (await AuditVerifier.VerifyAsync(db, scope.ServiceProvider.GetRequiredService<AuditKey>())).Intact.ShouldBeTrue("the audit chain verifies");
    }

    [Theory, OnSqlite]
    public async Task AClient_IsRefusedWhatItWasNotGranted_PagesAndOtherSchools_AndTheRefusalIsAudited(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var other = await TestSchool.CreateAsync(app);
        var client = await ApiClients.RegisterAsync(await school.SignInAsync(Role.Administrator), "Waiting list reader", [SchoolAction.ViewWaitingList]);
        var system = ApiClients.WithToken(app, await ApiClients.TokenAsync(app, client));
        var before = await SchoolSnapshot.TakeAsync(app, school);

        var import = await UploadToApiAsync(system, SmallSchool()[0]);
        import.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        import.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await system.GetAsync($"/api/v1/pupils/{other.PupilId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.GetAsync($"/api/v1/referrals/{school.ReferralId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = await system.GetAsync("/waiting-list");
        page.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a bearer token never opens a page");
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);

        var calls = await AuditAsync(app, school, ClientAudit.Call);
        calls.ShouldContain(c => c.Detail == "POST /api/v1/imports/pupils answered 403");
    }

    [Theory, OnSqlite]
    public async Task RotatingASecret_StopsTheOldSecretAndItsTokens_RevokingStopsEverything(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var client = await ApiClients.RegisterAsync(admin, "Rotated", ImportAndWaitingList);
        var oldToken = await ApiClients.TokenAsync(app, client);
        app.Clock.Advance(TimeSpan.FromSeconds(2));

        var rotated = await admin.SubmitAndReadAsync("/admin/api-clients", [], "form[action*='handler=Rotate']");
        var newSecret = rotated.Document.QuerySelector("#client-secret")!.TextContent.Trim();
        newSecret.ShouldNotBe(client.Secret);

        var refused = await ApiClients.AskForTokenAsync(app, client.Id, client.Secret);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().ShouldBe("invalid_client");
        (await ApiClients.WithToken(app, oldToken).GetAsync("/api/v1/waiting-list")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var fresh = client with { Secret = newSecret };
        var token = await ApiClients.TokenAsync(app, fresh);
        (await ApiClients.WithToken(app, token).GetAsync("/api/v1/waiting-list")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.SubmitAsync("/admin/api-clients", [], "form[action*='handler=Revoke']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var afterRevoke = await ApiClients.WithToken(app, token).GetAsync("/api/v1/waiting-list");
        afterRevoke.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        afterRevoke.Headers.WwwAuthenticate.ToString().ShouldContain("Bearer");
        (await ApiClients.AskForTokenAsync(app, fresh.Id, fresh.Secret)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.GetPageAsync("/admin/api-clients")).Text.ShouldContain("Revoked");

        (await AuditAsync(app, school, ClientAudit.Rotated)).Count.ShouldBe(1);
        (await AuditAsync(app, school, ClientAudit.Revoked)).Count.ShouldBe(1);
        (await AuditAsync(app, school, ClientAudit.TokenRefused)).Select(e => e.Detail).ShouldContain(d => d!.Contains("revoked", StringComparison.Ordinal));
    }

    [Theory, OnSqlite]
    public async Task TokensExpireAfterTenMinutes_AndAnExpiredClientGetsNoToken(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var client = await ApiClients.RegisterAsync(admin, "Short-lived", ImportAndWaitingList, SecureBase.Schools.SchoolTime.London.Today(app.Clock));
        var system = ApiClients.WithToken(app, await ApiClients.TokenAsync(app, client));
        (await system.GetAsync("/api/v1/waiting-list")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await system.GetAsync("/api/v1/waiting-list");
        expired.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        JsonDocument.Parse(await expired.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!.ShouldContain("expired");

        app.Clock.Advance(TimeSpan.FromDays(2));
        var refused = await ApiClients.AskForTokenAsync(app, client.Id, client.Secret);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AuditAsync(app, school, ClientAudit.TokenRefused)).Select(e => e.Detail).ShouldContain(d => d!.Contains("expired", StringComparison.Ordinal));
    }

    [Theory, OnSqlite]
    public async Task ATokenNamingAnotherSchool_OrFromAnotherInstallation_IsRefusedAndAudited(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var other = await TestSchool.CreateAsync(app);
        var client = await ApiClients.RegisterAsync(await school.SignInAsync(Role.Administrator), "Bound", ImportAndWaitingList);

        // A token for this client that names another school: only someone holding the installation's keys could make one.
        var tokens = app.Services.GetRequiredService<ClientTokens>();
        var now = app.Clock.GetUtcNow();
        var forged = tokens.Issue(new ClientToken(ApiClientId.Parse(client.Id, null), other.Id, now, now.AddMinutes(10)));
        var crossSchool = await ApiClients.WithToken(app, forged).GetAsync("/api/v1/waiting-list");
        crossSchool.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AuditAsync(app, school, ClientAudit.TokenRefused)).Select(e => e.Detail).ShouldContain(d => d!.Contains("another school", StringComparison.Ordinal));

        await using var elsewhere = await TestApp.StartAsync(provider);
        var theirSchool = await TestSchool.CreateAsync(elsewhere);
        var theirClient = await ApiClients.RegisterAsync(await theirSchool.SignInAsync(Role.Administrator), "Elsewhere", ImportAndWaitingList);
        var theirToken = await ApiClients.TokenAsync(elsewhere, theirClient);
        var foreign = await ApiClients.WithToken(app, theirToken).GetAsync("/api/v1/waiting-list");
        foreign.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        JsonDocument.Parse(await foreign.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!.ShouldContain("not issued by this SecureBase installation");
        (await ApiClients.WithToken(app, "sbt_garbage").GetAsync("/api/v1/waiting-list")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory, OnSqlite]
    public async Task EachClientHasItsOwnRateLimit_AnsweredWith429RetryAfterAndAProblem(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["SecureBase:ApiClientRequestsPerMinute"] = "3" });
        // The limit is per clock minute: start at the beginning of one, so the test's requests fall in the same minute.
        app.Clock.Advance(TimeSpan.FromSeconds(61 - app.Clock.GetUtcNow().Second));
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var busy = ApiClients.WithToken(app, await ApiClients.TokenAsync(app, await ApiClients.RegisterAsync(admin, "Busy", ImportAndWaitingList)));
        var calm = ApiClients.WithToken(app, await ApiClients.TokenAsync(app, await ApiClients.RegisterAsync(admin, "Calm", ImportAndWaitingList)));

        for (var i = 0; i < 3; i++)
        {
            (await busy.GetAsync("/api/v1/waiting-list")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var limited = await busy.GetAsync("/api/v1/waiting-list");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32().ShouldBe(429);
        (await calm.GetAsync("/api/v1/waiting-list")).StatusCode.ShouldBe(HttpStatusCode.OK, "the limit is per client");
        (await admin.GetAsync("/api/v1/waiting-list")).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);

        app.Clock.Advance(limited.Headers.RetryAfter!.Delta!.Value);
        (await busy.GetAsync("/api/v1/waiting-list")).StatusCode.ShouldBe(HttpStatusCode.OK, "after the time it was told to wait, the client may call again");
    }

    [Theory, OnSqlite]
    public async Task BadTokenRequests_AreRefusedPlainly(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var http = app.CreateClient();
        var json = await http.PostAsync(new Uri("/oauth/token", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        json.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var password = await http.PostAsync(new Uri("/oauth/token", UriKind.Relative), new FormUrlEncodedContent([new("grant_type", "password")]));
        JsonDocument.Parse(await password.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().ShouldBe("unsupported_grant_type");
        var unknown = await ApiClients.AskForTokenAsync(app, Guid.NewGuid().ToString(), "sbs_nothing");
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static Task<List<AuditEntry>> AuditAsync(TestApp app, TestSchool school, string action) =>
        QueryAsync(app, school, db => db.AuditEntries.AsNoTracking().Where(e => e.SchoolId == school.Id && e.Action == action).OrderBy(e => e.Sequence).ToListAsync());
}
