using SecureBase.BrowserTests.Pages;
using SecureBase.BrowserTests.Support;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Web;

/// <summary>axe-core at WCAG 2.0/2.1/2.2 A and AA on the pages every user meets.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    public static TheoryData<Role> EveryRole => new(Enum.GetValues<Role>());

    [BrowserFact]
    public async Task AccessibilityCheck_PageMissingALabel_ReportsRuleImpactTargetAndHelp()
    {
        await using var session = await browser.NewSessionAsync(withAxe: true);
        await LoginPage.OpenAsync(session.Page);
        // Break the page on purpose: the check must be able to fail, and say why.
        await session.Page.EvaluateAsync("() => document.querySelector('label[for=Input_UserName]').remove()");

        var violations = await AxeCore.RunAsync(session.Page);

        var label = violations.ShouldHaveSingleItem();
        label.Id.ShouldBe("label");
        label.Nodes.ShouldContain(n => n.Target.Contains("#Input_UserName"));
        var report = AxeCore.Describe(violations, "login page");
        report.ShouldContain($"label ({label.Impact}): {label.Help}");
        report.ShouldContain("#Input_UserName");
    }

    [BrowserFact]
    public async Task LoginPage_Anonymous_HasNoAccessibilityViolations()
    {
        await using var session = await browser.NewSessionAsync(withAxe: true);
        await LoginPage.OpenAsync(session.Page);
        await session.Page.ShouldHaveNoAccessibilityViolationsAsync("login page");
    }

    [BrowserTheory]
    [MemberData(nameof(EveryRole))]
    public async Task HomePage_AsDemoAccountOfRole_HasNoAccessibilityViolations(Role role)
    {
        await using var session = await browser.NewSessionAsync(withAxe: true);
        await session.SignInAsync(browser.Demo.For(role));
        await session.Page.ShouldHaveNoAccessibilityViolationsAsync($"home page of {RoleInfo.Of(role).Name}");
    }

    [BrowserFact]
    public async Task SignInSteps_WithTheirErrors_HaveNoAccessibilityViolations()
    {
        // An account no other test signs in with: its first sign-in is the authenticator set-up.
        var account = browser.Demo.AtMeadowside(Role.Administrator);
        await using (var first = await browser.NewSessionAsync(withAxe: true))
        {
            var login = await LoginPage.OpenAsync(first.Page);
            await login.SignInRefusedAsync(account.UserName, account.Password + "-wrong");
            await first.Page.ShouldHaveNoAccessibilityViolationsAsync("login page with a wrong password");

            await login.SignInAsync(account.UserName, account.Password);
            first.Page.PathOf().ShouldBe(TwoFactorSetupPage.Path);
            var setup = new TwoFactorSetupPage(first.Page);
            await first.Page.ShouldHaveNoAccessibilityViolationsAsync("two-factor set-up page");

            var app = await setup.AddToAuthenticatorAsync();
            await setup.TurnOnRefusedAsync(app.WrongCode());
            await first.Page.ShouldHaveNoAccessibilityViolationsAsync("two-factor set-up page with a wrong code");

            await setup.TurnOnAsync(app);
            browser.Demo.SetUpAuthenticator(account, app);
            await first.Page.ShouldHaveNoAccessibilityViolationsAsync("recovery codes page");
        }

        await using var second = await browser.NewSessionAsync(withAxe: true);
        await (await LoginPage.OpenAsync(second.Page)).SignInAsync(account.UserName, account.Password);
        second.Page.PathOf().ShouldBe(LoginTwoFactorPage.Path);
        await second.Page.ShouldHaveNoAccessibilityViolationsAsync("two-factor code page");
        await new LoginTwoFactorPage(second.Page).EnterRefusedCodeAsync(browser.Demo.AuthenticatorOf(account)!.WrongCode());
        await second.Page.ShouldHaveNoAccessibilityViolationsAsync("two-factor code page with a wrong code");
    }

    [BrowserFact]
    public async Task ChooseSchoolAndAccessDeniedPages_HaveNoAccessibilityViolations()
    {
        var officer = browser.Demo.For(Role.LocalAuthorityOfficer);
        await using var session = await browser.NewSessionAsync(withAxe: true);
        var choice = await session.SignInToSchoolChoiceAsync(officer);
        await session.Page.ShouldHaveNoAccessibilityViolationsAsync("choose-school page");

        await choice.ChooseAsync(DemoUsers.MainSchool);
        var refused = await StatusPage.OpenAsync(session.Page, "/admin/users");
        refused.Status.ShouldBe(403);
        await session.Page.ShouldHaveNoAccessibilityViolationsAsync("access denied page");
    }
}
