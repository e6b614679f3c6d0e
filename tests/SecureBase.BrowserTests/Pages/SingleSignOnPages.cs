using Microsoft.Playwright;
using SecureBase.BrowserTests.Support;

namespace SecureBase.BrowserTests.Pages;

/// <summary>/admin/single-sign-on: the administrator's single sign-on settings and the staff linked to school accounts.</summary>
public sealed class SingleSignOnAdminPage(IPage page)
{
    public const string Path = "/admin/single-sign-on";

    public IPage Page { get; } = page;
    public ILocator Heading => Page.Locator("main h1");
    public ILocator Saved => Page.Locator("#sso-saved");
    public ILocator LinkedAccounts => Page.Locator("#linked-accounts tbody tr");

    /// <summary>Fills the settings as an administrator would, from what their provider gave them, and saves.</summary>
    public async Task TurnOnAsync(string provider, string issuer, string clientId, string secret, string domains)
    {
        var form = Page.Locator("#sso-settings");
        await form.GetByLabel(provider, new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Issuer URL", new() { Exact = true }).FillAsync(issuer);
        await form.GetByLabel("Client id", new() { Exact = true }).FillAsync(clientId);
        await form.GetByLabel("Client secret", new() { Exact = true }).FillAsync(secret);
        await form.GetByLabel("Email domains", new() { Exact = true }).FillAsync(domains);
        await form.GetByLabel("Staff may sign in with their school accounts", new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Saved.WaitForAsync();
    }
}

/// <summary>
/// /login/school-account: "Sign in with your school's Microsoft or Google account". The person types their school email;
/// SecureBase sends them to their school's provider, which sends them back to the callback page, which moves on.
/// </summary>
public sealed class SchoolAccountPage(IPage page)
{
    public const string Path = "/login/school-account";
    public const string CallbackPath = "/login/school-account/callback";

    public IPage Page { get; } = page;
    public ILocator Heading => Page.Locator("main h1");
    public ILocator Email => Page.GetByLabel("Your school email address", new() { Exact = true });
    public ILocator Refusal => Page.Locator("#sso-refused");

    /// <summary>From the sign-in page, as a member of staff would: the link under "Staff whose school uses single sign-on".</summary>
    public static async Task<SchoolAccountPage> OpenFromLoginAsync(IPage page)
    {
        var login = await LoginPage.OpenAsync(page);
        await login.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in with your school's Microsoft or Google account", Exact = true }).ClickAsync();
        await page.WaitToArriveAsync(Path);
        var school = new SchoolAccountPage(page);
        await school.Email.WaitForAsync();
        return school;
    }

    /// <summary>
    /// Types the email and continues; the browser goes to the provider and back by itself (the test waits for where it
    /// expects SecureBase to leave the person: home, the two-factor page, or the callback page with a refusal).
    /// </summary>
    public async Task ContinueAsync(string email)
    {
        await Email.FillAsync(email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
    }

    /// <summary>Waits until the browser has come back from the provider to <paramref name="path"/>.</summary>
    public Task ArriveAtAsync(string path) =>
        Page.WaitToArriveAsync(path);
}
