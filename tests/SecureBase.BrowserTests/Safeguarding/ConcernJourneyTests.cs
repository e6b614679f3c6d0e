using Microsoft.Playwright;
using SecureBase.BrowserTests.Support;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Safeguarding;

/// <summary>
/// In the demo school a therapist raises a safeguarding concern from the home page in a few clicks and
/// is told only that it was received; the DSL sees the count in the navigation, opens the concern,
/// records an action and an outcome, and prints the chronology. Every page is accessible.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConcernJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task ATherapistRaisesAConcern_TheDslSeesTheCount_OpensIt_RecordsAnActionAndAnOutcome_AndPrintsTheChronology()
    {
        var words = "She said \"I don't feel safe at home\" and flinched when I moved. " + Guid.NewGuid().ToString("N")[..6];
        await using var therapist = await browser.NewSessionAsync(withAxe: true);
        await therapist.SignInAsync(browser.Demo.For(Role.Therapist));
        var page = therapist.Page;

        await page.GotoAsync("/");
        await page.Locator("#raise-concern a").ClickAsync();
        await page.Locator("#q").FillAsync("a");
        await page.Locator("#find-pupil button[type=submit]").ClickAsync();
        await page.ShouldHaveNoAccessibilityViolationsAsync("finding the pupil");
        var pupilLink = page.Locator("#found-pupils a").First;
        var pupil = (await pupilLink.InnerTextAsync()).Trim();
        await pupilLink.ClickAsync();
        await page.Locator("#WhatWasSeenOrSaid").WaitForAsync();
        await page.ShouldHaveNoAccessibilityViolationsAsync("the concern form");
        await page.Locator("#WhatWasSeenOrSaid").FillAsync(words);
        await page.Locator("#category-Emotional").CheckAsync();
        await page.Locator("#WhoWasPresent").FillAsync("Just me");
        await page.Locator("#concern-form button[type=submit]").ClickAsync();

        await page.Locator("#concern-received").WaitForAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Received by the DSL");
        (await page.ContentAsync()).ShouldNotContain(words[^6..], customMessage: "the raiser sees that it was received, never the record");
        await page.ShouldHaveNoAccessibilityViolationsAsync("received by the DSL");
        therapist.Errors.ShouldBeEmpty();

        await using var dsl = await browser.NewSessionAsync(withAxe: true);
        await dsl.SignInAsync(browser.Demo.For(Role.Dsl));
        var d = dsl.Page;
        await d.GotoAsync("/");
        var badge = d.Locator("nav [data-nav-count='/safeguarding']");
        (await badge.InnerTextAsync()).ShouldContain("unopened");
        await d.Locator("nav a[href='/safeguarding']").ClickAsync();
        await d.ShouldHaveNoAccessibilityViolationsAsync("the DSL's list");
        // The demo school already has an urgent concern for some pupils, and urgent ones are listed first:
        // the therapist's is the newest unopened emotional-abuse row for the pupil.
        var row = d.Locator("#concerns tbody tr.unopened", new() { HasTextString = pupil })
            .Filter(new() { HasTextString = "Emotional abuse" });
        await row.Locator("a").First.ClickAsync();
        await d.Locator(".what-was-said").WaitForAsync();
        (await d.Locator(".what-was-said").InnerTextAsync()).ShouldContain(words[^6..]);
        await d.ShouldHaveNoAccessibilityViolationsAsync("the concern");

        await d.Locator("#action").SelectOptionAsync("SpokeToPupil");
        await d.Locator("#owner").FillAsync("Designated Safeguarding Lead");
        await d.Locator("#on").FillAsync(TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await d.Locator("#action-form button[type=submit]").ClickAsync();
        await d.Locator(".concern-entries li").First.WaitForAsync();
        (await d.Locator(".notice").InnerTextAsync()).ShouldContain("The action is recorded.");

        await d.Locator("#outcome").SelectOptionAsync("Monitoring");
        await d.Locator("#outcome-form button[type=submit]").ClickAsync();
        await d.Locator(".notice", new() { HasTextString = "closed" }).WaitForAsync();
        (await d.Locator(".outcome").InnerTextAsync()).ShouldContain("Monitoring");

        await d.GetByRole(AriaRole.Link, new() { Name = $"{pupil}'s chronology" }).ClickAsync();
        await d.Locator("#chronology").WaitForAsync();
        var chronology = await d.Locator("#chronology").InnerTextAsync();
        chronology.ShouldContain("Concern raised: Emotional abuse");
        chronology.ShouldContain("Action: Spoke to the pupil");
        chronology.ShouldContain("Outcome: Monitoring");
        await d.ShouldHaveNoAccessibilityViolationsAsync("the chronology");

        // Printed: the table, without the navigation or the print button.
        await d.EmulateMediaAsync(new() { Media = Media.Print });
        (await d.Locator("#chronology").IsVisibleAsync()).ShouldBeTrue();
        (await d.Locator("#print-chronology").IsVisibleAsync()).ShouldBeFalse();
        (await d.Locator("nav.site-nav").IsVisibleAsync()).ShouldBeFalse();
        dsl.Errors.ShouldBeEmpty();
    }
}
