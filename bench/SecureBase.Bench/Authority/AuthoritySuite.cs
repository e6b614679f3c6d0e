using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SecureBase.Data;

namespace SecureBase.Bench.Authority;

/// <summary>
/// Speed at authority scale: a generated local authority (50 schools, about 20,000 pupils) and, for
/// comparison, one small school on its own, each served by the application as a real process
/// (Kestrel, Release, Production), loaded with wrk at 1, 16 and 64 connections on the busiest pages,
/// with /health measured in the same run. SQLite always; PostgreSQL when SECUREBASE_TEST_POSTGRES is set.
/// </summary>
public sealed class AuthoritySuite : IBenchSuite
{
    private const double P95GoalMs = 150;
    private const double ThroughputGoal = 0.25;
    private const double GrowthGoal = 2.0;
    private static readonly int[] Connections = [1, 16, 64];
    private const int CompareAt = 16;

    public string Name => "authority";
    public string Description => "Busiest pages under wrk (1/16/64 connections) at local-authority scale vs one small school, SQLite and PostgreSQL";

    public async Task RunAsync(string[] options)
    {
        if (!File.Exists(Wrk.Path))
        {
            Console.WriteLine($"wrk is not installed ({Wrk.Path}): sudo apt-get install wrk");
            return;
        }

        var quick = options.Contains("--quick");
        var duration = TimeSpan.FromSeconds(OptionValue(options, "--seconds") is { } seconds ? int.Parse(seconds, CultureInfo.InvariantCulture) : quick ? 2 : 5);
        var only = OptionValue(options, "--only")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sessionWeeks = quick ? 4 : 10;
        var dll = AppProcess.ApplicationDll;
        if (!File.Exists(dll))
        {
            Console.WriteLine($"Build the application in Release first ({dll}): dotnet build -c Release src/SecureBase");
            return;
        }

        var providers = new List<DatabaseProvider> { DatabaseProvider.Sqlite };
        var pg = Environment.GetEnvironmentVariable("SECUREBASE_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(pg))
        {
            providers.Add(DatabaseProvider.Postgres);
        }
        else
        {
            Console.WriteLine("PostgreSQL skipped: set SECUREBASE_TEST_POSTGRES to a server where the user may create databases.");
        }

        if (options.Contains("--sqlite-only"))
        {
            providers.Remove(DatabaseProvider.Postgres);
        }

        if (options.Contains("--postgres-only"))
        {
            providers.Remove(DatabaseProvider.Sqlite);
        }

        if (options.Contains("--profile"))
        {
            foreach (var provider in providers)
            {
                await ProfileAsync(provider, pg, sessionWeeks, hold: options.Contains("--hold"));
            }

            return;
        }

        Console.WriteLine($"wrk {duration.TotalSeconds:F0} s per measurement; {(quick ? "--quick: shorter runs, 4 weeks of sessions" : "10 weeks of sessions")}.");
        foreach (var provider in providers)
        {
            var (small, large) = await MeasureAsync(provider, pg, sessionWeeks, duration, only);
            Print(provider, small, large);
        }
    }

    /// <summary>An option's value (<c>--seconds=30</c>), or null.</summary>
    private static string? OptionValue(string[] options, string name) =>
        options.LastOrDefault(o => o.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];

    /// <summary>Requests one after another per page in <c>--profile</c>: their p50, and the application's CPU time per request (less sensitive to other work on the machine than latency).</summary>
    private const int ProfileRequests = 100;

    /// <summary>Who makes a target's requests: the signed-in Head of Therapy (her cookie) or the school's API client (a bearer token).</summary>
    private enum Caller
    {
        User,
        Client,
    }

    /// <summary>
    /// One thing loaded: a page or API call (GET, or POST with the pupil list's search form or a JSON body), by the
    /// Head of Therapy or the school's API client; or, with <paramref name="Recording"/>, the session recording load.
    /// </summary>
    private sealed record Target(string Label, string Path, bool Search = false, Caller As = Caller.User, string? Json = null, bool Recording = false);

    /// <summary>How many recorded sessions the recording load saves in turn: twice the most connections, with room to spare.</summary>
    private const int RecordingPool = 300;

    /// <summary>
    /// Each page's wrk result per connection count, and the /health run made just before it at the same count (its own
    /// row, for /health: the mean of those runs). A page's share of /health's throughput is taken against the run beside
    /// it: on a shared machine the load from other work drifts over the minute a series of pages takes, and a ratio
    /// against one /health run at the start of the series carried that drift (the same page measured 19% and 25% in two runs).
    /// </summary>
    private sealed record Measured(GeneratedCounts Counts, BenchAccount Account, Dictionary<(string Label, int Connections), WrkResult> Results, Dictionary<(string Label, int Connections), WrkResult> HealthBeside, IReadOnlyList<Target> Targets);

    /// <summary>
    /// Where a page's time goes, without wrk (<c>--profile</c>): at authority scale, for each page, the SQL
    /// commands one request runs and their summed time (from EF's command log), and the p50 and the application's CPU time of 100 requests
    /// one after another. Each page's commands are written to a file to read.
    /// </summary>
    /// With <c>--hold</c> the application keeps running afterwards, its process id, address and signed-in
    /// cookie written to <c>&lt;provider&gt;-target.txt</c> there, until that file is deleted: to load it with wrk
    /// and attach a CPU profiler (dotnet-trace, or perf with DOTNET_PerfMapEnabled=1 set for the bench).
    private static async Task ProfileAsync(DatabaseProvider provider, string? pgServer, int sessionWeeks, bool hold)
    {
        await using var installation = await Installation.CreateAsync(provider, pgServer);
        var (folder, settings) = (installation.Folder, installation.Settings);
        var logs = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "securebase-profile")).FullName;
        var log = Path.Combine(folder, "sql.log");
        try
        {
            Console.Write($"{provider}: generating... ");
            var (account, counts) = await GenerateAsync(settings, folder, AuthorityGenerator.LocalAuthority(), sessionWeeks);
            Console.WriteLine($"{counts.Pupils:N0} pupils in {counts.Took.TotalSeconds:F0} s");
            var pages = new[]
            {
                ("/health", "/health", false), ("home (/)", "/", false), ("caseload", "/caseload", false), ("pupil list", "/pupils", false),
                ("pupil search (POST)", "/pupils", true), ("EHCP list", "/ehcp", false), ("board", "/board", false),
                ("sessions week", "/sessions", false), ("API caseload", "/api/v1/caseload?page=1", false),
            };

            // First each page's SQL commands, from an application that logs them.
            var sql = new Dictionary<string, (int Count, int Ms)>();
            Environment.SetEnvironmentVariable("SECUREBASE_BENCH_SQL_LOG", log);
            await using (var logging = await AppProcess.StartAsync(settings, folder))
            {
                using var signedIn = await SignIn.AsAsync(logging.Address, account);
                var searchBody = $"Search=Patel&__RequestVerificationToken={Uri.EscapeDataString(signedIn.PupilListToken)}";
                foreach (var (label, path, search) in pages)
                {
                    var body = search ? searchBody : null;
                    await signedIn.WarmAsync(path, body, times: 10);
                    await Task.Delay(500);
                    var before = File.Exists(log) ? File.ReadAllLines(log).Length : 0;
                    await signedIn.WarmAsync(path, body, times: 1);
                    await Task.Delay(500);
                    var lines = File.Exists(log) ? File.ReadAllLines(log).Skip(before).ToList() : [];
                    var commands = lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"Executed DbCommand \((\d+)ms\)")).Where(m => m.Success).ToList();
                    var file = Path.Combine(logs, $"{provider}-{new string(label.Where(char.IsLetterOrDigit).ToArray())}.log");
                    await File.WriteAllLinesAsync(file, lines);
                    sql[label] = (commands.Count, commands.Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
                }
            }

