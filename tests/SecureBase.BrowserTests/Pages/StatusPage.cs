using Microsoft.Playwright;

namespace SecureBase.BrowserTests.Pages;

/// <summary>The page shown for an error status at the address asked for, e.g. "You do not have access to this page" (403).</summary>
public sealed class StatusPage(IPage page, int status)
{
    public const string ForbiddenHeading = "You do not have access to this page";

    public IPage Page { get; } = page;
    public int Status { get; } = status;
    public ILocator Heading => Page.Locator("main h1");

    /// <summary>Opens an address and answers the page with the HTTP status it came with.</summary>
    public static async Task<StatusPage> OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}.");
        return new StatusPage(page, response.Status);
    }
}
