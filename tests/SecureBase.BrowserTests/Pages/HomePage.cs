using Microsoft.Playwright;

namespace SecureBase.BrowserTests.Pages;

/// <summary>A link in the main navigation, as the user sees it.</summary>
public sealed record NavLink(string Label, string Href);

/// <summary>/: each role's home page, with the main navigation.</summary>
public sealed class HomePage(IPage page)
{
    public const string Path = "/";

    public IPage Page { get; } = page;
    public ILocator Heading => Page.Locator("main h1");
    public ILocator Lead => Page.Locator("main .lead");

    /// <summary>The role the page is for ("Therapist"); a pupil's page has none.</summary>
    public ILocator Role => Page.Locator("#home-role");

    public ILocator MainNavigation => Page.Locator("nav[aria-label=Main]");

    public async Task<IReadOnlyList<NavLink>> NavigationLinksAsync()
    {
        var links = new List<NavLink>();
        foreach (var link in await MainNavigation.Locator("a").AllAsync())
        {
            // The entry's name, without a count beside it (the DSL's unopened concerns): the count is checked where it matters.
            var label = await link.EvaluateAsync<string>("a => [...a.childNodes].filter(n => !(n.classList && n.classList.contains('count-badge'))).map(n => n.textContent).join('')");
            links.Add(new NavLink(label.Trim(), await link.GetAttributeAsync("href") ?? ""));
        }

        return links;
    }
}
