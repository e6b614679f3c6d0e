using SecureBase.BrowserTests.Support;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Timetable;

/// <summary>
/// In the demo school the head of therapy opens the rooms, a room's door timetable, the proposed timetable with its
/// explanations, this week's sessions and the displacement analytics; each page is accessible (axe-core) and loads without errors.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TimetablePagesTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task TheHeadOfTherapy_OpensRoomsTheProposalTheWeekAndTheDisplacements_AllAccessible()
    {
        await using var head = await browser.NewSessionAsync(withAxe: true);
        await head.SignInAsync(browser.Demo.For(Role.HeadOfTherapy));

        await head.Page.GotoAsync("/rooms");
        (await head.Page.Locator("main").InnerTextAsync()).ShouldContain("The Nest");
        await head.Page.ShouldHaveNoAccessibilityViolationsAsync("the rooms");

        await head.Page.Locator("main a", new() { HasTextString = "The Nest" }).First.ClickAsync();
        await head.Page.ShouldHaveNoAccessibilityViolationsAsync("a room");

        await head.Page.GotoAsync(head.Page.Url.Split('?')[0].TrimEnd('/') + "/door");
        (await head.Page.Locator("main").InnerTextAsync()).ShouldContain("notice");
        await head.Page.ShouldHaveNoAccessibilityViolationsAsync("a room's door timetable");

        await head.Page.GotoAsync("/timetable/propose");
        await head.Page.ShouldHaveNoAccessibilityViolationsAsync("the proposed timetable");

        await head.Page.GotoAsync("/timetable");
        await head.Page.ShouldHaveNoAccessibilityViolationsAsync("this week's sessions");

        await head.Page.GotoAsync("/rooms/displacements");
        // The demo's bookings displace sessions (and, after a Monday, one earlier this week moved to the library): charts drawn on the server.
        var charts = await head.Page.Locator("main svg").CountAsync();
        var none = await head.Page.Locator("#no-displacements").CountAsync();
        (charts > 0 || none == 1).ShouldBeTrue("either the charts or the plain 'none' line");
        await head.Page.ShouldHaveNoAccessibilityViolationsAsync("the displacement analytics");
        head.Errors.ShouldBeEmpty();
    }
}
