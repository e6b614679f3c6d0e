using System.Net;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

/// <summary>Sign-in attempts per network address per minute are counted in the database (one count for every instance).</summary>
public sealed class SignInLimitTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AfterTheLimit_SignInPostsAreRefusedForTheRestOfTheMinute_OnEveryInstance_ThenAllowedAgain(DatabaseProvider provider)
    {
        await using var first = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["SecureBase:LoginAttemptsPerMinute"] = "3" });
        await using var second = TestApp.StartOn(first.Database, new Dictionary<string, string?> { ["SecureBase:LoginAttemptsPerMinute"] = "3" });
        // Both clocks to the start of a minute, so that the attempts fall in one.
        var toNextMinute = TimeSpan.FromSeconds(60 - first.Clock.GetUtcNow().Second);
        first.Clock.Advance(toNextMinute);
        second.Clock.Advance(toNextMinute);
        var school = await TestSchool.CreateAsync(first);
        var teacher = school[Role.EducationStaff];
        var one = new TestClient(first.NewBrowser());
        var two = new TestClient(second.NewBrowser());

        var statuses = new List<HttpStatusCode>();
        foreach (var browser in new[] { one, two, one, two })
        {
            statuses.Add((await browser.SubmitAsync("/login", [Form.Field("Input.UserName", teacher.UserName), Form.Field("Input.Password", "wrong")])).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        var refused = await two.SubmitAsync("/login", [Form.Field("Input.UserName", teacher.UserName), Form.Field("Input.Password", teacher.Password)]);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "even the right password waits for the minute to pass");
        (await refused.Content.ReadAsStringAsync()).ShouldBe(SignInThrottle.TooMany);
        (await one.GetAsync("/login")).StatusCode.ShouldBe(HttpStatusCode.OK, "the page itself still opens");

        first.Clock.Advance(TimeSpan.FromMinutes(1));
        second.Clock.Advance(TimeSpan.FromMinutes(1));
        var next = await one.SubmitAsync("/login", [Form.Field("Input.UserName", teacher.UserName), Form.Field("Input.Password", teacher.Password)]);
        next.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a new minute");
    }
}
