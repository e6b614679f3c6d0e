using Microsoft.Playwright;
using SecureBase.BrowserTests.Support;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Safeguarding;

/// <summary>
/// A pupil moves from Hollybrook Academy to Meadowside Primary: Hollybrook's DSL sends the child protection file to
/// Meadowside's DSL, who finds it in their safeguarding list, reads it and confirms receipt; the sender then sees the
/// receipt confirmed. Every page is accessible.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CpTransferJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task TheDslSendsTheChildProtectionFile_AndTheReceivingDslConfirmsReceipt()
    {
        await using var sender = await browser.NewSessionAsync(withAxe: true);
        await sender.SignInAsync(browser.Demo.For(Role.Dsl));
        var s = sender.Page;
        await s.GotoAsync("/safeguarding");
        var alreadySent = await s.Locator("#cp-transfers").CountAsync() > 0 ? await s.Locator("#cp-transfers").InnerTextAsync() : "";

        await s.GotoAsync("/safeguarding/transfers/new");
        await s.Locator("#transfer-form").WaitForAsync();
        await s.ShouldHaveNoAccessibilityViolationsAsync("sending a child protection file");
        var options = (await s.Locator("#PupilId option").AllInnerTextsAsync()).Select(o => o.Trim()).Where(o => o.Length > 0 && !o.StartsWith("Choose", StringComparison.Ordinal)).ToList();
        var pupil = options.First(o => !alreadySent.Contains(o, StringComparison.Ordinal));
        await s.Locator("#PupilId").SelectOptionAsync(new SelectOptionValue { Label = pupil });
        await s.Locator("#ToSchoolId").SelectOptionAsync(new SelectOptionValue { Label = "Meadowside Primary" });
        var receiver = (await s.Locator("#ToDslUserId option").AllInnerTextsAsync()).First(o => o.Contains("Meadowside Primary", StringComparison.Ordinal)).Trim();
        await s.Locator("#ToDslUserId").SelectOptionAsync(new SelectOptionValue { Label = receiver });
        await s.Locator("#transfer-form button[type=submit]").ClickAsync();
        await s.Locator("#transfer-record").WaitForAsync();
        (await s.Locator(".notice").InnerTextAsync()).ShouldContain("was sent to");
        (await s.Locator("#receipt").InnerTextAsync()).ShouldContain("Not confirmed yet");
        await s.ShouldHaveNoAccessibilityViolationsAsync("the file as sent");
        var link = new Uri(s.Url).AbsolutePath;

        await using var meadowside = await browser.NewSessionAsync(withAxe: true);
        await meadowside.SignInAsync(browser.Demo.AtMeadowside(Role.Dsl));
        var m = meadowside.Page;
        await m.GotoAsync("/safeguarding");
        await m.ShouldHaveNoAccessibilityViolationsAsync("the receiving DSL's list");
        var row = m.Locator("#cp-transfers tr.received", new() { HasTextString = pupil });
        (await row.InnerTextAsync()).ShouldContain("Confirm receipt");
        await row.Locator($"a[href='{link}']").ClickAsync();
        await m.Locator("#cp-file").WaitForAsync();
        (await m.Locator("#cp-file").InnerTextAsync()).ShouldContain("Concern raised");
        await m.ShouldHaveNoAccessibilityViolationsAsync("the file received");
        await m.Locator("#confirm-form button[type=submit]").ClickAsync();
        await m.Locator(".notice", new() { HasTextString = "Receipt confirmed" }).WaitForAsync();
        (await m.Locator("#receipt").InnerTextAsync()).ShouldContain("Confirmed");
        await m.ShouldHaveNoAccessibilityViolationsAsync("receipt confirmed");
        meadowside.Errors.ShouldBeEmpty();

        await s.GotoAsync(link);
        (await s.Locator("#receipt").InnerTextAsync()).ShouldContain("Confirmed");
        sender.Errors.ShouldBeEmpty();
    }
}
