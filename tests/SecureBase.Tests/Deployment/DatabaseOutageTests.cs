using System.Net;
using Npgsql;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Deployment;

/// <summary>
/// PostgreSQL going away under load (a restart, a network blip): requests fail with a plain "try again"
/// for that moment, never a 500 page with details, and the application recovers by itself when the
/// database is back, with no restart.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Theory, OnPostgres]
    public async Task WhileTheDatabaseIsAway_PagesAndTheApiSayTryAgain_AndAfterwardsEverythingWorksWithoutARestart(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var gate = new TcpGate(new IPEndPoint(IPAddress.Loopback, direct.Port));
        var gated = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = gate.Port, Timeout = 3 };
        await using var app = TestApp.StartOn(database, new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = gated.ConnectionString });
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await teacher.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        gate.Shut();
        for (var i = 0; i < 3; i++)
        {
            var page = await teacher.GetPageAsync("/referrals/new");
            page.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
            page.Title.ShouldBe("SecureBase cannot reach its database for a moment");
            page.Text.ShouldContain("Nothing you sent was saved. Wait a few seconds and try again.");
            page.Html.ShouldNotContain("   at ");
            page.Html.ShouldNotContain("Npgsql");
            page.Response.Headers.RetryAfter!.ToString().ShouldBe("5");

            var api = await teacher.GetAsync("/api/v1/me");
            api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await api.Content.ReadAsStringAsync()).ShouldNotContain("Npgsql");
        }

        gate.Open();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10 && statuses.LastOrDefault() != HttpStatusCode.OK; i++)
        {
            statuses.Add((await teacher.GetAsync("/referrals/new")).StatusCode);
        }

        statuses.Last().ShouldBe(HttpStatusCode.OK, "the same signed-in user carries on, with no restart");
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.ServiceUnavailable);
        (await teacher.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
