using System.Globalization;
using Microsoft.Playwright;

namespace SecureBase.BrowserTests.Pages;

/// <summary>/episodes/{id}/outcomes: the TOM ratings' table, change table and charts.</summary>
public sealed class OutcomesPage(IPage page)
{
    public IPage Page { get; } = page;
    public ILocator Ratings => Page.Locator("#tom-table tbody tr");
    public ILocator Changes => Page.Locator("#tom-changes tbody tr");
    public ILocator Charts => Page.Locator("#tom figure svg");

    public static async Task<OutcomesPage> OpenAsync(IPage page, Guid episodeId)
    {
        await page.GotoAsync($"/episodes/{episodeId}/outcomes");
        return new OutcomesPage(page);
    }

    public ILocator Change(string domain) => Page.Locator("#tom-changes tbody tr", new() { HasTextString = domain });

    /// <summary>Follows "Record a TOM rating" to the form.</summary>
    public async Task<TomRatingForm> RecordAsync()
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Record a TOM rating" }).ClickAsync();
        await Page.Locator("#tom-form").WaitForAsync();
        return new TomRatingForm(Page);
    }
}

/// <summary>/episodes/{id}/outcomes/tom: one rating, each domain 0–5 in steps of 0.5.</summary>
public sealed class TomRatingForm(IPage page)
{
    public IPage Page { get; } = page;

    public async Task RecordAsync(string point, int cycle, DateOnly ratedOn, decimal impairment, decimal activity, decimal participation, decimal wellBeing)
    {
        await Page.GetByLabel("Point of the cycle").SelectOptionAsync(point);
        await Page.GetByLabel("Cycle", new() { Exact = true }).FillAsync(cycle.ToString(CultureInfo.InvariantCulture));
        await Page.GetByLabel("Rated on").FillAsync(ratedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Page.GetByLabel("Impairment (0 to 5)").FillAsync(impairment.ToString(CultureInfo.InvariantCulture));
        await Page.GetByLabel("Activity (0 to 5)").FillAsync(activity.ToString(CultureInfo.InvariantCulture));
        await Page.GetByLabel("Participation (0 to 5)").FillAsync(participation.ToString(CultureInfo.InvariantCulture));
        await Page.GetByLabel("Well-being (0 to 5)", new() { Exact = true }).FillAsync(wellBeing.ToString(CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record the rating" }).ClickAsync();
    }
}

/// <summary>/pupils/{id}/assessments: the practitioner's assessments profile.</summary>
public sealed class AssessmentProfilePage(IPage page)
{
    public IPage Page { get; } = page;

    public static async Task<AssessmentProfilePage> OpenAsync(IPage page, Guid pupilId)
    {
        await page.GotoAsync($"/pupils/{pupilId}/assessments");
        return new AssessmentProfilePage(page);
    }

    /// <summary>Adds a strength or target, ticking who may see it (labels as on the form: "the pupil", "parents and carers", …).</summary>
    public async Task AddAsync(string kind, string statement, string assessment, string by, params string[] sharedWith)
    {
        var form = Page.Locator("#add-item");
        await form.GetByLabel("Strength or target").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await form.GetByLabel("Statement").FillAsync(statement);
        await form.GetByLabel("Assessment or tool").FillAsync(assessment);
        await form.GetByLabel("Carried out by").FillAsync(by);
        foreach (var who in sharedWith)
        {
            await form.GetByLabel(who, new() { Exact = true }).CheckAsync();
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Add to the profile" }).ClickAsync();
    }

    public ILocator Row(string statement) => Page.Locator("#profile-items tbody tr", new() { HasTextString = statement });
}
