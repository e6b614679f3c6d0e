using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Identity.Clients;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

/// <summary>
/// API clients as a kind of caller, generated over the endpoint catalogue (issue 15): a client may use an API endpoint
/// exactly when its action is granted and the policy table allows it to systems; never a page; and a revoked client, an
/// expired token or a token naming another school opens nothing.
/// </summary>
public sealed class ApiClientPolicyTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Clients_WithAndWithoutEachAction_AgainstEveryEndpoint_GetWhatTheTableSays(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var samples = RouteSamples.For(school);
        var endpoints = EndpointCatalog.From(app).Where(e => !e.Anonymous).ToList();
        var grants = new List<(string Name, HashSet<SchoolAction> Grant)> { ("every system action", PolicyTable.SystemCallerActions.ToHashSet()) };
        grants.AddRange(PolicyTable.SystemCallerActions.Select(a => ($"all but {a}", PolicyTable.SystemCallerActions.Where(x => x != a).ToHashSet())));
        var failures = new List<string>();
        var checkedCount = 0;

        foreach (var (name, grant) in grants)
        {
            var client = await ApiClients.RegisterAsync(admin, name, grant);
            var system = ApiClients.WithToken(app, await ApiClients.TokenAsync(app, client));
            // Pages once (for the full grant): a bearer token never opens one.
            foreach (var e in endpoints.Where(e => e.IsApi || grant.Count == PolicyTable.SystemCallerActions.Count))
            {
                var url = e.Url(samples);
                var status = (await SendRawAsync(system, e.Method, url)).StatusCode;
                checkedCount++;
                var permitted = e.IsApi && grant.Contains(e.Action!.Value) && PolicyTable.SystemCallerActions.Contains(e.Action!.Value);
                if (!e.IsApi && status != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{name}: page {e.Method} {url} answered {(int)status}; a bearer token must be refused 401 on pages");
                }
                else if (e.IsApi && permitted && (status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized || (int)status >= 500))
                {
                    failures.Add($"{name}: {e.Method} {url} answered {(int)status}; the grant and the table permit {e.Action}");
                }
                else if (e.IsApi && !permitted && status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{name}: {e.Method} {url} answered {(int)status}; {e.Action} is not granted or not for systems, so it must be 403");
                }
            }
        }

        failures.ShouldBeEmpty();
        checkedCount.ShouldBeGreaterThan(PolicyTable.SystemCallerActions.Count * 10);
    }

    [Theory, OnSqlite]
    public async Task ARevokedClient_AnExpiredToken_AndATokenOfAnotherSchool_OpenNoEndpoint(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var other = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var samples = RouteSamples.For(school);
        var endpoints = EndpointCatalog.From(app).Where(e => !e.Anonymous && e.IsApi).ToList();
        var tokens = app.Services.GetRequiredService<ClientTokens>();
        var now = app.Clock.GetUtcNow();

        var revoked = await ApiClients.RegisterAsync(admin, "Revoked", PolicyTable.SystemCallerActions);
        var revokedToken = await ApiClients.TokenAsync(app, revoked);
        (await admin.SubmitAsync("/admin/api-clients", [], "form[action*='handler=Revoke']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var live = await ApiClients.RegisterAsync(admin, "Live", PolicyTable.SystemCallerActions);
        var liveId = ApiClientId.Parse(live.Id, null);
        var callers = new Dictionary<string, TestClient>
        {
            ["revoked client"] = ApiClients.WithToken(app, revokedToken),
            ["expired token"] = ApiClients.WithToken(app, tokens.Issue(new ClientToken(liveId, school.Id, now.AddMinutes(-20), now.AddMinutes(-10)))),
            ["token of another school"] = ApiClients.WithToken(app, tokens.Issue(new ClientToken(liveId, other.Id, now, now.AddMinutes(10)))),
        };

        var failures = new List<string>();
        foreach (var (name, caller) in callers)
        {
            foreach (var e in endpoints)
            {
                var url = e.Url(samples);
                var status = (await SendRawAsync(caller, e.Method, url)).StatusCode;
                if (status != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{name}: {e.Method} {url} answered {(int)status}; expected 401");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    private static Task<HttpResponseMessage> SendRawAsync(TestClient client, string method, string url) =>
        client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative))
        {
            Content = method is "GET" or "HEAD" ? null
                : url.StartsWith("/api/", StringComparison.Ordinal) ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent([]),
        });
}
