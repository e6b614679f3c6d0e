using Microsoft.Playwright;

namespace SecureBase.BrowserTests.Pages;

/// <summary>/referrals/new: find the pupil, then say why.</summary>
public sealed class NewReferralPage(IPage page)
{
    public IPage Page { get; } = page;

    public static async Task<NewReferralPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/referrals/new");
        return new NewReferralPage(page);
    }

    public async Task ChoosePupilAsync(string search, string name)
    {
        await Page.GetByLabel("Name or UPN").FillAsync(search);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Refer {name}" }).ClickAsync();
    }

    public async Task SendAsync(string reason, string noticed)
    {
        await Page.GetByLabel(reason).CheckAsync();
        await Page.GetByLabel("What have you noticed?").FillAsync(noticed);
        await Page.GetByLabel("Soon").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }).ClickAsync();
    }
}

/// <summary>/referrals and /referrals/{id}: triage by the Head of Therapy.</summary>
public sealed class ReferralPage(IPage page)
{
    public IPage Page { get; } = page;
    public ILocator Status => Page.Locator("#status");

    public static async Task<ReferralPage> OpenFromListAsync(IPage page, string pupil)
    {
        await page.GotoAsync("/referrals");
        await page.Locator("#referrals").GetByRole(AriaRole.Link, new() { Name = pupil }).First.ClickAsync();
        return new ReferralPage(page);
    }

    public async Task AcceptAsync(string discipline, string priority)
    {
        var form = Page.Locator("form#accept");
        await form.GetByLabel("Therapy").SelectOptionAsync(new SelectOptionValue { Label = discipline });
        await form.GetByLabel("Priority").SelectOptionAsync(new SelectOptionValue { Label = priority });
        await form.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
    }
}

/// <summary>/referrals/review: the half-termly review.</summary>
public sealed class ReviewPage(IPage page)
{
    public IPage Page { get; } = page;

    public static async Task<ReviewPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/referrals/review");
        return new ReviewPage(page);
    }

    public async Task SaveAsync(string title, string attendees, string pupil, string priority)
    {
        await Page.GetByLabel("Review", new() { Exact = true }).FillAsync(title);
        await Page.GetByLabel("Who attended").FillAsync(attendees);
        await Page.GetByLabel($"Priority for {pupil}").SelectOptionAsync(priority);
        await Page.GetByLabel($"Decision for {pupil}").FillAsync("Assess this half term");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save the review" }).ClickAsync();
    }
}

/// <summary>/mdt and /mdt/{id}: the weekly meeting.</summary>
public sealed class MdtPage(IPage page)
{
    public IPage Page { get; } = page;

    public static async Task<MdtPage> PrepareAsync(IPage page, DateOnly on)
    {
        await page.GotoAsync("/mdt");
        await page.GetByLabel("Meeting date").FillAsync(on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Prepare the agenda" }).ClickAsync();
        return new MdtPage(page);
    }

    public ILocator ReadyForAllocation => Page.Locator("ul[data-kind=ReadyForAllocation]");

    public async Task RecordAsync(string attendees, string decisions)
    {
        await Page.GetByLabel("Who attended").FillAsync(attendees);
        await Page.GetByLabel("Decisions").FillAsync(decisions);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save the meeting" }).ClickAsync();
    }
}

/// <summary>/allocation/{referralId}: the ranked proposal; the team chooses.</summary>
public sealed class AllocationPage(IPage page)
{
    public IPage Page { get; } = page;
    public ILocator Recommended => Page.Locator("#proposals tr.recommended");
    public ILocator Summary => Page.Locator("#summary");

    public async Task AllocateAsync(string why)
    {
        await Page.GetByLabel("Why this therapist").FillAsync(why);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Allocate" }).ClickAsync();
    }
}
