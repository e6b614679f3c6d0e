using SecureBase.BrowserTests.Pages;
using SecureBase.Demo;

namespace SecureBase.BrowserTests.Support;

/// <summary>The steps a sign-in went through, for tests that check the path as well as the destination.</summary>
[Flags]
public enum SignInSteps
{
    Password = 1,
    AuthenticatorSetUp = 2,
    AuthenticatorCode = 4,
    SchoolChosen = 8,
}

public sealed record SignedIn(HomePage Home, SignInSteps Steps);

public static class SignIn
{
    /// <summary>
    /// Signs a demo account in as its owner would: password; then, for a role that needs two
    /// factors, the authenticator set-up the first time or the code page after that; then, for
    /// someone in several schools, Hollybrook Academy. Ends on the home page.
    /// </summary>
    public static async Task<SignedIn> SignInAsync(this BrowserSession session, DemoAccount account)
        => await SignInAsync(session, account, stopAtSchoolChoice: false);

    /// <summary>
    /// Signs in as <see cref="SignInAsync(BrowserSession, DemoAccount)"/> does, but stops on the
    /// choose-school page (after any second factor) for tests of that page itself.
    /// </summary>
    public static async Task<ChooseSchoolPage> SignInToSchoolChoiceAsync(this BrowserSession session, DemoAccount account)
    {
        await SignInAsync(session, account, stopAtSchoolChoice: true);
        session.Page.PathOf().ShouldBe(ChooseSchoolPage.Path, $"{account.UserName} works in several schools and should be asked which one");
        return new ChooseSchoolPage(session.Page);
    }

    private static async Task<SignedIn> SignInAsync(BrowserSession session, DemoAccount account, bool stopAtSchoolChoice)
    {
        var page = session.Page;
        var demo = session.Fixture.Demo;
        var login = await LoginPage.OpenAsync(page);
        await login.SignInAsync(account.UserName, account.Password);
        var steps = SignInSteps.Password;

        // Someone in several schools chooses the school first; a role that needs two factors is then asked for them
        // (or the other way round), so take the steps in whatever order SecureBase asks for them.
        for (var step = 0; step < 3; step++)
        {
            if (page.PathOf() == LoginTwoFactorPage.Path)
            {
                var app = demo.AuthenticatorOf(account)
                    ?? throw new InvalidOperationException($"{account.UserName} was asked for a code but no authenticator was set up for it in this run.");
                await new LoginTwoFactorPage(page).EnterCodeAsync(await app.NextCodeAsync());
                steps |= SignInSteps.AuthenticatorCode;
            }
            else if (page.PathOf() == TwoFactorSetupPage.Path)
            {
                var setup = new TwoFactorSetupPage(page);
                demo.SetUpAuthenticator(account, await setup.SetUpAsync());
                await setup.ContinueAsync();
                steps |= SignInSteps.AuthenticatorSetUp;
            }
            else if (page.PathOf() == ChooseSchoolPage.Path && stopAtSchoolChoice)
            {
                break;
            }
            else if (page.PathOf() == ChooseSchoolPage.Path)
            {
                await new ChooseSchoolPage(page).ChooseAsync(DemoUsers.MainSchool);
                steps |= SignInSteps.SchoolChosen;
            }
            else
            {
                break;
            }
        }

        if (stopAtSchoolChoice)
        {
            return new SignedIn(new HomePage(page), steps);
        }

        page.PathOf().ShouldBe(HomePage.Path, $"{account.UserName} should reach the home page after signing in ({steps})");
        return new SignedIn(new HomePage(page), steps);
    }
}
