using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Web;

/// <summary>
/// Nothing a browser or an API client can send makes SecureBase fail on its side: a method a page
/// or endpoint does not handle, an empty or malformed form, a malformed JSON body: each answers in
/// the school's words with a 4xx, never a 5xx.
/// </summary>
public sealed class RobustnessTests
{
    // The pages the fuzzing found answering 500 to a POST, each with a role that may open it.
    public static TheoryData<string, Role> ViewOnlyPages => new()
    {
        { "/calendar", Role.Administrator },
        { "/ehcp", Role.Sendco },
        { "/pupils/{pupilId}", Role.HeadOfTherapy },
        { "/pupils/{pupilId}/ehcp", Role.Sendco },
        { "/staff/{staffId}", Role.Administrator },
        { "/admin/users/{userId}", Role.Administrator },
        { "/admin/calendar/years/{yearId}", Role.Administrator },
    };

    [Theory, MemberData(nameof(ViewOnlyPages))]
    public async Task PostingAnEmptyForm_ToAPageThatOnlyShowsThings_AnswersNotAllowedOrUnusable_InPlainWords_NeverAFailure(string pattern, Role role)
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var samples = RouteSamples.For(school);
        var url = Regex.Replace(pattern, "{([a-zA-Z]+)}", m => samples[m.Groups[1].Value]);
        var browser = await school.SignInAsync(role);
        (await browser.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} should be able to open {url}");
        var token = await browser.TokenFromAsync("/account");

        var response = await browser.PostFormAsync(url, [Form.Field("__RequestVerificationToken", token)]);
        var page = await TestClient.ReadAsync(response);

