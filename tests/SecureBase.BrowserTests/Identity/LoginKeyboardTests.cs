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
        await keyboard.PressAsync("Tab");
        await Expect(login.UserName).ToBeFocusedAsync();
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
}
