using Microsoft.Playwright;
using SecureBase.BrowserTests.Support;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Board;

/// <summary>Where is my practitioner, in a real browser: the board updates by itself, and it and the pupil's view are accessible.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task TheBoard_ShowsAPractitionersNewStatus_WithoutAReload_AndIsAccessible()
    {
        await using var reception = await browser.NewSessionAsync(withAxe: true);
        await reception.SignInAsync(browser.Demo.For(Role.EducationStaff));
        // The reception screen's address asks for a refresh every 5 seconds (the default is 30).
        await reception.Page.GotoAsync("/board?refresh=5");
        await reception.Page.Locator("#board-table").WaitForAsync();
        await reception.Page.ShouldHaveNoAccessibilityViolationsAsync("the board");
        var offSite = reception.Page.Locator("#board-table .presence", new PageLocatorOptions { HasTextString = "Off site" });
        var before = await offSite.CountAsync();
        // A mark on the window: a reload would wipe it.
        await reception.Page.EvaluateAsync("() => { window.boardNotReloaded = true; }");

        await using var therapist = await browser.NewSessionAsync();
        await therapist.SignInAsync(browser.Demo.For(Role.Therapist));
        await therapist.Page.Locator("#own-status").WaitForAsync();
        await therapist.Page.Locator("#own-status button", new PageLocatorOptions { HasTextString = "Off site" }).ClickAsync();
        await therapist.Page.Locator(".notice").Filter(new LocatorFilterOptions { HasTextString = "Your status is now: Off site." }).WaitForAsync();

        await Assertions.Expect(offSite).ToHaveCountAsync(before + 1, new LocatorAssertionsToHaveCountOptions { Timeout = (float)BrowserFixture.Patience.TotalMilliseconds });
        (await reception.Page.EvaluateAsync<bool>("() => window.boardNotReloaded === true")).ShouldBeTrue("the table was swapped in, not the page reloaded");
        await reception.Page.ShouldHaveNoAccessibilityViolationsAsync("the board after it refreshed");
        reception.Errors.ShouldBeEmpty();
        therapist.Errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task ThePupilsView_IsAccessible()
    {
        await using var pupil = await browser.NewSessionAsync(withAxe: true);
        await pupil.SignInAsync(browser.Demo.For(Role.Pupil));
        await pupil.Page.GotoAsync("/my-practitioners");
        (await pupil.Page.Locator("h1").TextContentAsync()).ShouldBe("Where are my people?");
        await pupil.Page.ShouldHaveNoAccessibilityViolationsAsync("the pupil's view of their practitioners");
        pupil.Errors.ShouldBeEmpty();
    }
}
