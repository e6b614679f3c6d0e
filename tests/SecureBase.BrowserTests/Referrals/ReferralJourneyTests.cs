using Microsoft.Playwright;
using SecureBase.BrowserTests.Pages;
using SecureBase.BrowserTests.Support;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Referrals;

[Collection(BrowserCollection.Name)]
public sealed class ReferralJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task AReferralFromATeacher_IsReviewed_DiscussedAtMdt_AndAllocatedToATherapist()
    {
        await using var hot = await browser.NewSessionAsync();
        await hot.SignInAsync(browser.Demo.For(Role.HeadOfTherapy));
        var (search, pupil) = await PupilWithoutSenAsync(hot.Page);

        // The teacher finds the pupil and refers them.
        await using var teacher = await browser.NewSessionAsync(withAxe: true);
        await teacher.SignInAsync(browser.Demo.For(Role.EducationStaff));
        var form = await NewReferralPage.OpenAsync(teacher.Page);
        await form.ChoosePupilAsync(search, pupil);
        await teacher.Page.ShouldHaveNoAccessibilityViolationsAsync("the referral form");
        await form.SendAsync("Speech, language or communication", "Finds it hard to follow spoken instructions; avoids answering in class.");
        teacher.Page.PathOf().ShouldBe("/referrals/mine");
        (await teacher.Page.Locator("#my-referrals").InnerTextAsync()).ShouldContain(pupil);

        // The Head of Therapy accepts it; the half-termly review with the headteacher sets its priority.
        var referral = await ReferralPage.OpenFromListAsync(hot.Page, pupil);
        await referral.AcceptAsync("Speech and language therapy", "3");
        (await referral.Status.InnerTextAsync()).ShouldContain("on the waiting list");
        var referralUrl = hot.Page.Url;

        await using var head = await browser.NewSessionAsync();
        await head.SignInAsync(browser.Demo.For(Role.Headteacher));
        var review = await ReviewPage.OpenAsync(head.Page);
        await review.SaveAsync("Autumn 2 review", "Mrs Ashworth\nDr Marsh-Okonkwo", pupil, "1");
        (await head.Page.Locator(".notice").InnerTextAsync()).ShouldContain("Autumn 2 review");

        // The weekly MDT: the pupil is on the agenda, ready for allocation at priority 1.
        var meeting = await MdtPage.PrepareAsync(hot.Page, DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime).AddDays(1));
        (await meeting.ReadyForAllocation.InnerTextAsync()).ShouldContain($"Ready for allocation: {pupil}");
        await meeting.RecordAsync("Head of Therapy, SaLT, counsellor", $"{pupil} to be allocated to speech and language therapy.");

        // Allocation: a speech and language therapist is recommended with a reason; the team allocates.
        await hot.Page.GotoAsync(referralUrl);
        await hot.Page.GetByRole(AriaRole.Link, new() { Name = "Propose a therapist" }).ClickAsync();
        var allocation = new AllocationPage(hot.Page);
        (await allocation.Recommended.InnerTextAsync()).ShouldContain("Exact match (speech and language therapy)");
        await allocation.AllocateAsync("Recommended: shares the most free time.");
        (await hot.Page.Locator("#status").InnerTextAsync()).ShouldContain("allocated to a therapist");

        // The teacher sees the outcome of their own referral, and nothing else.
        await teacher.Page.GotoAsync("/referrals/mine");
        (await teacher.Page.Locator("#my-referrals").InnerTextAsync()).ShouldContain("Allocated to a therapist");
        teacher.Errors.ShouldBeEmpty();
        hot.Errors.ShouldBeEmpty();
    }

    /// <summary>A Year 9 pupil with no SEN recorded (so no therapy in the demo yet), not already referred, whose name is typed easily.</summary>
    private static async Task<(string Search, string Name)> PupilWithoutSenAsync(IPage page)
    {
        await page.GotoAsync("/referrals?all=true");
        var referred = (await page.Locator("#referrals tbody tr td:first-child a").AllInnerTextsAsync()).Select(n => n.Trim()).ToHashSet();
        await page.GotoAsync("/pupils?year=9&sen=None");
        var names = await page.Locator("tbody tr td:first-child a").AllInnerTextsAsync();
        var name = names.Select(n => n.Trim()).Last(n => !referred.Contains(n) && n.All(c => c < 0x0250 || char.IsWhiteSpace(c)));
        return (name.Split(' ')[^1], name);
    }
}
