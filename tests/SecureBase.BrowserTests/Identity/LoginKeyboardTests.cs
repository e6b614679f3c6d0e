using SecureBase.BrowserTests.Pages;
using SecureBase.BrowserTests.Support;
using SecureBase.Identity;
using static Microsoft.Playwright.Assertions;

namespace SecureBase.BrowserTests.Identity;

[Collection(BrowserCollection.Name)]
public sealed class LoginKeyboardTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Login_WithKeyboardOnly_TabsThroughSkipLinkAndFieldsInOrderAndEnterSubmits()
    {
        var account = browser.Demo.For(Role.EducationStaff);
        await using var session = await browser.NewSessionAsync();
        var keyboard = session.Page.Keyboard;
        var login = await LoginPage.OpenAsync(session.Page);

        await keyboard.PressAsync("Tab");
        await Expect(login.SkipLink).ToBeFocusedAsync();

        // Between the skip link and the form only the site header's links may take focus (its "SecureBase" home link).
        var passed = new List<string>();
        for (var presses = 0; presses < 5; presses++)
        {
            await keyboard.PressAsync("Tab");
            if (await login.UserName.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                break;
            }

            passed.Add(await login.FocusedElementAsync());
        }

        await Expect(login.UserName).ToBeFocusedAsync();
        passed.ShouldAllBe(e => e.StartsWith("header ", StringComparison.Ordinal), "only the site header comes between the skip link and the username");

        await keyboard.TypeAsync(account.UserName);
        await keyboard.PressAsync("Tab");
        await Expect(login.Password).ToBeFocusedAsync();
        await keyboard.TypeAsync(account.Password);
        await keyboard.PressAsync("Tab");
        await Expect(login.SignInButton).ToBeFocusedAsync();

        await keyboard.PressAsync("Enter");
        await session.Page.WaitToLeaveAsync(LoginPage.Path);
        session.Page.PathOf().ShouldBe(HomePage.Path);
        await Expect(new HomePage(session.Page).Role).ToHaveTextAsync(RoleInfo.Of(Role.EducationStaff).Name);
    }

    [BrowserFact]
    public async Task SkipLink_OnLoginPage_TakesKeyboardStraightToTheForm()
    {
        await using var session = await browser.NewSessionAsync();
        var keyboard = session.Page.Keyboard;
        var login = await LoginPage.OpenAsync(session.Page);

        await keyboard.PressAsync("Tab");
        await Expect(login.SkipLink).ToBeFocusedAsync();
        await Expect(login.SkipLink).ToBeInViewportAsync();
        await keyboard.PressAsync("Enter");
        await Expect(session.Page.Locator("main")).ToBeFocusedAsync();

        await keyboard.PressAsync("Tab");
        await Expect(login.UserName).ToBeFocusedAsync();
    }
}