        // 405 where the page handles no POST at all; 400 where it has POST handlers for its own
        // buttons (Disable, Add closure…) and the form named none of them.
        var status = (int)page.Status;
        status.ShouldBeOneOf([405, 400], $"POST {url} as {role}: {page.Title}");
        page.Title.ShouldBe(status == 405 ? "That cannot be done here" : "The request could not be used");
        page.Text.ShouldNotContain("Something went wrong");
        if (status == 405)
        {
            response.Content.Headers.Allow.ShouldContain("GET");
            response.Content.Headers.Allow.ShouldNotContain("POST");
        }
    }

    /// <summary>
    /// The whole application, swept: signed in as a role the policy table permits for each route, every
    /// method the route does not handle; empty and malformed forms (with a valid token) to every page
    /// and every form a page shows; malformed, empty and wrongly typed bodies to every API write.
    /// Nothing may answer 5xx, and a 405 is in the school's words (a page, or problem+json for the API).
    /// </summary>
    [Theory, OnSqlite]
    public async Task EveryRoute_GivenWhatItDoesNotHandle_OrMalformedInput_NeverAnswers5xx(DatabaseProvider provider) =>
        await SweepAsync(provider, everyNth: 1, minimumRequests: 900);

    /// <summary>The same sweep over a sample of the routes (every fifth), on PostgreSQL.</summary>
    [Theory, OnPostgres]
    public async Task ASampleOfRoutes_GivenWhatTheyDoNotHandle_OrMalformedInput_NeverAnswers5xx_OnPostgres(DatabaseProvider provider) =>
        await SweepAsync(provider, everyNth: 5, minimumRequests: 150);

    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    private static async Task SweepAsync(DatabaseProvider provider, int everyNth, int minimumRequests)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var samples = RouteSamples.For(school);
        var sweep = new Sweep(app, school);
        var routes = EndpointCatalog.From(app)
            .GroupBy(e => e.Endpoint.RoutePattern.RawText)
            .Where((_, i) => i % everyNth == 0)
            .Select(g => new Route(g.Key!, g.ToDictionary(e => e.Method, StringComparer.Ordinal)))
            .ToList();

        // 1. Methods a route does not handle. Pages handle GET and (some) POST, and get the others with
        //    a valid token so that they pass antiforgery; the API handles what it declares.
        // 2. Malformed, empty and wrongly typed bodies to every API write.
        // Neither changes anything, so they run a few at a time.
        var requests = new List<(Route Route, string Method, string Url, Func<string, HttpContent>? Body, string What)>();
        foreach (var route in routes)
        {
            var url = route.Sample.Url(samples);
            foreach (var method in Methods.Where(m => route.IsPage ? m is "PUT" or "PATCH" or "DELETE" or "OPTIONS" : !route.Methods.Contains(m)))
            {
                Func<string, HttpContent>? body = method is "GET" or "HEAD" or "OPTIONS" ? null
                    : route.IsPage ? token => new FormUrlEncodedContent([new("__RequestVerificationToken", token)])
                    : _ => new StringContent("{}", Encoding.UTF8, "application/json");
                requests.Add((route, method, url, body, "unhandled method"));
            }

            foreach (var method in route.Methods.Where(m => route.Sample.IsApi && m is "POST" or "PUT" or "PATCH"))
            {
                requests.AddRange(BadBodies.Select(b => (route, method, url, b.Body is { } make ? (Func<string, HttpContent>)(_ => make()) : null, b.Name)));
            }
        }

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (r, _) =>
        {
            var token = await sweep.TokenForAsync(r.Route, r.Method);
            await sweep.SendAsync(r.Route, r.Method, r.Url, r.Body is null ? null : () => r.Body(token), r.What);
        });

        // 3. Empty and malformed forms, with a valid token, to every page and to every form each page shows.
        //    Last, and the administrator's last of all: some forms do things (disable an account, sign out).
        var forms = new List<(Route Route, string Url)>();
        foreach (var route in routes.Where(r => r.IsPage))
        {
            var url = route.Sample.Url(samples);
            forms.Add((route, url));
            var page = await sweep.GetPageAsync(route, url);
            foreach (var action in page?.Document.QuerySelectorAll("main form[method=post i]").Select(f => f.GetAttribute("action")).OfType<string>() ?? [])
            {
                var path = action.Split('?')[0];
                if (action.Contains('?', StringComparison.Ordinal) && string.Equals(path, url, StringComparison.OrdinalIgnoreCase))
                {
                    forms.Add((route, action));
                }
            }
        }

        foreach (var (route, url) in forms.Distinct().OrderBy(f => f.Route.Pattern.Contains("logout", StringComparison.Ordinal)).ThenBy(f => sweep.RoleFor(f.Route, "POST") == Role.Administrator))
        {
            foreach (var (name, body) in BadForms)
            {
                var token = await sweep.TokenForAsync(route);
                await sweep.SendAsync(route, "POST", url, () => body(token), name);
            }
        }

        sweep.Failures.ShouldBeEmpty($"{sweep.Failures.Count} of {sweep.Requests} requests:\n" + string.Join("\n", sweep.Failures.Take(60)));
        sweep.Requests.ShouldBeGreaterThanOrEqualTo(minimumRequests);
    }

    private static readonly (string Name, Func<HttpContent>? Body)[] BadBodies =
    [
        ("no body", null),
        ("empty JSON body", () => new StringContent("", Encoding.UTF8, "application/json")),
        ("JSON null", () => new StringContent("null", Encoding.UTF8, "application/json")),
        ("unfinished JSON", () => new StringContent("{\"name\": ", Encoding.UTF8, "application/json")),
        ("JSON array", () => new StringContent("[1, 2, 3]", Encoding.UTF8, "application/json")),
        ("JSON string", () => new StringContent("\"hello\"", Encoding.UTF8, "application/json")),
        ("wrong types", () => new StringContent("{\"id\": \"not-a-guid\", \"pupilId\": 7, \"date\": \"31/02/2026\", \"startDate\": \"2026-02-31\", \"minutes\": \"ninety\", \"roles\": \"Superuser\", \"discipline\": 99, \"input\": [], \"name\": {}}", Encoding.UTF8, "application/json")),
        ("JSON nested too deep", () => new StringContent(new string('[', 200) + new string(']', 200), Encoding.UTF8, "application/json")),
        ("invalid UTF-8", () => new ByteArrayContent([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]) { Headers = { ContentType = new("application/json") } }),
        ("JSON sent as text/plain", () => new StringContent("{}", Encoding.UTF8, "text/plain")),
        ("a form instead of JSON", () => new FormUrlEncodedContent([new("name", "x")])),
        ("multipart without a boundary", () => new StringContent("--x\r\n", Encoding.UTF8, "multipart/form-data")),
    ];

    private static readonly (string Name, Func<string, HttpContent> Body)[] BadForms =
    [
        ("empty form", token => new FormUrlEncodedContent([new("__RequestVerificationToken", token)])),
        ("malformed form", token => new StringContent(
            "__RequestVerificationToken=" + Uri.EscapeDataString(token)
            + "&Input.Id=not-a-guid&Input.PupilId=not-a-guid&Input.Date=31%2F02%2F2026&Input.StartDate=2026-02-31&Input.DateOfBirth=yesterday"
            + "&Input.Minutes=ninety&Input.Priority=-1&Input.Roles=Superuser&Input.Discipline=99&Input=&Input.Name[999999]=x&%ZZ=%ZZ&=&&"
            + "&Input.Reason=" + new string('x', 20_000) + "&handler=",
            Encoding.UTF8, "application/x-www-form-urlencoded")),
        ("multipart form with a broken boundary", token => new StringContent(
            "--b\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n" + token + "\r\n--b\r\nContent-Disposition: form-data; name=\"Input.Name\"\r\n\r\nunfinished",
            Encoding.UTF8, "multipart/form-data")),
    ];

    /// <summary>A route pattern and the endpoint behind each method it declares (the API may have a different policy per method).</summary>
    private sealed record Route(string Pattern, Dictionary<string, EndpointCase> ByMethod)
    {
        public EndpointCase Sample => ByMethod.Values.First();
        public IReadOnlyCollection<string> Methods => ByMethod.Keys;
        public bool IsPage => Sample.IsPage;
        public EndpointCase For(string method) => ByMethod.GetValueOrDefault(method) ?? Sample;
    }

    /// <summary>One signed-in browser per role, reused; a stranger for public routes.</summary>
    private sealed class Sweep(TestApp app, TestSchool school)
    {
        private readonly Dictionary<Role, (TestClient Client, string Token)> _signedIn = [];
        private (TestClient Client, string Token)? _stranger;

        private readonly SemaphoreSlim _signingIn = new(1, 1);
        private int _requests;

        public System.Collections.Concurrent.ConcurrentQueue<string> Failures { get; } = new();
        public int Requests => _requests;

        /// <summary>The first role the policy table permits for this route and method (any role for account pages).</summary>
        public Role? RoleFor(Route route, string method)
        {
            var endpoint = route.For(method);
            if (endpoint.Anonymous || endpoint.Permits is null)
            {
                return null;
            }

            var action = endpoint.Permits.ActionFor(method);
            return PolicyTable.AccountActions.Contains(action)
                ? Role.Therapist
                : RoleInfo.All.Select(r => r.Role).Cast<Role?>().FirstOrDefault(r => PolicyTable.Permits([r!.Value], action));
        }

        public async Task<string> TokenForAsync(Route route, string method = "POST") => (await Client(route, method)).Token;

        public async Task<Page?> GetPageAsync(Route route, string url)
        {
            var (client, _) = await Client(route, "GET");
            var page = await client.GetPageAsync(url);
            return page.Status == HttpStatusCode.OK ? page : null;
        }

        public async Task SendAsync(Route route, string method, string url, Func<HttpContent>? body, string what)
        {
            var role = RoleFor(route, method);
            var (client, _) = await Client(route, method);
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative)) { Content = body?.Invoke() };
            using var response = await client.Http.SendAsync(request);
            Interlocked.Increment(ref _requests);
            var status = (int)response.StatusCode;
            var who = role is null ? "signed out" : $"as {role}";
            if (status >= 500)
            {
                Failures.Enqueue($"{method} {url} {who} ({what}) answered {status}");
            }
            else if (status == 405)
            {
                var text = await response.Content.ReadAsStringAsync();
                var api = route.Sample.IsApi;
                if (method != "HEAD" && (api ? response.Content.Headers.ContentType?.MediaType != "application/problem+json" : !text.Contains("That cannot be done here", StringComparison.Ordinal)))
                {
                    Failures.Enqueue($"{method} {url} {who} ({what}) answered 405 without the school's words ({response.Content.Headers.ContentType?.MediaType})");
                }
            }

            // A form that signed the role out (or made it change its password) leaves the next request without a session.
            if (role is { } r && response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location?.OriginalString is { } to && (to.StartsWith("/login", StringComparison.Ordinal) || to.StartsWith("/account/password", StringComparison.Ordinal)))
            {
                await _signingIn.WaitAsync();
                _signedIn.Remove(r);
                _signingIn.Release();
            }
        }

        private async Task<(TestClient Client, string Token)> Client(Route route, string method)
        {
            await _signingIn.WaitAsync();
            try
            {
                return await ClientAsync(route, method);
            }
            finally
            {
                _signingIn.Release();
            }
        }

        private async Task<(TestClient Client, string Token)> ClientAsync(Route route, string method)
        {
            if (RoleFor(route, method) is not { } role)
            {
                if (_stranger is null)
                {
                    var stranger = new TestClient(app.NewBrowser());
                    _stranger = (stranger, await stranger.TokenFromAsync("/login"));
                }

                return _stranger.Value;
            }

            if (!_signedIn.TryGetValue(role, out var signedIn))
            {
                var client = await school.SignInAsync(role);
                signedIn = (client, await client.TokenFromAsync("/account"));
                _signedIn[role] = signedIn;
            }

            return signedIn;
        }
    }
}
