using SecureBase.BrowserTests.Pages;
using SecureBase.BrowserTests.Support;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.BrowserTests.Identity;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    public static TheoryData<Role> EveryRole => new(Enum.GetValues<Role>());

    [BrowserTheory]
    [MemberData(nameof(EveryRole))]
    public async Task SignIn_AsDemoAccountOfRole_ShowsOwnHomeAndOnlyPermittedPages(Role role)
    {
        var info = RoleInfo.Of(role);
        var account = browser.Demo.For(role);
        var hadAuthenticator = browser.Demo.AuthenticatorOf(account) is not null;
        await using var session = await browser.NewSessionAsync();

        var (home, steps) = await session.SignInAsync(account);

        // A role that sees confidential information signs in with two factors: set up at first, a code after that.
        var expectedSecondFactor = !info.RequiresTwoFactor ? default(SignInSteps)
            : hadAuthenticator ? SignInSteps.AuthenticatorCode : SignInSteps.AuthenticatorSetUp;
        (steps & (SignInSteps.AuthenticatorSetUp | SignInSteps.AuthenticatorCode)).ShouldBe(expectedSecondFactor);
        // Only the local authority officer has roles in two demo schools, so only they choose one.
        steps.HasFlag(SignInSteps.SchoolChosen).ShouldBe(role == Role.LocalAuthorityOfficer);

        if (role == Role.Pupil)
        {
            (await home.Lead.InnerTextAsync()).ShouldContain("This is your space");
            (await home.Role.CountAsync()).ShouldBe(0);
        }
        else
        {
            (await home.Role.InnerTextAsync()).ShouldBe(info.Name);
            (await home.Lead.InnerTextAsync()).ShouldContain(DemoUsers.MainSchool);
        }

        var expected = Navigation.Items
            .Where(i => PolicyTable.Permits([role], i.Action))
            .Select(i => new NavLink(i.Label, i.Href))
            .ToList();
        (await home.NavigationLinksAsync()).ShouldBe(expected, $"the main navigation of {info.Name}");

        foreach (var item in Navigation.Items)
        {
            if (PolicyTable.Permits([role], item.Action))
            {
                var response = await session.Page.GotoAsync(item.Href);
                response!.Status.ShouldBe(200, $"{info.Name} may use {item.Href}");
            }
            else
            {
                var refused = await StatusPage.OpenAsync(session.Page, item.Href);
                refused.Status.ShouldBe(403, $"{info.Name} may not use {item.Href}");
                (await refused.Heading.InnerTextAsync()).ShouldBe(StatusPage.ForbiddenHeading);
            }
        }

        session.Errors.ShouldBeEmpty("the browser reported no errors on the way");
    }

    [BrowserFact]
    public async Task SecondSignIn_WithTwoFactorRole_AsksForCodeAndShowsWrongCodeBesideField()
    {
        // An account no other test signs in with, so its first sign-in is certainly the set-up.
        var account = browser.Demo.AtMeadowside(Role.HeadOfTherapy);
        await using (var first = await browser.NewSessionAsync())
        {
            (await first.SignInAsync(account)).Steps.ShouldBe(SignInSteps.Password | SignInSteps.AuthenticatorSetUp);
        }

        await using var second = await browser.NewSessionAsync();
        var login = await LoginPage.OpenAsync(second.Page);
        await login.SignInAsync(account.UserName, account.Password);
        second.Page.PathOf().ShouldBe(LoginTwoFactorPage.Path);

        var codePage = new LoginTwoFactorPage(second.Page);
        var app = browser.Demo.AuthenticatorOf(account)!;
        await codePage.EnterRefusedCodeAsync(app.WrongCode());
        second.Page.PathOf().ShouldBe(LoginTwoFactorPage.Path);
        (await codePage.CodeError.InnerTextAsync()).ShouldContain("That code is not right");
        (await codePage.ErrorIsBesideCodeFieldAsync()).ShouldBeTrue("the error belongs to the code field, and the field says so");

        await codePage.EnterCodeAsync(await app.NextCodeAsync());
        second.Page.PathOf().ShouldBe(HomePage.Path);
        (await new HomePage(second.Page).Role.InnerTextAsync()).ShouldBe(RoleInfo.Of(Role.HeadOfTherapy).Name);
    }
}
