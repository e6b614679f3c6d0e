using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

/// <summary>
/// Someone who copied a session cookie (a shared computer, a stolen laptop, a proxy log) can use it
/// only until the session ends: signing out, a password change, a two-factor reset and disabling
/// the account each end it at once, on every instance of the application.
/// </summary>
public sealed class SignOutTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AfterSigningOut_ACopyOfTheCookie_NoLongerReadsTheApiOrReferrals(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var copy = await CookieAsync(hot);
        (await ReplayAsync(app, copy, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "the copy works while the session is open");
        (await ReplayAsync(app, copy, "/referrals")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var signedOut = await hot.SubmitAsync("/logout", []);
        signedOut.Headers.Location!.OriginalString.ShouldStartWith("/login");

        await ShouldBeUselessAsync(app, copy, "/referrals");
        (await ReplayAsync(app, copy, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await ShouldHaveEndedAsync(app, school[Role.HeadOfTherapy].Id, SessionEnd.SignedOut);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ChangingMyPassword_EndsEveryEarlierCookie_AndThisBrowserCarriesOn(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var laptop = await school.SignInAsync(Role.EducationStaff);
        var phone = await school.SignInAsync(Role.EducationStaff);
        var laptopBefore = await CookieAsync(laptop);
        var phoneCopy = await CookieAsync(phone);

        var changed = await laptop.SubmitAsync("/account/password",
        [
            Form.Field("Input.CurrentPassword", TestSchool.Password),
            Form.Field("Input.NewPassword", "kettle on the windowsill"),
            Form.Field("Input.ConfirmPassword", "kettle on the windowsill"),
        ]);
        changed.Headers.Location!.OriginalString.ShouldBe("/");

        (await laptop.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "the browser that changed the password stays signed in");
        await ShouldBeUselessAsync(app, phoneCopy, "/");
        await ShouldBeUselessAsync(app, laptopBefore, "/", "the cookie from before the change is replaced, not still valid beside the new one");
        await ShouldHaveEndedAsync(app, school[Role.EducationStaff].Id, SessionEnd.PasswordChanged);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ResettingTwoFactor_EndsTheirSessions(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await school.SignInAsync(Role.Therapist);
        var copy = await CookieAsync(therapist);
        (await ReplayAsync(app, copy, "/caseload")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await school.SignInAsync(Role.Administrator);
        (await admin.SubmitAsync($"/admin/users/{school[Role.Therapist].Id}", [], "form[action*='handler=ResetTwoFactor']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await ShouldBeUselessAsync(app, copy, "/caseload");
        (await ReplayAsync(app, copy, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await ShouldHaveEndedAsync(app, school[Role.Therapist].Id, SessionEnd.TwoFactorReset);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DisablingTheAccount_EndsTheirSessions(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var sendco = await school.SignInAsync(Role.Sendco);
        var copy = await CookieAsync(sendco);

        var admin = await school.SignInAsync(Role.Administrator);
        (await admin.SubmitAsync($"/admin/users/{school[Role.Sendco].Id}", [], "form[action*='handler=Disable']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await ShouldBeUselessAsync(app, copy, "/referrals");
        (await ReplayAsync(app, copy, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await ShouldHaveEndedAsync(app, school[Role.Sendco].Id, SessionEnd.AccountDisabled);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SigningOutOnOneInstance_EndsTheSessionOnAnother(DatabaseProvider provider)
    {
        await using var first = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(first);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var copy = await CookieAsync(teacher);

        // A second instance of the same installation: same database, its own memory.
        await using var second = TestApp.StartOn(first.Database);
        (await ReplayAsync(second, copy, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "the other instance reads the session cookie");

        await teacher.SubmitAsync("/logout", []);
        (await ReplayAsync(second, copy, "/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await ShouldBeUselessAsync(second, copy, "/");
    }

    /// <summary>The Cookie header the browser sends: what someone who copied it could replay.</summary>
    internal static async Task<string> CookieAsync(TestClient browser)
    {
        var response = await browser.GetAsync("/api/v1/me");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return string.Join("; ", response.RequestMessage!.Headers.GetValues("Cookie"));
    }

    internal static async Task<HttpResponseMessage> ReplayAsync(TestApp app, string cookie, string url)
    {
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task ShouldBeUselessAsync(TestApp app, string cookie, string page, string? because = null)
    {
        var response = await ReplayAsync(app, cookie, page);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, because ?? $"{page} with an ended session's cookie");
        response.Headers.Location!.AbsolutePath.ShouldBe("/login", because);
    }

    private static async Task ShouldHaveEndedAsync(TestApp app, Guid userId, SessionEnd reason)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        (await db.SignInSessions.AsNoTracking().Where(s => s.UserId == userId).Select(s => s.EndReason).ToListAsync())
            .ShouldContain(reason);
    }
}
