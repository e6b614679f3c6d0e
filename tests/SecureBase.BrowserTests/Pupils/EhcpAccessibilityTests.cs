using SecureBase.BrowserTests.Support;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Pupils;

/// <summary>axe-core on the EHCP pages and the notifications page, as the demo SENDCo meets them (errors included).</summary>
[Collection(BrowserCollection.Name)]
public sealed class EhcpAccessibilityTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task EhcpPagesAndNotifications_AsTheSendco_HaveNoAccessibilityViolations()
    {
        await using var session = await browser.NewSessionAsync(withAxe: true);
        await session.SignInAsync(browser.Demo.For(Role.Sendco));
        var page = session.Page;

        await page.GotoAsync(new Uri(browser.BaseAddress, "/notifications").ToString());
        (await page.Locator("tbody tr").CountAsync()).ShouldBeGreaterThan(0, "the demo SENDCo is told about out-of-date plans");
        await page.ShouldHaveNoAccessibilityViolationsAsync("notifications page");

        await page.GotoAsync(new Uri(browser.BaseAddress, "/ehcp?outOfDate=true").ToString());
        await page.ShouldHaveNoAccessibilityViolationsAsync("EHCP list, out of date only");

        await page.Locator("tbody th a").First.ClickAsync();
        await page.Locator("h1").WaitForAsync();
        (await page.Locator(".warning").InnerTextAsync()).ShouldContain("This plan is out of date");
        await page.ShouldHaveNoAccessibilityViolationsAsync("a pupil's EHCP");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Add provision" }).ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Add provision" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await page.ShouldHaveNoAccessibilityViolationsAsync("add provision form with its errors");
    }
}
