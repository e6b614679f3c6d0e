using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Tests.Support;
using Xunit.Abstractions;

namespace SecureBase.Tests.Deployment;

/// <summary>
/// Nothing acknowledged is lost in a crash. A client writes referrals through the API and notes every
/// write the server acknowledged; the server process is killed with SIGKILL at a random moment, 20
/// times; after each restart every acknowledged referral is there, none is half-applied (a referral and
/// its audit entry are both present or both absent), SQLite's integrity check is ok, and verify-audit passes.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    public const int Kills = 20;

    [Theory, OnSqlite, OnPostgres]
    public async Task KillingTheServer20Times_LosesNoAcknowledgedWrite_AndLeavesNothingHalfApplied(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        TestSchool school;
        await using (var seed = TestApp.StartOn(database))
        {
            school = await TestSchool.CreateAsync(seed);
        }

        var settings = new Dictionary<string, string>
        {
            [provider == DatabaseProvider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite"] = database.ConnectionString,
            ["SecureBase:AuditKey"] = TestApp.AuditKeyBase64,
            ["SecureBase:LoginAttemptsPerMinute"] = "100000",
        };
        var dataFolder = Directory.CreateTempSubdirectory("securebase-crash-").FullName;
        var acknowledged = new List<Guid>();
        var attempted = 0;
        var random = new Random(20261204);

        // Sends one referral and notes it when the server acknowledges it (201); throws when the server is not there to answer.
        async Task WriteAsync(HttpClient http)
        {
            Interlocked.Increment(ref attempted);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals")
            {
                Content = JsonContent.Create(new
                {
                    pupilId = school.PupilId.Value,
                    reasons = new[] { nameof(ReferralReason.EmotionalWellbeing) },
                    details = $"Crash test referral {Guid.NewGuid()}: seems withdrawn in lessons.",
                    urgency = nameof(ReferralUrgency.Routine),
                    consentGiven = true,
                }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await http.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            lock (acknowledged)
            {
                acknowledged.Add(body.GetProperty("id").GetGuid());
            }
        }

        try
        {
            for (var kill = 0; kill < Kills; kill++)
            {
                var app = await AppProcess.StartAsync(settings, dataFolder);
                await using (app)
                {
                    using var http = await SignInAsync(app.Address, school[Role.EducationStaff]);
                    // One write before the clock starts, so that each run writes (the first request of a fresh process is slow).
                    await WriteAsync(http);
                    using var stop = new CancellationTokenSource();
                    var writer = Task.Run(async () =>
                    {
                        while (!stop.IsCancellationRequested)
                        {
                            try
                            {
                                await WriteAsync(http);
                            }
                            catch (HttpRequestException)
                            {
                                return; // the server died mid-request: that write was never acknowledged
                            }
                            catch (TaskCanceledException)
                            {
                                return;
                            }
                        }
                    });

                    await Task.Delay(random.Next(200, 1500));
                    await app.KillAsync();
                    await stop.CancelAsync();
                    await writer;
                }
            }

            // Restarted once more after the last kill: what is there?
            await using (var last = await AppProcess.StartAsync(settings, dataFolder))
            {
                using var probe = new HttpClient();
                (await probe.GetAsync(new Uri(last.Address, "/health"))).StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            await using var check = TestApp.StartOn(database, new Dictionary<string, string?> { ["SecureBase:MigrateOnStart"] = "false" });
            await using var scope = check.Scope();
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var referrals = (await db.Referrals.AsNoTracking().Select(r => r.Id).ToListAsync()).Select(id => id.Value).ToHashSet();
            var audited = (await db.AuditEntries.AsNoTracking().Where(a => a.Action == ReferralAuditActions.Received).Select(a => a.RecordId!).ToListAsync())
                .Select(Guid.Parse).ToHashSet();
            referrals.Remove(school.ReferralId.Value); // the test school's own referral, made without the API

            var lost = acknowledged.Count(id => !referrals.Contains(id));
            output.WriteLine($"{provider}: {Kills} kills; {attempted} writes attempted, {acknowledged.Count} acknowledged, {acknowledged.Count(referrals.Contains)} found, {lost} lost; {referrals.Count} referrals in the database.");
            acknowledged.Count.ShouldBeGreaterThan(Kills, "the client wrote between kills");
            lost.ShouldBe(0);
            referrals.Except(audited).ShouldBeEmpty("every referral has its audit entry");
            audited.Except(referrals).ShouldBeEmpty("every audit entry of a referral has its referral");

            if (provider == DatabaseProvider.Sqlite)
            {
                await using var connection = new SqliteConnection(database.ConnectionString);
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA integrity_check";
                (await command.ExecuteScalarAsync()).ShouldBe("ok");
            }

            var verify = await AppProcess.RunCommandAsync(settings, dataFolder, "verify-audit");
            verify.ExitCode.ShouldBe(0, verify.Output);
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    private static async Task<HttpClient> SignInAsync(Uri address, TestUser user)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = address,
            // Generous: a freshly restarted process on a busy shared machine can take a while over its first sign-in;
            // what this test proves is that nothing acknowledged is lost, not how fast a restart is.
            Timeout = TimeSpan.FromSeconds(120),
        };
        var signedIn = await new TestClient(http).SubmitAsync("/login", [Form.Field("Input.UserName", user.UserName), Form.Field("Input.Password", user.Password)]);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return http;
    }
}
