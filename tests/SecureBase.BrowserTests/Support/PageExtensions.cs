using Microsoft.Playwright;

namespace SecureBase.BrowserTests.Support;

public static class PageExtensions
{
    /// <summary>The path of the page the browser shows now ("/login"), without the query.</summary>
    public static string PathOf(this IPage page) => PathOf(page.Url);

    public static string PathOf(string url) => new Uri(url).AbsolutePath;

    /// <summary>
    /// After a form was submitted: waits until the browser has left <paramref name="fromPath"/>, or
    /// fails with the errors the page shows when the app kept the user there.
    /// </summary>
    public static async Task WaitToLeaveAsync(this IPage page, string fromPath)
    {
        try
        {
            // The server-rendered page is ready to read once its document is parsed; waiting for the
            // full "load" event as well (every style sheet and script) timed out on a busy machine.
            await page.WaitForURLAsync(url => !string.Equals(PathOf(url), fromPath, StringComparison.Ordinal),
                new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            var problems = await page.Locator(".error-summary, .field-error").AllInnerTextsAsync();
            var heading = await page.Locator("h1").AllInnerTextsAsync();
            var status = await page.EvaluateAsync<int?>("() => performance.getEntriesByType('navigation')[0]?.responseStatus ?? null");
            throw new InvalidOperationException(
                $"Still on {fromPath} after submitting the form, on a page (HTTP {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}) headed '{string.Join(" ", heading)}'. " +
                $"It says: {(problems.Count == 0 ? "(no error shown)" : string.Join(" | ", problems))}", e);
        }
    }
}
