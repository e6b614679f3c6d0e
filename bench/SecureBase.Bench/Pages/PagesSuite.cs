using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Schools;

namespace SecureBase.Bench.Pages;

/// <summary>
/// Page throughput: the pupil list (2,000 pupils, 50 a page) against the health endpoint, measured
/// side by side in rounds on the same in-memory server and SQLite file, so the ratio holds however
/// busy the machine is.
/// </summary>
public sealed partial class PagesSuite : IBenchSuite
{
    public string Name => "pages";
    public string Description => "Pupil list throughput with 2,000 pupils, as a ratio to /health (same run)";

    public async Task RunAsync(string[] options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "securebase-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            // Any type of the web assembly names its entry point (the bench has a Program of its own).
            await using var factory = new WebApplicationFactory<SecureBaseOptions>().WithWebHostBuilder(b =>
            {
                b.UseContentRoot(WebProjectFolder());
                b.UseEnvironment("Production");
                b.UseSetting("SecureBase:DataFolder", folder);
                b.UseSetting("SecureBase:SeedDemo", "false");
                b.UseSetting("SecureBase:AuditKey", Convert.ToBase64String(new byte[32]));
                b.UseSetting("SecureBase:LoginAttemptsPerMinute", "100000");
                b.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(folder, "bench.db")};Foreign Keys=True");
                b.UseSetting("Logging:LogLevel:Default", "Warning");
            });
            const string password = "quiet-lantern-over-the-marsh";
            await SeedAsync(factory.Services, password);
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            await SignInAsync(client, "bench.head", password);

            var targets = new (string Label, string Url)[]
            {
                ("GET /health", "/health"),
                ("GET /pupils (page 1 of 40)", "/pupils"),
                ("GET /pupils?year=7&page=2", "/pupils?year=7&page=2"),
                ("GET /api/v1/pupils", "/api/v1/pupils"),
            };
            foreach (var (_, url) in targets)
            {
                for (var i = 0; i < 20; i++)
                {
                    (await client.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode();
                }
            }

            var rounds = options.Contains("--quick") ? 5 : 15;
            const int perRound = 20;
            var elapsed = new double[targets.Length];
            for (var r = 0; r < rounds; r++)
            {
                for (var t = 0; t < targets.Length; t++)
                {
                    var sw = Stopwatch.StartNew();
                    for (var i = 0; i < perRound; i++)
                    {
                        using var response = await client.GetAsync(new Uri(targets[t].Url, UriKind.Relative));
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            throw new InvalidOperationException($"{targets[t].Url} answered {(int)response.StatusCode}");
                        }

                        await response.Content.ReadAsByteArrayAsync();
                    }

                    elapsed[t] += sw.Elapsed.TotalSeconds;
                }
            }

            var total = rounds * perRound;
            var health = total / elapsed[0];
            Console.WriteLine($"{rounds} rounds of {perRound} requests each, interleaved; SQLite; signed in as a headteacher (whole school).");
            Console.WriteLine($"{"endpoint",-30} {"req/s",10} {"ms/req",8} {"ratio to /health",18}");
            for (var t = 0; t < targets.Length; t++)
            {
                var rps = total / elapsed[t];
                Console.WriteLine($"{targets[t].Label,-30} {rps,10:F0} {1000 / rps,8:F2} {rps / health,18:F3}");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string WebProjectFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecureBase.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Run the benchmark from the repository."), "src", "SecureBase");
    }

    private static async Task SeedAsync(IServiceProvider services, string password)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var school = School.Create("Benchmark Academy", null, null, School.DefaultTimeZone, now);
        db.Schools.Add(school);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id, school.TimeZoneId);
        var random = new Random(7);
        string[] first = ["Oliver", "Zoë", "Muhammad", "Aoife", "Дмитрий", "王芳", "Siobhán", "Kwame", "Priya", "Jean-Luc"];
        string[] last = ["O'Sullivan", "Patel", "Smith-Jones", "Nowak", "Адамов", "李", "Okafor", "Begum", "Evans", "Ó Briain"];
        for (var i = 0; i < 2000; i++)
        {
            var twelve = $"82040121{i:D4}";
            if (!Upn.TryParse($"{Upn.CheckLetterFor(twelve)}{twelve}", out var upn, out var problem))
            {
                throw new InvalidOperationException(problem);
            }

            db.Pupils.Add(Pupil.Create(school.Id, upn, new PupilDetails(first[random.Next(first.Length)], last[random.Next(last.Length)], null, null,
                new DateOnly(2012, 1, 1).AddDays(random.Next(3000)), random.Next(0, 12), "T" + random.Next(1, 9).ToString(CultureInfo.InvariantCulture),
                random.Next(10) == 0, (SenStatus)random.Next(3), random.Next(4) == 0, null), now));
        }

        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "bench.head", DisplayName = "Bench Head", CreatedAt = now, LockoutEnabled = true };
        (await users.CreateAsync(user, password)).Succeeded.ShouldBeTrue();
        db.Memberships.Add(Membership.Grant(user.Id, school.Id, Role.Headteacher, now, null));
        await db.SaveChangesAsync();
    }

    private static async Task SignInAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = Token().Match(page).Groups[1].Value;
        var response = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("Input.UserName", userName), new("Input.Password", password), new("__RequestVerificationToken", token),
        ]));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("The benchmark could not sign in.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

internal static class BenchAssert
{
    public static void ShouldBeTrue(this bool value)
    {
        if (!value)
        {
            throw new InvalidOperationException("Benchmark set-up failed.");
        }
    }
}
