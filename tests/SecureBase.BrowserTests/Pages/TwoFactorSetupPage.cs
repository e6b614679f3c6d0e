using Microsoft.Playwright;
using SecureBase.BrowserTests.Support;

namespace SecureBase.BrowserTests.Pages;

/// <summary>/account/two-factor: set up an authenticator app from the shown key, then keep the recovery codes.</summary>
public sealed class TwoFactorSetupPage(IPage page)
{
    public const string Path = "/account/two-factor";

    public IPage Page { get; } = page;
    public ILocator Heading => Page.Locator("main h1");
    public ILocator SharedKey => Page.Locator("#shared-key");
    public ILocator Code => Page.GetByLabel("Enter the 6-digit code the app now shows", new() { Exact = true });
    public ILocator TurnOnButton => Page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in", Exact = true });
    public ILocator CodeError => Page.Locator("#Input_Code-error");
    public ILocator RecoveryCodes => Page.Locator("#recovery-codes li");
    public ILocator ContinueLink => Page.GetByRole(AriaRole.Link, new() { Name = "Continue", Exact = true });

    /// <summary>Adds the shown key to a new authenticator app, as a person would type it in.</summary>
    public async Task<AuthenticatorApp> AddToAuthenticatorAsync() =>
        AuthenticatorApp.FromSharedKey(await SharedKey.InnerTextAsync());

    /// <summary>Enters the app's code: two-factor sign-in is turned on and the recovery codes are shown.</summary>
    public async Task TurnOnAsync(AuthenticatorApp app)
    {
        await Code.FillAsync(await app.NextCodeAsync());
        await TurnOnButton.ClickAsync();
        await RecoveryCodes.First.WaitForAsync();
    }

    /// <summary>Enters a code the app refuses: the page comes back with the error beside the field.</summary>
    public async Task TurnOnRefusedAsync(string wrongCode)
    {
        await Code.FillAsync(wrongCode);
        await TurnOnButton.ClickAsync();
        await CodeError.WaitForAsync();
    }

    /// <summary>Sets up two-factor sign-in in one go and answers the authenticator app used.</summary>
    public async Task<AuthenticatorApp> SetUpAsync()
    {
        var app = await AddToAuthenticatorAsync();
        await TurnOnAsync(app);
        return app;
    }

    /// <summary>Past the recovery codes, on to where the app sends the user next.</summary>
    public async Task ContinueAsync()
    {
        await ContinueLink.ClickAsync();
        await Page.WaitToLeaveAsync(Path);
    }
}
