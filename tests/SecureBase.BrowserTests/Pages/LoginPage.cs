using Microsoft.Playwright;
using SecureBase.BrowserTests.Support;

namespace SecureBase.BrowserTests.Pages;

/// <summary>/login: username and password.</summary>
public sealed class LoginPage(IPage page)
{
    public const string Path = "/login";

    public IPage Page { get; } = page;
    public ILocator Heading => Page.Locator("main h1");
    public ILocator SkipLink => Page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content", Exact = true });
    public ILocator UserName => Page.GetByLabel("Username", new() { Exact = true });
    public ILocator Password => Page.GetByLabel("Password", new() { Exact = true });
    public ILocator SignInButton => Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });
    public ILocator ErrorSummary => Page.Locator(".error-summary");

    /// <summary>Where keyboard focus is now: the landmark it is in and the element, e.g. "header a.site-header__name".</summary>
    public async Task<string> FocusedElementAsync() =>
        await Page.EvaluateAsync<string>(
            """
            () => {
                const e = document.activeElement;
                if (!e || e === document.body) return 'body';
                const landmark = e.closest('header, nav, main, footer');
                return (landmark ? landmark.localName : 'outside landmarks') + ' ' + e.localName + (e.className ? '.' + String(e.className).split(' ').join('.') : '');
            }
            """);

    public static async Task<LoginPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var login = new LoginPage(page);
        await login.SignInButton.WaitForAsync();
        return login;
    }

    /// <summary>Signs in with the right details: the browser moves on (home, two-factor code or set-up, school choice).</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
        await Page.WaitToLeaveAsync(Path);
    }

    /// <summary>Signs in with details the app refuses: the page comes back with its error summary.</summary>
    public async Task SignInRefusedAsync(string userName, string password)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
        await ErrorSummary.WaitForAsync();
    }
}
