using System.Net;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

/// <summary>Sessions end after 30 idle minutes, after 12 hours whatever happens, and at once when an administrator says so.</summary>
public sealed class SessionTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ASessionLeftIdleForThirtyMinutes_Ends(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var browser = await school.SignInAsync(Role.Therapist);
        app.Clock.Advance(TimeSpan.FromMinutes(25));
        (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK, "25 idle minutes is within the limit");
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await ShouldBeSignedOutAsync(browser);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnActiveSession_StillEndsAfterTwelveHours(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var browser = await school.SignInAsync(Role.Sendco);
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(20))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK, $"still working after {elapsed}");
        }

        app.Clock.Advance(TimeSpan.FromMinutes(40));
        await ShouldBeSignedOutAsync(browser);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DisablingAUser_EndsTheirOpenSession_OnTheirNextClick(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await school.SignInAsync(Role.Therapist);
        var admin = await school.SignInAsync(Role.Administrator);
        var userId = school[Role.Therapist].Id;

        var done = await admin.SubmitAsync($"/admin/users/{userId}", [], "form[action*='handler=Disable']");
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await ShouldBeSignedOutAsync(therapist);
        var api = await therapist.GetAsync("/api/v1/me");
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var again = await new TestClient(app.NewBrowser()).SubmitAndReadAsync("/login", [Form.Field("Input.UserName", school[Role.Therapist].UserName), Form.Field("Input.Password", TestSchool.Password)]);
        again.Errors.ShouldContain(e => e.Contains("cannot sign in", StringComparison.Ordinal));
        (await AccountSecurityTests.AuditActionsAsync(app, userId)).ShouldContain(AuditActions.UserDisabled);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RemovingARole_TakesEffectOnTheNextClick(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.GetAsync("/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await school.SignInAsync(Role.Administrator);
        // Education staff needs no approval (RoleApprovalTests covers the roles that do), so the swap is immediate.
        var saved = await admin.SubmitAsync($"/admin/users/{school[Role.HeadOfTherapy].Id}", [Form.Field("Input.Roles", nameof(Role.EducationStaff))], "form[action*='handler=Roles']");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await hot.GetAsync("/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var actions = await AccountSecurityTests.AuditActionsAsync(app, school[Role.HeadOfTherapy].Id);
        actions.ShouldContain(AuditActions.RoleRemoved);
        actions.ShouldContain(AuditActions.RoleGranted);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task APasswordResetByTheAdministrator_EndsSessions_AndTheNewPasswordMustBeReplaced(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var admin = await school.SignInAsync(Role.Administrator);
        var page = await admin.SubmitAndReadAsync($"/admin/users/{school[Role.EducationStaff].Id}", [], "form[action*='handler=ResetPassword']");
        var temporary = page.Document.QuerySelector("#temporary-password")!.TextContent.Trim();
        temporary.Length.ShouldBeGreaterThanOrEqualTo(PasswordRules.MinLength);
        await ShouldBeSignedOutAsync(teacher);

        var browser = new TestClient(app.NewBrowser());
        (await browser.SubmitAsync("/login", [Form.Field("Input.UserName", school[Role.EducationStaff].UserName), Form.Field("Input.Password", temporary)]))
            .Headers.Location!.OriginalString.ShouldBe("/");
        var detour = await browser.GetAsync("/");
        detour.Headers.Location!.OriginalString.ShouldBe("/account/password");

        var weak = await browser.SubmitAndReadAsync("/account/password",
            [Form.Field("Input.CurrentPassword", temporary), Form.Field("Input.NewPassword", "password1234"), Form.Field("Input.ConfirmPassword", "password1234")]);
        weak.Errors.ShouldContain(e => e.Contains("too easy to guess", StringComparison.Ordinal));

        var changed = await browser.SubmitAsync("/account/password",
            [Form.Field("Input.CurrentPassword", temporary), Form.Field("Input.NewPassword", "marmalade under the stairs"), Form.Field("Input.ConfirmPassword", "marmalade under the stairs")]);
        changed.Headers.Location!.OriginalString.ShouldBe("/");
        (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK, "the session that changed the password carries on");
    }

    private static async Task ShouldBeSignedOutAsync(TestClient browser)
    {
        var response = await browser.GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/login");
    }
}
