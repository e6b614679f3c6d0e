using System.Net;
using System.Net.Sockets;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Sessions;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Deployment;

/// <summary>Runs these tests when PostgreSQL and nginx are there (always in CI), or reports why not.</summary>
public sealed class OnPostgresBehindNginxAttribute : Xunit.Sdk.DataAttribute
{
    public OnPostgresBehindNginxAttribute() => Skip = TestDatabases.PostgresSkipReason ?? Nginx.SkipReason!;

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[DatabaseProvider.Postgres]];
}

/// <summary>
/// Two application processes on one PostgreSQL database behind nginx (round robin, no sticky sessions)
/// behave as one application: a sign-in, a form, a sign-out, a disabled account, a change of roles and
/// the sign-in limit all hold whichever instance a request reaches (issue 14, docs/deployment.md).
/// </summary>
public sealed class LoadBalancedInstancesTests(LoadBalancedInstancesTests.ClusterFixture fixture) : IClassFixture<LoadBalancedInstancesTests.ClusterFixture>
{
    /// <summary>
    /// The installation, started by the first test that runs (none when the tests are skipped) and stopped by xunit when the
    /// class is done, so no application process or nginx outlives the test run.
    /// </summary>
    public sealed class ClusterFixture : IAsyncLifetime
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private Cluster? _cluster;

        public async Task<Cluster> GetAsync(DatabaseProvider provider)
        {
            await _gate.WaitAsync();
            try
            {
                return _cluster ??= await Cluster.StartAsync(provider);
            }
            finally
            {
                _gate.Release();
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            if (_cluster is not null)
            {
                await _cluster.StopAsync();
            }
        }
    }

    [Theory, OnPostgresBehindNginx]
    public async Task AFormFromOneInstance_IsAcceptedByTheOther_AndTheSignInHoldsOnBoth(DatabaseProvider provider)
    {
        var cluster = await fixture.GetAsync(provider);
        var teacher = cluster.School[Role.EducationStaff];
        using var browser = new Browser();

        // The sign-in form comes from the first instance and is posted to the second: the antiforgery token and cookie
        // made by one are accepted by the other because the key ring is shared (and encrypted) in the database.
        var token = await browser.Via(cluster.First.Address).TokenFromAsync("/login");
        var posted = await browser.Via(cluster.Second.Address).PostFormAsync("/login",
            [Form.Field("__RequestVerificationToken", token), Form.Field("Input.UserName", teacher.UserName), Form.Field("Input.Password", teacher.Password)]);
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        posted.Headers.Location!.OriginalString.ShouldBe("/");

        // Through the load balancer every page answers, from both instances in turn.
        var upstreams = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            var home = await browser.Via(cluster.Nginx.Address).GetAsync("/");
            home.StatusCode.ShouldBe(HttpStatusCode.OK);
            upstreams.Add(home.Headers.GetValues("X-Upstream").Single());
        }

