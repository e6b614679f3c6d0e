using Microsoft.EntityFrameworkCore;
using SecureBase.BrowserTests.Pages;
using SecureBase.BrowserTests.Support;
using SecureBase.Demo;
using SecureBase.Identity;
using SecureBase.Identity.SingleSignOn;
using SecureBase.Tests.Support;

namespace SecureBase.BrowserTests.Identity;

/// <summary>
/// Single sign-on in a real browser (issue 15, ADR 0017), against the loopback OpenID Connect provider the unit tests use:
/// the administrator turns it on for Hollybrook Academy; a teacher signs in with "Sign in with your school's Microsoft or
/// Google account" and reaches their home page; a therapist (a role that needs two factors) whose provider asserts no
/// multi-factor is asked for their authenticator code; someone from another domain is refused in plain words; the
/// administrator unlinks the teacher's school account. The new pages are accessible throughout.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SingleSignOnJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task TheAdministratorTurnsItOn_StaffSignInWithTheirSchoolAccounts_AndSomeoneFromElsewhereIsRefusedPlainly()
    {
        await using var idp = await TestOidcProvider.StartAsync(TimeProvider.System);
        var domain = "sso" + Guid.NewGuid().ToString("N")[..6] + ".sch.uk";
        var teacher = browser.Demo.For(Role.EducationStaff);
        var therapist = browser.Demo.For(Role.Therapist);
        await SetEmailAsync(teacher, $"k.asante@{domain}");
        await SetEmailAsync(therapist, $"f.adeyemi@{domain}");

        // The therapist has signed in with a password and an authenticator before (set up now if this run has not yet).
        await using (var before = await browser.NewSessionAsync())
        {
            await before.SignInAsync(therapist);
        }

        // The administrator turns single sign-on on with what the provider gave the school.
        await using (var session = await browser.NewSessionAsync(withAxe: true))
        {
            await session.SignInAsync(browser.Demo.For(Role.Administrator));
            var page = session.Page;
            await page.Locator($"nav a[href='{SingleSignOnAdminPage.Path}']").ClickAsync();
            await page.WaitToArriveAsync(SingleSignOnAdminPage.Path);
            var admin = new SingleSignOnAdminPage(page);
            (await admin.Heading.InnerTextAsync()).ShouldBe("Single sign-on");
            await page.ShouldHaveNoAccessibilityViolationsAsync("the single sign-on settings");
            await admin.TurnOnAsync("Another OpenID Connect provider", idp.Issuer, idp.ClientId, idp.ClientSecret, domain);
            (await admin.Saved.InnerTextAsync()).ShouldContain("switched on");
            (await page.ContentAsync()).ShouldNotContain(idp.ClientSecret);
            await page.ShouldHaveNoAccessibilityViolationsAsync("the single sign-on settings, saved");
            session.Errors.ShouldBeEmpty();
        }

        // A teacher signs in with their school account and reaches their home page.
        await using (var session = await browser.NewSessionAsync(withAxe: true))
        {
            idp.User = new TestProviderUser("sub-teacher", $"k.asante@{domain}");
            var school = await SchoolAccountPage.OpenFromLoginAsync(session.Page);
            (await school.Heading.InnerTextAsync()).ShouldBe("Sign in with your school account");
            await session.Page.ShouldHaveNoAccessibilityViolationsAsync("the school account page");
            await school.ContinueAsync($"k.asante@{domain}");
            await school.ArriveAtAsync(HomePage.Path);
            (await new HomePage(session.Page).Role.InnerTextAsync()).ShouldContain("Education staff");
            session.Errors.ShouldBeEmpty();
        }

        // A therapist needs two factors; the provider asserts only a password, so SecureBase asks for its own code.
        await using (var session = await browser.NewSessionAsync(withAxe: true))
        {
            idp.User = new TestProviderUser("sub-therapist", $"f.adeyemi@{domain}", Methods: ["pwd"]);
            var school = await SchoolAccountPage.OpenFromLoginAsync(session.Page);
            await school.ContinueAsync($"f.adeyemi@{domain}");
            await school.ArriveAtAsync(LoginTwoFactorPage.Path);
            var code = new LoginTwoFactorPage(session.Page);
            var app = browser.Demo.AuthenticatorOf(therapist) ?? throw new InvalidOperationException("The therapist's authenticator was set up above.");
            await code.EnterCodeAsync(await app.NextCodeAsync());
            session.Page.PathOf().ShouldBe(HomePage.Path);
            (await new HomePage(session.Page).Role.InnerTextAsync()).ShouldContain("Therapist");
            session.Errors.ShouldBeEmpty();
        }

        // Someone whose provider account is of another domain: refused in the school's words, and not signed in.
        await using (var session = await browser.NewSessionAsync(withAxe: true))
        {
            idp.User = new TestProviderUser("sub-stranger", "someone@elsewhere.org.uk");
            var school = await SchoolAccountPage.OpenFromLoginAsync(session.Page);
            await school.ContinueAsync($"someone@{domain}");
            await school.ArriveAtAsync(SchoolAccountPage.CallbackPath);
            (await school.Refusal.InnerTextAsync()).Trim().ShouldBe(SchoolAccountCallbackPageModel.NotLinked(DemoUsers.MainSchool));
            (await school.Heading.InnerTextAsync()).ShouldBe("You have not been signed in");
            await session.Page.ShouldHaveNoAccessibilityViolationsAsync("the refusal");
            await session.Page.GotoAsync(HomePage.Path);
            session.Page.PathOf().ShouldBe(LoginPage.Path);
        }

        // The administrator sees who is linked, and unlinks the teacher (their Microsoft account was recreated, say).
        await using (var session = await browser.NewSessionAsync(withAxe: true))
        {
            await session.SignInAsync(browser.Demo.For(Role.Administrator));
            await session.Page.GotoAsync(SingleSignOnAdminPage.Path);
            var admin = new SingleSignOnAdminPage(session.Page);
            (await admin.LinkedAccounts.AllInnerTextsAsync()).ShouldContain(row => row.Contains(teacher.UserName, StringComparison.Ordinal));
            await session.Page.ShouldHaveNoAccessibilityViolationsAsync("the single sign-on page with linked staff");
            await admin.LinkedAccounts.Filter(new() { HasText = teacher.UserName }).GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();
            await session.Page.WaitToArriveAsync(url => PageExtensions.PathOf(url).StartsWith("/admin/single-sign-on/unlink/", StringComparison.Ordinal), "the unlink confirmation");
            await session.Page.ShouldHaveNoAccessibilityViolationsAsync("the unlink confirmation");
            await session.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Unlink the school account", Exact = true }).ClickAsync();
            await session.Page.WaitToArriveAsync(SingleSignOnAdminPage.Path);
            (await admin.Saved.InnerTextAsync()).ShouldContain("school account is unlinked");
            (await admin.LinkedAccounts.AllInnerTextsAsync()).ShouldNotContain(row => row.Contains(teacher.UserName, StringComparison.Ordinal));
            session.Errors.ShouldBeEmpty();
        }
    }

    private Task SetEmailAsync(DemoAccount account, string email) =>
        browser.InDemoSchoolAsync(db => db.Users.Where(u => u.UserName == account.UserName)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, email).SetProperty(x => x.NormalizedEmail, email.ToUpperInvariant()).SetProperty(x => x.EmailConfirmed, true)));
}