            // Then time and CPU from one that does not (logging every command costs CPU of its own), each
            // page warmed well past the JIT's tiering first.
            Environment.SetEnvironmentVariable("SECUREBASE_BENCH_SQL_LOG", null);
            await using (var app = await AppProcess.StartAsync(settings, folder))
            {
                using var signedIn = await SignIn.AsAsync(app.Address, account);
                var searchBody = $"Search=Patel&__RequestVerificationToken={Uri.EscapeDataString(signedIn.PupilListToken)}";
                Console.WriteLine($"page                   queries   SQL ms   p50 ms  app CPU ms/request  database CPU ms/request  (one request's commands: {logs}/{provider}-<page>.log)");
                foreach (var (label, path, search) in pages)
                {
                    var body = search ? searchBody : null;
                    await signedIn.WarmAsync(path, body, times: 100);
                    await Task.Delay(1000);
                    var times = new List<double>();
                    var cpuBefore = app.CpuTime;
                    var databaseBefore = provider == DatabaseProvider.Postgres ? PostgresCpu.Total() : TimeSpan.Zero;
                    for (var i = 0; i < ProfileRequests; i++)
                    {
                        times.Add(await signedIn.TimeAsync(path, body));
                    }

                    var cpu = (app.CpuTime - cpuBefore).TotalMilliseconds / ProfileRequests;
                    var database = provider == DatabaseProvider.Postgres
                        ? ((PostgresCpu.Total() - databaseBefore).TotalMilliseconds / ProfileRequests).ToString("F2", CultureInfo.InvariantCulture)
                        : "(in app)";
                    times.Sort();
                    Console.WriteLine($"{label,-22} {sql[label].Count,7} {sql[label].Ms,8} {times[times.Count / 2],8:F1} {cpu,11:F2} {database,18}");
                }
            }

