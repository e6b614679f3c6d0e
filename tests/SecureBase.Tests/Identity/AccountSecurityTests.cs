using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

/// <summary>Lockout, two-factor sign-in, password rules and password hashing.</summary>
public sealed class AccountSecurityTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightOne_ForFifteenMinutes(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var user = school[Role.EducationStaff];
        var browser = new TestClient(app.NewBrowser());
        for (var i = 0; i < 5; i++)
        {
            var wrong = await browser.SubmitAndReadAsync("/login", [Form.Field("Input.UserName", user.UserName), Form.Field("Input.Password", "wrong-password-" + i)]);
            wrong.Errors.ShouldContain(e => e.Contains("not right", StringComparison.Ordinal) || e.Contains("locked", StringComparison.Ordinal));
        }

        var locked = await browser.SubmitAndReadAsync("/login", [Form.Field("Input.UserName", user.UserName), Form.Field("Input.Password", user.Password)]);
        locked.Status.ShouldBe(HttpStatusCode.OK, "the right password must not sign in a locked account");
        locked.Errors.ShouldContain(e => e.Contains("locked", StringComparison.Ordinal));
        (await AuditActionsAsync(app, user.Id)).ShouldContain(AuditActions.LoginLockedOut);

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await TestSchool.SignInAsync(app, user);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ARoleThatReadsConfidentialData_MustSetUpTwoFactor_BeforeAnythingElse(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = school[Role.HeadOfTherapy];
        await ResetTwoFactorAsync(app, hot.Id);

        var browser = new TestClient(app.NewBrowser());
        var response = await browser.SubmitAsync("/login", [Form.Field("Input.UserName", hot.UserName), Form.Field("Input.Password", hot.Password)]);
        response.Headers.Location!.OriginalString.ShouldBe("/");
        foreach (var url in new[] { "/", "/audit", "/admin/users" })
        {
            var detour = await browser.GetAsync(url);
            detour.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            detour.Headers.Location!.OriginalString.ShouldBe("/account/two-factor");
        }

        var api = await browser.GetAsync("/api/v1/school");
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Content.ReadAsStringAsync()).ShouldContain("two-factor");

        var setup = await browser.GetPageAsync("/account/two-factor");
        setup.Text.ShouldContain("can see confidential information");
        var key = setup.Document.QuerySelector("#shared-key")!.TextContent;
        var wrong = await browser.SubmitAndReadAsync("/account/two-factor", [Form.Field("Input.Code", "000000")]);
        wrong.Errors.ShouldContain(e => e.Contains("That code is not right", StringComparison.Ordinal));

        var done = await browser.SubmitAndReadAsync("/account/two-factor", [Form.Field("Input.Code", AuthenticatorApp.CodeFor(key, app.Clock.GetUtcNow()))]);
        done.Document.QuerySelectorAll("#recovery-codes li").Length.ShouldBe(10);
        (await browser.GetAsync("/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.Http.GetFromJsonAsync<MeDto>("/api/v1/me", Json.Options))!.SignedInWithSecondFactor.ShouldBeTrue();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheSecondStep_RefusesAWrongOrReusedCode_AndAcceptsARecoveryCodeOnce(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var dsl = school[Role.Dsl];

        var first = new TestClient(app.NewBrowser());
        var step = await first.SubmitAsync("/login", [Form.Field("Input.UserName", dsl.UserName), Form.Field("Input.Password", dsl.Password)]);
        step.Headers.Location!.OriginalString.ShouldStartWith("/login/two-factor");
        var wrong = await first.SubmitAndReadAsync("/login/two-factor", [Form.Field("Input.Code", "123456")]);
        wrong.Errors.ShouldContain(e => e.Contains("not right", StringComparison.Ordinal));
        var code = TestSchool.NextCode(app, dsl);
        (await first.SubmitAsync("/login/two-factor", [Form.Field("Input.Code", code)])).Headers.Location!.OriginalString.ShouldBe("/");

        var second = new TestClient(app.NewBrowser());
        await second.SubmitAsync("/login", [Form.Field("Input.UserName", dsl.UserName), Form.Field("Input.Password", dsl.Password)]);
        var replay = await second.SubmitAndReadAsync("/login/two-factor", [Form.Field("Input.Code", code)]);
        replay.Errors.ShouldContain(e => e.Contains("not right", StringComparison.Ordinal), "a code that has been used once is refused");

        string recovery;
        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(dsl.Id.ToString()))!, 2))!.First();
        }

        (await second.SubmitAsync("/login/two-factor", [Form.Field("Input.Code", recovery)])).Headers.Location!.OriginalString.ShouldBe("/");
        var third = new TestClient(app.NewBrowser());
        await third.SubmitAsync("/login", [Form.Field("Input.UserName", dsl.UserName), Form.Field("Input.Password", dsl.Password)]);
        (await third.SubmitAndReadAsync("/login/two-factor", [Form.Field("Input.Code", recovery)])).Errors.ShouldNotBeEmpty("a recovery code works once");
    }

    [Theory, OnSqlite]
    public async Task UnknownUsername_AndWrongPassword_GetTheSameMessage(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var browser = new TestClient(app.NewBrowser());
        var unknown = await browser.SubmitAndReadAsync("/login", [Form.Field("Input.UserName", "nobody." + TestSchool.Letters(6)), Form.Field("Input.Password", "whatever-password-1")]);
        var wrong = await browser.SubmitAndReadAsync("/login", [Form.Field("Input.UserName", school[Role.Pupil].UserName), Form.Field("Input.Password", "whatever-password-1")]);
        unknown.Errors.ShouldBe(wrong.Errors);
        unknown.Errors.ShouldHaveSingleItem().ShouldContain("username or password is not right");
    }

    [Theory]
    [InlineData("short-pw-11", "at least 12 characters")]
    [InlineData("password1234", "too easy to guess")]
    [InlineData("qwertyqwerty", "too easy to guess")]
    [InlineData("123456789012", "too easy to guess")]
    [InlineData("aaaaaaaaaaaaaaaa", "too easy to guess")]
    [InlineData("!!Password2024!!", "too easy to guess")]
    public void PasswordRules_RefuseShortAndCommonPasswords(string password, string reason) =>
        PasswordRules.Check(password).ShouldNotBeNull().ShouldContain(reason);

    [Theory]
    [InlineData("violet tractor under glass")]
    [InlineData("ŵy-draig-goch-2026")]
    [InlineData("lowercaseonlybutlongenough")]
    public void PasswordRules_AcceptLongUncommonPasswords_WithoutCompositionRules(string password) =>
        PasswordRules.Check(password).ShouldBeNull();

    [Fact]
    public void PasswordRules_AllowUpTo128Characters_AndNoMore()
    {
        PasswordRules.Check(new string('x', 64) + new string('y', 64)).ShouldBeNull();
        PasswordRules.Check(new string('x', 64) + new string('y', 65)).ShouldNotBeNull().ShouldContain("at most 128");
    }

    [Fact]
    public void PasswordRules_RefuseTheUsersOwnName() =>
        PasswordRules.Check("rajesh-nair-likes-tea", "r.nair", "Rajesh Nair").ShouldNotBeNull().ShouldContain("name");

    [Theory, OnSqlite]
    public async Task Passwords_AreHashedWithAtLeast210000Iterations_AndOldHashesUpgradeAtSignIn(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = school[Role.EducationStaff];
        (await IterationsAsync(app, teacher.Id)).ShouldBeGreaterThanOrEqualTo(210_000);

        // A hash made as older versions of ASP.NET Core did (100,000 iterations).
        var old = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 })).HashPassword(new AppUser(), teacher.Password);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var user = await db.Users.SingleAsync(u => u.Id == teacher.Id);
            user.PasswordHash = old;
            await db.SaveChangesAsync();
        }

        (await IterationsAsync(app, teacher.Id)).ShouldBe(100_000);
        await school.SignInAsync(Role.EducationStaff);
        (await IterationsAsync(app, teacher.Id)).ShouldBeGreaterThanOrEqualTo(210_000);
    }

    private static async Task<int> IterationsAsync(TestApp app, Guid userId)
    {
        await using var scope = app.Scope();
        var hash = (await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Users.AsNoTracking().SingleAsync(u => u.Id == userId)).PasswordHash!;
        var bytes = Convert.FromBase64String(hash);
        bytes[0].ShouldBe((byte)0x01, "ASP.NET Core Identity v3 hash format");
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    private static async Task ResetTwoFactorAsync(TestApp app, Guid userId)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(userId.ToString()))!;
        await users.SetTwoFactorEnabledAsync(user, false);
        await scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>().As<IUserAuthenticatorKeyStore<AppUser>>().SetAuthenticatorKeyAsync(user, null!, default);
        await users.UpdateAsync(user);
    }

    internal static async Task<List<string>> AuditActionsAsync(TestApp app, Guid userId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().AuditEntries.AsNoTracking()
            .Where(e => e.UserId == userId || e.RecordId == userId.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }
}

internal static class StoreExtensions
{
    public static T As<T>(this object o) => (T)o;
}
