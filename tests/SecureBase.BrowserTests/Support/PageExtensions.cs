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
        // The document itself is asked where it is, again and again, until it is somewhere else and parsed. Waiting
        // for Playwright's navigation event instead (WaitForURLAsync) missed the navigation now and then on a busy
        // machine: the page was already home when the wait timed out.
        var deadline = TimeProvider.System.GetUtcNow() + BrowserFixture.Patience;
        while (true)
        {
            var (path, ready) = await WhereAsync(page);
            if (path is not null && !string.Equals(path, fromPath, StringComparison.Ordinal) && ready)
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                var problems = await page.Locator(".error-summary, .field-error").AllInnerTextsAsync();
                var heading = await page.Locator("h1").AllInnerTextsAsync();
                var status = await page.EvaluateAsync<int?>("() => performance.getEntriesByType('navigation')[0]?.responseStatus ?? null");
                throw new InvalidOperationException(
                    $"Still on {fromPath} (the browser says {path ?? "?"}, {(ready ? "parsed" : "still loading")}) after submitting the form, " +
                    $"on a page (HTTP {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}) headed '{string.Join(" ", heading)}'. " +
                    $"It says: {(problems.Count == 0 ? "(no error shown)" : string.Join(" | ", problems))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// After a click that goes to another page: waits until the browser shows a parsed document at <paramref name="path"/>.
    /// Polled like <see cref="WaitToLeaveAsync"/>: Playwright's WaitForURLAsync can lose the load event it waits for
    /// when the event arrives between its check and its subscription (microsoft/playwright-dotnet#3364), and then waits
    /// out its whole timeout on a page that has long arrived (seen in CI on the dashboards journey).
    /// </summary>
    public static Task WaitToArriveAsync(this IPage page, string path) =>
        page.WaitToArriveAsync(url => string.Equals(PathOf(url), path, StringComparison.Ordinal), path);

    /// <summary>As <see cref="WaitToArriveAsync(IPage, string)"/>, for an address (the whole URL) that <paramref name="arrived"/> accepts.</summary>
    public static async Task WaitToArriveAsync(this IPage page, Func<string, bool> arrived, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + BrowserFixture.Patience;
        while (true)
        {
            var (url, ready) = await AddressAsync(page);
            if (url is not null && ready && arrived(url))
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new InvalidOperationException($"The browser did not arrive at {what}: it shows {url ?? "?"} ({(ready ? "parsed" : "still loading")}).");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The address the document is at and whether it has been parsed; none while the browser is between documents.</summary>
    private static async Task<(string? Url, bool Ready)> AddressAsync(IPage page)
    {
        try
        {
            var where = await page.EvaluateAsync<string[]>("() => [location.href, document.readyState]");
            return (where[0], where[1] != "loading");
        }
        catch (PlaywrightException)
        {
            // "Execution context was destroyed": the old document is going and the new one is not there yet.
            return (null, false);
        }
    }

    /// <summary>The path the document is at and whether it has been parsed; no path while the browser is between documents.</summary>
    private static async Task<(string? Path, bool Ready)> WhereAsync(IPage page)
    {
        var (url, ready) = await AddressAsync(page);
        return (url is null ? null : PathOf(url), ready);
    }
}