            if (hold)
            {
                await HoldAsync(provider, settings, folder, account, logs);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("SECUREBASE_BENCH_SQL_LOG", null);
        }
    }

    /// <summary>A fresh application process on the same data, without the SQL log (its own cost would show), warm, held for a profiler.</summary>
    private static async Task HoldAsync(DatabaseProvider provider, Dictionary<string, string> settings, string folder, BenchAccount account, string logs)
    {
        Environment.SetEnvironmentVariable("SECUREBASE_BENCH_SQL_LOG", null);
        await using var app = await AppProcess.StartAsync(settings, folder);
        using var signedIn = await SignIn.AsAsync(app.Address, account);
        var searchBody = $"Search=Patel&__RequestVerificationToken={Uri.EscapeDataString(signedIn.PupilListToken)}";
        foreach (var path in new[] { "/", "/caseload", "/pupils", "/ehcp", "/board" })
        {
            await signedIn.WarmAsync(path, null, times: 20);
        }

        await signedIn.WarmAsync("/pupils", searchBody, times: 20);
        var target = Path.Combine(logs, $"{provider}-target.txt");
        await File.WriteAllLinesAsync(target, [app.ProcessId.ToString(CultureInfo.InvariantCulture), app.Address.ToString(), signedIn.CookieHeader, searchBody]);
        Console.WriteLine($"holding: pid {app.ProcessId} at {app.Address}; delete {target} to stop");
        while (File.Exists(target))
        {
            await Task.Delay(1000);
        }
    }

    /// <summary>
    /// The small school and the authority, each on an installation and application of its own, both running while
    /// measured: each page at the authority beside a /health run made just before it, and at <see cref="CompareAt"/>
    /// connections the same page at the small school just after it, so that both of a page's ratios (to /health, to the
    /// small school) are taken side by side, not minutes apart on a machine whose other load drifts.
    /// </summary>
    private static async Task<(Measured Small, Measured Large)> MeasureAsync(DatabaseProvider provider, string? pgServer, int sessionWeeks, TimeSpan duration, string[]? only)
    {
        await using var small = await RunningSite.StartAsync(provider, pgServer, AuthorityGenerator.SmallSchool(), sessionWeeks, only);
        await using var large = await RunningSite.StartAsync(provider, pgServer, AuthorityGenerator.LocalAuthority(), sessionWeeks, only);
        var results = new Dictionary<(string, int), WrkResult>();
        var healthBeside = new Dictionary<(string, int), WrkResult>();
        var smallResults = new Dictionary<(string, int), WrkResult>();
        var health = large.Targets.Single(t => t.Path == "/health");
        var pages = large.Targets.Where(t => t != health).ToList();
        foreach (var c in Connections)
        {
            if (c == CompareAt)
            {
                smallResults[(health.Label, c)] = await small.RunAsync(health, c, duration);
            }

            foreach (var t in pages)
            {
                healthBeside[(t.Label, c)] = await large.RunAsync(health, c, duration);
                results[(t.Label, c)] = await large.RunAsync(t, c, duration);
                if (c == CompareAt)
                {
                    smallResults[(t.Label, c)] = await small.RunAsync(small.Targets.Single(x => x.Label == t.Label), c, duration);
                }
            }

            results[(health.Label, c)] = MeanOf(pages.Select(t => healthBeside[(t.Label, c)]).ToList());
        }

        return (new Measured(small.Counts, small.Account, smallResults, [], small.Targets), new Measured(large.Counts, large.Account, results, healthBeside, large.Targets));
    }

    /// <summary>One generated installation with its application running and the busiest school's Head of Therapy signed in, every page warm.</summary>
    private sealed class RunningSite : IAsyncDisposable
    {
        private readonly Installation _installation;
        private readonly AppProcess _app;
        private readonly SignIn _signedIn;
        private readonly string _searchBody;

        private RunningSite(Installation installation, AppProcess app, SignIn signedIn, BenchAccount account, GeneratedCounts counts)
        {
            (_installation, _app, _signedIn, Account, Counts) = (installation, app, signedIn, account, counts);
            _searchBody = $"Search=Patel&__RequestVerificationToken={Uri.EscapeDataString(signedIn.PupilListToken)}";
            Targets =
            [
                new("/health", "/health"),
                new("home (/)", "/"),
                new("caseload", "/caseload"),
                new("pupil list", "/pupils"),
                new("pupil search (POST)", "/pupils", Search: true),
                new("waiting list", "/waiting-list"),
                new("MDT list", "/mdt"),
                new("MDT meeting", $"/mdt/{account.LatestMeeting}"),
                new("EHCP list", "/ehcp"),
                new("board", "/board"),
                new("sessions week", "/sessions"),
                new("API waiting list", "/api/v1/waiting-list", As: Caller.Client),
                new("API pupil search", "/api/v1/pupils/search", As: Caller.Client, Json: """{"search":"Patel"}"""),
                new("API pupil list", "/api/v1/pupils?yearGroup=9", As: Caller.Client),
                new("API caseload", "/api/v1/caseload?page=1"),
                new("session recording", "/api/v1/sessions/occurrences", Recording: true),
            ];
        }

        public BenchAccount Account { get; }
        public GeneratedCounts Counts { get; }
        public IReadOnlyList<Target> Targets { get; private set; }

        /// <summary>With <paramref name="only"/>, just /health and the targets of those labels (to measure or profile a few quickly).</summary>
        public static async Task<RunningSite> StartAsync(DatabaseProvider provider, string? pgServer, IReadOnlyList<SchoolShape> shapes, int sessionWeeks, string[]? only)
        {
            var installation = await Installation.CreateAsync(provider, pgServer);
            Console.Write($"{provider}: generating {shapes.Count} school(s)... ");
            var (account, counts) = await GenerateAsync(installation.Settings, installation.Folder, shapes, sessionWeeks);
            Console.WriteLine($"{counts.Pupils:N0} pupils in {counts.Took.TotalSeconds:F0} s");
            var app = await AppProcess.StartAsync(installation.Settings, installation.Folder);
            var site = new RunningSite(installation, app, await SignIn.AsAsync(app.Address, account), account, counts);
            if (only is not null)
            {
                var unknown = only.Except(site.Targets.Select(t => t.Label)).ToList();
                if (unknown.Count > 0)
                {
                    throw new ArgumentException($"--only names no target: {string.Join(", ", unknown)}. Targets: {string.Join(", ", site.Targets.Select(t => t.Label))}.");
                }

                site.Targets = site.Targets.Where(t => t.Path == "/health" || only.Contains(t.Label)).ToList();
            }

            Console.WriteLine($"    application pid {app.ProcessId} at {app.Address}");

            // Every page answers 200 to the signed-in user (not a redirect to sign in), and is warm: a running server's
            // code has long been compiled by .NET's second tier, so each page first gets two seconds of load that are not
            // measured (ten requests alone left a third of the first measured seconds' CPU to the compiler).
            foreach (var t in site.Targets)
            {
                if (t is { As: Caller.User, Recording: false, Json: null })
                {
                    await site._signedIn.WarmAsync(t.Path, site.Body(t), times: 10);
                }

                var warm = await site.RunAsync(t, 4, TimeSpan.FromSeconds(2));
                if (warm.Errors > 0 || warm.Requests == 0)
                {
                    throw new InvalidOperationException($"{t.Label}: {warm.Errors} of {warm.Requests} requests failed while warming ({t.Path})");
                }
            }

            return site;
        }

        public async Task<WrkResult> RunAsync(Target t, int connections, TimeSpan duration) =>
            await Wrk.RunAsync(new Uri(_app.Address, t.Path), await LoadAsync(t), connections, duration);

        /// <summary>
        /// A target's requests: the Head of Therapy's cookie (with the search form's body for the search); a fresh token of
        /// the school's API client (tokens live ten minutes, so one per run, as a system asks again when its token runs out);
        /// or the session recording load.
        /// </summary>
        private async Task<WrkLoad> LoadAsync(Target t) => t switch
        {
            { Recording: true } => await RecordingLoadAsync(),
            { As: Caller.Client } => WrkLoad.Bearer(await SignIn.ClientTokenAsync(_app.Address, Account.ClientId, Account.ClientSecret), t.Json),
            _ => WrkLoad.Cookie(_signedIn.CookieHeader, Body(t)),
        };

        private string? Body(Target t) => t.Search ? _searchBody : null;

        /// <summary>
        /// The Head of Therapy saves the records of the school's weekly sessions of the last weeks (as she would correct
        /// one): POST …/occurrences/{id}/record with the pupil's attendance and engagement and the stamp of the record she
        /// saw. Each session is in at most one request at a time: a wrk thread takes the next free session from its own
        /// share and, when the save answers, puts it back with the new stamp the answer carries, so no save is refused as
        /// stale. The sessions and their current stamps are read through the API before each run (the last run changed
        /// them), practitioner by practitioner and week by week, until there are <see cref="RecordingPool"/>.
        /// </summary>
        private async Task<WrkLoad> RecordingLoadAsync()
        {
            var items = new List<string>();
            var today = SecureBase.Schools.SchoolTime.London.Today(TimeProvider.System);
            using var staff = System.Text.Json.JsonDocument.Parse(await _signedIn.ReadAsync("/api/v1/staff"));
            var practitioners = staff.RootElement.EnumerateArray().Where(m => m.GetProperty("caseload").GetInt32() > 0).Select(m => m.GetProperty("id").GetString()!).ToList();
            for (var week = 1; week <= 12 && items.Count < RecordingPool; week++)
            {
                foreach (var practitioner in practitioners.TakeWhile(_ => items.Count < RecordingPool))
                {
                    using var json = System.Text.Json.JsonDocument.Parse(await _signedIn.ReadAsync($"/api/v1/sessions?week={today.AddDays(-7 * week):yyyy-MM-dd}&staffId={practitioner}"));
                    foreach (var session in json.RootElement.GetProperty("sessions").EnumerateArray())
                    {
                        if (session.GetProperty("recorded").GetBoolean() && session.GetProperty("occurrenceId").ValueKind == System.Text.Json.JsonValueKind.String
                            && session.GetProperty("members") is { } members && members.GetArrayLength() == 1)
                        {
                            items.Add($"{{{Wrk.LuaString(session.GetProperty("occurrenceId").GetString()!)}, {Wrk.LuaString(members[0].GetProperty("pupilId").GetString()!)}, {Wrk.LuaString(session.GetProperty("stamp").GetString()!)}}}");
                        }
                    }
                }
            }

            if (items.Count < 2 * Connections.Max())
            {
                throw new InvalidOperationException($"The school has {items.Count} recorded sessions in the last 12 weeks; the recording load needs {2 * Connections.Max()}.");
            }

            var headers = new Dictionary<string, string> { ["Cookie"] = _signedIn.CookieHeader, ["Content-Type"] = "application/json" };
            return new WrkLoad(headers, Lua: $$"""
                items = { {{string.Join(", ", items)}} }
                local next_slot = 0
                function setup(thread)
                  thread:set("slot", next_slot)
                  next_slot = next_slot + 1
                end
                function init(args)
                  queue = {}
                  for i, item in ipairs(items) do
                    if (i - 1) % threads == slot then
                      table.insert(queue, { occ = item[1], pupil = item[2], stamp = item[3] })
                    end
                  end
                  saves = 0
                end
                function request()
                  local item = table.remove(queue, 1)
                  if item == nil then
                    -- every session of this thread's share in flight, or lost to a failed save: a stale save, counted as an error
                    item = last
                  end
                  last = item
                  saves = saves + 1
                  local body = string.format('{"members":[{"pupilId":"%s","attendance":"Attended","engagement":%d}],"stamp":"%s"}', item.pupil, 2 + saves % 4, item.stamp)
                  return wrk.format("POST", "/api/v1/sessions/occurrences/" .. item.occ .. "/record", nil, body)
                end
                function response(status, headers, body)
                  if status == 201 then
                    local occ = body:match('"occurrenceId":"([^"]+)"')
                    local pupil = body:match('"pupilId":"([^"]+)"')
                    local stamp = body:match('"stamp":"([^"]+)"')
                    if occ and pupil and stamp then
                      table.insert(queue, { occ = occ, pupil = pupil, stamp = stamp })
                    end
                  end
                end
                """);
        }

        public async ValueTask DisposeAsync()
        {
            _signedIn.Dispose();
            await _app.DisposeAsync();
            await _installation.DisposeAsync();
        }
    }

    /// <summary>The mean of several runs of one page: requests per second and each percentile averaged, counts added.</summary>
    private static WrkResult MeanOf(IReadOnlyList<WrkResult> runs) => new(
        runs.Average(r => r.RequestsPerSecond), runs.Average(r => r.P50), runs.Average(r => r.P90), runs.Average(r => r.P95), runs.Average(r => r.P99),
        runs.Sum(r => r.Requests), runs.Sum(r => r.Errors));

    private static async Task<(BenchAccount, GeneratedCounts)> GenerateAsync(Dictionary<string, string> settings, string folder, IReadOnlyList<SchoolShape> shapes, int sessionWeeks)
    {
        // The application migrates the new database at start; the generator then writes through its DbContext.
        await using var factory = new WebApplicationFactory<SecureBaseOptions>().WithWebHostBuilder(b =>
        {
            b.UseContentRoot(AppProcess.WebProjectFolder);
            b.UseEnvironment("Production");
            b.UseSetting("SecureBase:DataFolder", folder);
            b.UseSetting("SecureBase:SeedDemo", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        var result = await new AuthorityGenerator(factory.Services, sessionWeeks).GenerateAsync(shapes);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return result;
    }

    private static void Print(DatabaseProvider provider, Measured small, Measured large)
    {
        var c = large.Counts;
        Console.WriteLine();
        Console.WriteLine($"--- {provider}: {c.Schools} schools, {c.Pupils:N0} pupils ({c.WithEhcp:N0} with an EHCP), {c.Practitioners} practitioners, " +
                          $"{c.Referrals:N0} referrals, {c.OpenEpisodes:N0} open episodes, {c.Meetings:N0} MDT meetings, {c.Sessions:N0} sessions, {c.Notes:N0} notes (generated in {c.Took.TotalSeconds:F0} s)");
        Console.WriteLine($"    signed in as the Head of Therapy of {large.Account.SchoolName} (the busiest school); small school: {small.Counts.Pupils} pupils alone.");
        Console.WriteLine($"    machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (shared with other work while measured)");
        Console.WriteLine("    ÷/health: each page against a /health run made just before it, at the same connections; the /health row is the mean of those runs.");
        Console.WriteLine("    API rows: the school's API client with a bearer token from /oauth/token (client credentials), except API caseload (the Head of Therapy's");
        Console.WriteLine("    cookie: clients may not read caseloads); session recording: the Head of Therapy saves recorded sessions of the school's last weeks");
        Console.WriteLine("    through the API, each connection one session at a time with the stamp its last save returned.");
        Console.WriteLine($"{"page",-22} {"conn",4} {"req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"÷/health",9} {"small p95",10} {"×small",7} {"errors",7}");
        var misses = new List<string>();
        foreach (var conn in Connections)
        {
            foreach (var t in large.Targets)
            {
                var r = large.Results[(t.Label, conn)];
                var health = large.HealthBeside.GetValueOrDefault((t.Label, conn)) ?? r;
                var ratio = r.RequestsPerSecond / health.RequestsPerSecond;
                var smallP95 = small.Results.TryGetValue((t.Label, conn), out var s) && s.Requests > 0 ? s.P95 : (double?)null;
                var growth = smallP95 is { } sp && r.Requests > 0 ? r.P95 / sp : (double?)null;
                if (r.Requests == 0)
                {
                    // Not one request finished within the run: wrk has no latencies to report.
                    Console.WriteLine($"{t.Label,-22} {conn,4} {0,8} {"-",8} {"-",8} {"-",8} {0,9:F2} {Ms(smallP95),10} {"-",7} {r.Errors,7}  (no request finished in the run)");
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{t.Label,-22} {conn,4} {r.RequestsPerSecond,8:F0} {r.P50,8:F1} {r.P95,8:F1} {r.P99,8:F1} {ratio,9:F2} {Ms(smallP95),10} {(growth is { } g ? g.ToString("F2", CultureInfo.InvariantCulture) : "-"),7} {r.Errors,7}"));
                }

                if (t.Label == "/health" || conn != CompareAt)
                {
                    continue;
                }

                if (r.Requests == 0)
                {
                    misses.Add($"{t.Label}: no request finished at {CompareAt} connections");
                    continue;
                }

                if (r.P95 > P95GoalMs)
                {
                    misses.Add($"{t.Label}: p95 {r.P95:F0} ms > {P95GoalMs} ms at {CompareAt} connections");
                }

                if (ratio < ThroughputGoal)
                {
                    misses.Add($"{t.Label}: {ratio:P1} of /health's throughput < {ThroughputGoal:P0}");
                }

                if (growth > GrowthGoal)
                {
                    misses.Add($"{t.Label}: p95 {growth:F1}× the small school's > {GrowthGoal}×");
                }
            }
        }

        Console.WriteLine($"Goals at {CompareAt} connections (p95 ≤ {P95GoalMs} ms; ≥ {ThroughputGoal:P0} of /health; p95 ≤ {GrowthGoal}× small school): " +
                          (misses.Count == 0 ? "all met" : $"{misses.Count} missed"));
        foreach (var m in misses)
        {
            Console.WriteLine($"  missed: {m}");
        }
    }

    private static string Ms(double? ms) => ms is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>
    /// A generated installation's database and data folder and the settings every process of the run shares; disposed,
    /// it forgets SQLite's pooled connections, deletes the folder and drops the PostgreSQL database.
    /// </summary>
    private sealed class Installation : IAsyncDisposable
    {
        private readonly BenchDatabase _database;

        private Installation(string folder, BenchDatabase database)
        {
            Folder = folder;
            _database = database;
            Settings = new Dictionary<string, string>
            {
                [database.SettingName] = database.ConnectionString,
                ["SecureBase:AuditKey"] = Convert.ToBase64String(new byte[32]),
                ["SecureBase:LoginAttemptsPerMinute"] = "100000",
                // The API client's limit per minute (120 by default) would refuse most of wrk's requests: the load is measured, not throttled.
                ["SecureBase:ApiClientRequestsPerMinute"] = "100000000",
            };
        }

        public string Folder { get; }

        public Dictionary<string, string> Settings { get; }

        public static async Task<Installation> CreateAsync(DatabaseProvider provider, string? pgServer)
        {
            var folder = Directory.CreateTempSubdirectory("securebase-authority-").FullName;
            var database = provider == DatabaseProvider.Postgres
                ? await BenchDatabase.CreatePostgresAsync(pgServer!)
                : BenchDatabase.Sqlite(Path.Combine(folder, "authority.db"));
            return new Installation(folder, database);
        }

        public async ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }

            await _database.DisposeAsync();
        }
    }
}