        upstreams.ShouldBe([$"127.0.0.1:{cluster.First.Port}", $"127.0.0.1:{cluster.Second.Port}"], ignoreOrder: true);
    }

    [Theory, OnPostgresBehindNginx]
    public async Task SigningOut_DisablingAnAccount_AndChangingRoles_TakeEffectOnEveryInstance(DatabaseProvider provider)
    {
        var cluster = await fixture.GetAsync(provider);
        var school = cluster.School;
        using var teacher = new Browser();
        await teacher.SignInAsync(cluster, school[Role.EducationStaff]);
        var teacherCookie = teacher.CookieFor(cluster.Nginx.Address);
        (await cluster.ReplayOnEachAsync(teacherCookie, "/api/v1/me")).ShouldAllBe(s => s == HttpStatusCode.OK);

        (await teacher.Via(cluster.Nginx.Address).SubmitAsync("/logout", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await cluster.ReplayOnEachAsync(teacherCookie, "/api/v1/me")).ShouldAllBe(s => s == HttpStatusCode.Unauthorized, "signed out through one instance is signed out on both");

        using var sendco = new Browser();
        await sendco.SignInAsync(cluster, school[Role.Sendco]);
        var sendcoCookie = sendco.CookieFor(cluster.Nginx.Address);
        using var dsl = new Browser();
        await dsl.SignInAsync(cluster, school[Role.Dsl]);
        var dslCookie = dsl.CookieFor(cluster.Nginx.Address);
        (await cluster.ReplayOnEachAsync(sendcoCookie, "/referrals")).ShouldAllBe(s => s == HttpStatusCode.OK);
        (await cluster.ReplayOnEachAsync(dslCookie, "/api/v1/me")).ShouldAllBe(s => s == HttpStatusCode.OK);

        using var admin = new Browser();
        await admin.SignInAsync(cluster, school[Role.Administrator]);
        var roles = await admin.Via(cluster.Nginx.Address).SubmitAsync($"/admin/users/{school[Role.Sendco].Id}",
            [Form.Clear("Input.Roles"), Form.Field("Input.Roles", nameof(Role.EducationStaff))], "form[action*='handler=Roles']");
        roles.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var disabled = await admin.Via(cluster.Nginx.Address).SubmitAsync($"/admin/users/{school[Role.Dsl].Id}", [], "form[action*='handler=Disable']");
        disabled.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await cluster.ReplayOnEachAsync(sendcoCookie, "/referrals")).ShouldAllBe(s => s == HttpStatusCode.Forbidden, "no longer a SENDCo, on either instance");
        (await cluster.ReplayOnEachAsync(sendcoCookie, "/api/v1/me")).ShouldAllBe(s => s == HttpStatusCode.OK, "still signed in as education staff");
        (await cluster.ReplayOnEachAsync(dslCookie, "/api/v1/me")).ShouldAllBe(s => s == HttpStatusCode.Unauthorized, "a disabled account's session ends on both");
    }

    [Theory, OnPostgresBehindNginx]
    public async Task ASessionRecordedElsewhere_IsOnTheEhcpListOfEachInstance_ThatKeptItsTotals(DatabaseProvider provider)
    {
        // Each instance keeps the delivered totals it added up for the EHCP list, in its own process, until the school's
        // sessions stamp changes; a session recorded through a third instance (the test's own application on the same
        // database) must be counted on both at once.
        var cluster = await fixture.GetAsync(provider);
        cluster.Seed.Clock.UseMachineTime();
        var s = await SessionSchool.CreateOnAsync(cluster.Seed);
        using var hot = new Browser(from: "127.0.0.11"); // an address of its own: sign-in attempts are limited per address a minute
        await hot.SignInAsync(cluster, s.School.Users[Role.HeadOfTherapy]);
        foreach (var instance in new[] { cluster.First, cluster.Second })
        {
            SessionSchool.EhcpRowOf(await hot.Via(instance.Address).GetPageAsync("/ehcp"), s.School.PupilLastName).ShouldContain("0 of ", Case.Sensitive);
        }

        await s.RecordAsync(await s.School.SignInAsync(Role.Therapist), 0, "Attended");
        foreach (var instance in new[] { cluster.First, cluster.Second })
        {
            SessionSchool.EhcpRowOf(await hot.Via(instance.Address).GetPageAsync("/ehcp"), s.School.PupilLastName)
                .ShouldContain("1 of ", Case.Sensitive, $"the instance at {instance.Address} counts the session recorded elsewhere");
        }
    }

    [Theory, OnPostgresBehindNginx]
    public async Task TheSignInLimit_HoldsAcrossInstances_ForOneClientAddress_AndNotForAnother(DatabaseProvider provider)
    {
        var cluster = await fixture.GetAsync(provider);
        await WaitForTheStartOfAMinuteIfNearItsEndAsync();

        // One client (127.0.0.7) tries 12 wrong passwords, its posts spread over both instances: only 8 a minute are tried.
        using var guesser = new Browser(from: "127.0.0.7");
        var statuses = new List<HttpStatusCode>();
        var upstreams = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            if (i % 2 == 1)
            {
                // Shifts the round robin so that the sign-in posts reach both instances.
                await guesser.Via(cluster.Nginx.Address).GetAsync("/health");
            }

            var response = await guesser.Via(cluster.Nginx.Address).SubmitAsync("/login", [Form.Field("Input.UserName", "nobody-" + i), Form.Field("Input.Password", "wrong password " + i)]);
            statuses.Add(response.StatusCode);
            upstreams.Add(response.Headers.GetValues("X-Upstream").Single());
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                (await response.Content.ReadAsStringAsync()).ShouldBe("Too many sign-in attempts from this device. Wait a minute and try again.");
            }
        }

        upstreams.Count.ShouldBe(2, "the attempts reached both instances");
        statuses.Take(Cluster.AttemptsPerMinute).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(Cluster.AttemptsPerMinute).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests, "the limit is for the installation, not for each instance");

        // Another client address (nginx passes it in X-Forwarded-For) signs in at once.
        using var parent = new Browser(from: "127.0.0.8");
        await parent.SignInAsync(cluster, cluster.School[Role.ParentCarer]);
        (await parent.Via(cluster.Nginx.Address).GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory, OnPostgresBehindNginx]
    public async Task AnApiClientsRateLimit_HoldsAcrossInstances_AndItsTokenWorksOnBoth(DatabaseProvider provider)
    {
        var cluster = await fixture.GetAsync(provider);
        using var admin = new Browser(from: "127.0.0.10"); // not the other tests' address, whose sign-in attempts this minute are limited
        await admin.SignInAsync(cluster, cluster.School[Role.Administrator]);
        var registered = await ApiClients.RegisterAsync(admin.Via(cluster.Nginx.Address), "Information system " + TestSchool.Letters(6), [SchoolAction.ViewWaitingList]);
        await WaitForTheStartOfAMinuteIfNearItsEndAsync();

        using var system = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = cluster.Nginx.Address };
        var token = await ApiClients.TokenAsync(system, registered);
        system.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // Ten calls a minute, spread over both instances by nginx: only the installation's six are answered.
        var statuses = new List<HttpStatusCode>();
        var upstreams = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            var response = await system.GetAsync(new Uri("/api/v1/waiting-list", UriKind.Relative));
            statuses.Add(response.StatusCode);
            upstreams.Add(response.Headers.GetValues("X-Upstream").Single());
        }

        upstreams.Count.ShouldBe(2, "the calls reached both instances");
        statuses.Take(Cluster.ClientRequestsPerMinute).ShouldAllBe(s => s == HttpStatusCode.OK, "a token issued through one instance is accepted by both");
        statuses.Skip(Cluster.ClientRequestsPerMinute).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests, "the limit is for the installation, not for each instance");
    }

    [Theory, OnPostgresBehindNginx]
    public async Task FiveWrongPasswords_LockTheAccount_WhicheverInstancesTheyReach(DatabaseProvider provider)
    {
        var cluster = await fixture.GetAsync(provider);
        var headteacher = cluster.School[Role.Headteacher];
        using var browser = new Browser(from: "127.0.0.9");
        var upstreams = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            if (i % 2 == 1)
            {
                await browser.Via(cluster.Nginx.Address).GetAsync("/health");
            }

            var wrong = await browser.Via(cluster.Nginx.Address).SubmitAsync("/login", [Form.Field("Input.UserName", headteacher.UserName), Form.Field("Input.Password", "not the password")]);
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
            upstreams.Add(wrong.Headers.GetValues("X-Upstream").Single());
        }

        upstreams.Count.ShouldBe(2);
        var right = await TestClient.ReadAsync(await browser.Via(cluster.Nginx.Address).SubmitAsync("/login", [Form.Field("Input.UserName", headteacher.UserName), Form.Field("Input.Password", headteacher.Password)]));
        right.Status.ShouldBe(HttpStatusCode.OK, "locked: the right password does not sign in");
        right.Text.ShouldContain(LoginModel.WrongDetails);
    }

    private static async Task WaitForTheStartOfAMinuteIfNearItsEndAsync()
    {
        var second = TimeProvider.System.GetUtcNow().Second;
        if (second > 35)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - second));
        }
    }

    /// <summary>A browser: one cookie jar, from one client address, that can talk to any of the addresses.</summary>
    private sealed class Browser : IDisposable
    {
        private readonly SocketsHttpHandler _handler;
        private readonly List<HttpClient> _clients = [];

        public Browser(string from = "127.0.0.1")
        {
            var local = IPAddress.Parse(from);
            _handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = true,
                CookieContainer = new CookieContainer(),
                ConnectCallback = async (context, ct) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        socket.Bind(new IPEndPoint(local, 0));
                        await socket.ConnectAsync(context.DnsEndPoint, ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
        }

        public TestClient Via(Uri address)
        {
            var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            _clients.Add(client);
            return new TestClient(client);
        }

        public string CookieFor(Uri address) => _handler.CookieContainer.GetCookieHeader(address);

        public async Task SignInAsync(Cluster cluster, TestUser user)
        {
            var via = Via(cluster.Nginx.Address);
            var response = await via.SubmitAsync("/login", [Form.Field("Input.UserName", user.UserName), Form.Field("Input.Password", user.Password)]);
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/login/two-factor", StringComparison.Ordinal))
            {
                response = await via.SubmitAsync(response.Headers.Location.OriginalString, [Form.Field("Input.Code", cluster.NextCode(user))]);
            }

            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{user.Role} signs in");
            response.Headers.Location!.OriginalString.ShouldNotStartWith("/login");
        }

        public void Dispose()
        {
            foreach (var c in _clients)
            {
                c.Dispose();
            }

            _handler.Dispose();
        }
    }

    /// <summary>The installation: a PostgreSQL database with a test school, two application processes and nginx in front.</summary>
    public sealed class Cluster
    {
        public const int AttemptsPerMinute = 8;

        public const int ClientRequestsPerMinute = 6;

        private readonly Dictionary<Guid, long> _lastStep = [];

        private Cluster(TestApp seed, TestSchool school, AppProcess first, AppProcess second, Nginx nginx)
        {
            Seed = seed;
            School = school;
            First = first;
            Second = second;
            Nginx = nginx;
        }

        public TestApp Seed { get; }
        public TestSchool School { get; }
        public AppProcess First { get; }
        public AppProcess Second { get; }
        public Nginx Nginx { get; }

        public static async Task<Cluster> StartAsync(DatabaseProvider provider)
        {
            // The test application migrates the database and makes the school; the two processes are the installation.
            var seed = await TestApp.StartAsync(provider);
            var school = await TestSchool.CreateAsync(seed);
            var settings = new Dictionary<string, string>
            {
                ["ConnectionStrings:Postgres"] = seed.Database.ConnectionString,
                ["SecureBase:AuditKey"] = TestApp.AuditKeyBase64,
                ["SecureBase:LoginAttemptsPerMinute"] = AttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SecureBase:ApiClientRequestsPerMinute"] = ClientRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var first = await AppProcess.StartAsync(settings);
            var second = await AppProcess.StartAsync(settings);
            var nginx = await Nginx.StartAsync([first.Port, second.Port]);
            return new Cluster(seed, school, first, second, nginx);
        }

        /// <summary>The authenticator app's code for now, never the same step twice for one user (a code works once).</summary>
        public string NextCode(TestUser user)
        {
            lock (_lastStep)
            {
                var step = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;
                if (_lastStep.TryGetValue(user.Id, out var last) && step <= last)
                {
                    Thread.Sleep(TimeSpan.FromSeconds(30 - (TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() % 30) + 1));
                    step = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;
                }

                _lastStep[user.Id] = step;
                return AuthenticatorApp.CodeForStep(user.AuthenticatorKey!, step);
            }
        }

        /// <summary>What each instance answers, asked directly (not through nginx), to a request carrying this cookie.</summary>
        public async Task<IReadOnlyList<HttpStatusCode>> ReplayOnEachAsync(string cookie, string url)
        {
            var answers = new List<HttpStatusCode>();
            foreach (var instance in new[] { First, Second })
            {
                using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = instance.Address };
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
                request.Headers.Add("Cookie", cookie);
                answers.Add((await http.SendAsync(request)).StatusCode);
            }

            return answers;
        }

        public async Task StopAsync()
        {
            await Nginx.DisposeAsync();
            await First.DisposeAsync();
            await Second.DisposeAsync();
            await Seed.DisposeAsync();
        }
    }
}
