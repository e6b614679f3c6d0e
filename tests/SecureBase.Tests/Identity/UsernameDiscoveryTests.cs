using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

/// <summary>
/// The sign-in page must not tell anyone which usernames exist: an unknown name, a wrong password,
/// a locked account and a disabled account get the same page, and each costs one password-hash
/// verification (the slow part), so the answer takes about as long whichever it is.
/// </summary>
public sealed partial class UsernameDiscoveryTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ALockedAccount_AndAnUnknownName_GetTheSamePage_AndBothCheckAPasswordHash(DatabaseProvider provider)
    {
        var hasher = new CountingHasher();
        await using var app = await TestApp.StartAsync(provider, services: s =>
        {
            s.RemoveAll<IPasswordHasher<AppUser>>();
            s.AddSingleton<IPasswordHasher<AppUser>>(hasher);
        });
        var school = await TestSchool.CreateAsync(app);
        var teacher = school[Role.EducationStaff];
        var browser = new TestClient(app.NewBrowser());
        for (var i = 0; i < IdentityModule.LockoutAttempts; i++)
        {
            await browser.SubmitAsync("/login", [Form.Field("Input.UserName", teacher.UserName), Form.Field("Input.Password", "not-the-password-" + i)]);
        }

        var unknownName = "nobody." + TestSchool.Letters(8);
        var (locked, lockedChecks) = await SignInAsync(browser, hasher, teacher.UserName, "not-the-password-again");
        var (unknown, unknownChecks) = await SignInAsync(browser, hasher, unknownName, "not-the-password-again");
        var (lockedRight, lockedRightChecks) = await SignInAsync(browser, hasher, teacher.UserName, teacher.Password);

        Comparable(unknown, unknownName).ShouldBe(Comparable(locked, teacher.UserName), "a locked account must look exactly like a name that does not exist");
        Comparable(lockedRight, teacher.UserName).ShouldBe(Comparable(locked, teacher.UserName), "even the right password says nothing about the lock");
        locked.Errors.ShouldHaveSingleItem().ShouldBe(LoginModel.WrongDetails);
        unknownChecks.ShouldBe(1, "an unknown name is checked against a decoy hash");
        lockedChecks.ShouldBe(1, "a locked account costs a hash check too, not a quick refusal");
        lockedRightChecks.ShouldBe(1);

        // And the answer is the one a plain wrong password gets.
        var pupil = school[Role.Pupil];
        var (wrong, wrongChecks) = await SignInAsync(browser, hasher, pupil.UserName, "not-the-password-again");
        Comparable(wrong, pupil.UserName).ShouldBe(Comparable(unknown, unknownName));
        wrongChecks.ShouldBe(1);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ADisabledAccount_WithAWrongPassword_LooksLikeAnUnknownName(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var parent = school[Role.ParentCarer];
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var user = await db.Users.SingleAsync(u => u.Id == parent.Id);
            user.IsDisabled = true;
            await db.SaveChangesAsync();
        }

        var browser = new TestClient(app.NewBrowser());
        var unknownName = "nobody." + TestSchool.Letters(8);
        var disabled = await browser.SubmitAndReadAsync("/login", [Form.Field("Input.UserName", parent.UserName), Form.Field("Input.Password", "not-the-password")]);
        var unknown = await browser.SubmitAndReadAsync("/login", [Form.Field("Input.UserName", unknownName), Form.Field("Input.Password", "not-the-password")]);
        Comparable(disabled, parent.UserName).ShouldBe(Comparable(unknown, unknownName));

        var owner = await browser.SubmitAndReadAsync("/login", [Form.Field("Input.UserName", parent.UserName), Form.Field("Input.Password", parent.Password)]);
        owner.Errors.ShouldContain(e => e.Contains("cannot sign in", StringComparison.Ordinal), "only someone who knows the password learns that the account is disabled");
    }

    private static async Task<(Page Page, int HashChecks)> SignInAsync(TestClient browser, CountingHasher hasher, string userName, string password)
    {
        var page = await browser.GetPageAsync("/login");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = hasher.Verifications;
        var answer = await TestClient.ReadAsync(await browser.PostFormAsync("/login",
            [Form.Field("__RequestVerificationToken", token), Form.Field("Input.UserName", userName), Form.Field("Input.Password", password)]));
        return (answer, hasher.Verifications - before);
    }

    /// <summary>The page as sent, with the two things that differ by design taken out: the antiforgery token and the username typed, which the form shows back.</summary>
    private static string Comparable(Page page, string userName) =>
        TokenValue().Replace(page.Html, "value=\"(token)\"").Replace(userName, "(username)", StringComparison.Ordinal);

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex TokenValue();

    /// <summary>The application's own password hasher, counting how often a password is checked.</summary>
    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new(Options.Create(new PasswordHasherOptions { IterationCount = IdentityModule.PasswordHashIterations }));
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
