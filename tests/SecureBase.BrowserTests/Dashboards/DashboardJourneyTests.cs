using SecureBase.BrowserTests.Support;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Dashboards;

/// <summary>
/// The head of therapy opens the service dashboards from the menu, follows the EHCP figure to the pupils behind it and
/// downloads the figure as CSV; the local authority officer opens the authority view, where small counts are
/// suppressed. Every page is accessible.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task TheHeadOfTherapyFollowsAFigureToItsListAndDownloadsItAsCsv()
    {
        await using var session = await browser.NewSessionAsync(withAxe: true);
        await session.SignInAsync(browser.Demo.For(Role.HeadOfTherapy));
        var page = session.Page;
        await page.GotoAsync("/");
        await page.Locator("nav a[href='/dashboards']").ClickAsync();
        await page.Locator("#figure-waiting-times").WaitForAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Service dashboards");
        (await page.Locator("section.dashboard-figure").CountAsync()).ShouldBe(8, "every figure of the issue is drawn");
        (await page.Locator("#figure-waiting-times table").InnerTextAsync()).ShouldContain("Median");
        (await page.Locator("#anonymised-note").CountAsync()).ShouldBe(0, "the head of therapy sees exact figures");
        await page.ShouldHaveNoAccessibilityViolationsAsync("the service dashboards");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#figure-ehcp-provision-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        csv.ShouldContain("Provision delivered");
        csv.ShouldContain("Below 50% delivered");

        await page.Locator("#figure-ehcp-provision-list").ClickAsync();
        await page.WaitToArriveAsync("/dashboards/provision-below-80");
        (await page.Locator("h1").InnerTextAsync()).ShouldStartWith("EHCP pupils below 80");
        (await page.Locator("#provision-below, #none-below").CountAsync()).ShouldBe(1);
        await page.ShouldHaveNoAccessibilityViolationsAsync("the EHCP pupils below 80% delivered");
        session.Errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task TheLocalAuthorityOfficerSeesTheAuthoritysSchools_WithSmallCountsSuppressed()
    {
        await using var session = await browser.NewSessionAsync(withAxe: true);
        await session.SignInAsync(browser.Demo.For(Role.LocalAuthorityOfficer));
        var page = session.Page;
        await page.GotoAsync("/");
        await page.Locator("nav a[href='/dashboards/authority']").ClickAsync();
        await page.Locator("#authority-name").WaitForAsync();
        (await page.Locator("#anonymised-note").InnerTextAsync()).ShouldContain("fewer than 5");
        var text = await page.Locator("main").InnerTextAsync();
        text.ShouldContain("Hollybrook Academy");
        text.ShouldContain("Meadowside Primary");
        (await page.Locator("section.dashboard-figure").CountAsync()).ShouldBeGreaterThan(3);
        await page.ShouldHaveNoAccessibilityViolationsAsync("the local authority view");
        session.Errors.ShouldBeEmpty();
    }
}
