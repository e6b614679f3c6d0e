using System.Globalization;
using Microsoft.Playwright;

namespace SecureBase.BrowserTests.Pages;

/// <summary>/admin/api-clients: the administrator registers, rotates and revokes the school's API clients.</summary>
public sealed class ApiClientsAdminPage(IPage page)
{
    public const string Path = "/admin/api-clients";

    public IPage Page { get; } = page;
    public ILocator Heading => Page.Locator("main h1");
    public ILocator ErrorSummary => Page.Locator(".error-summary");

    /// <summary>The box that shows a new secret, once, after registering or rotating.</summary>
    public ILocator NewSecret => Page.Locator("#new-secret");

    public ILocator Notice => Page.Locator("main [role=status]");

    public static async Task<ApiClientsAdminPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new ApiClientsAdminPage(page);
    }

    /// <summary>The client id and secret the page shows once.</summary>
    public async Task<(string Id, string Secret)> ShownSecretAsync() =>
        ((await Page.Locator("#client-id").InnerTextAsync()).Trim(), (await Page.Locator("#client-secret").InnerTextAsync()).Trim());

    /// <summary>Fills the registration form as an administrator would (leaving out what is null or empty) and sends it.</summary>
    public async Task RegisterAsync(string? name, IReadOnlyList<string> actions, DateOnly? stopsAfter)
    {
        var form = Page.Locator("#register-client");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync(name ?? "");
        foreach (var action in actions)
        {
            await form.GetByLabel(action, new() { Exact = true }).CheckAsync();
        }

        await form.GetByLabel("Stops working after").FillAsync(stopsAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        await form.GetByRole(AriaRole.Button, new() { Name = "Register client" }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>The client's row in the list of registered clients.</summary>
    public ILocator Row(string name) => Page.Locator("#api-clients tbody tr", new() { HasTextString = name });

    public async Task RotateAsync(string name)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Rotate secret of {name}", Exact = true }).ClickAsync();
        await NewSecret.WaitForAsync();
    }

    public async Task RevokeAsync(string name)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}", Exact = true }).ClickAsync();
        await Notice.Filter(new() { HasTextString = "was revoked" }).WaitForAsync();
    }
}
