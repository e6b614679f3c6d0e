using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SecureBase.BrowserTests.Support;
using SecureBase.Identity;
using SecureBase.Reports;

namespace SecureBase.BrowserTests.Reports;

/// <summary>
/// In the demo school: a parent reads and downloads their child's approved half-termly report (a PDF with the
/// child's name) and cannot reach a report not shared with them by its address; the SENDCo downloads the
/// annual-review contributions due this half term as one PDF. Every page is accessible.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task AParentReadsAndDownloadsTheirChildsHalfTermlyReport_AndCannotReachOneNotSharedWithThem()
    {
        var parent = browser.Demo.For(Role.ParentCarer);
        var notShared = await browser.InDemoSchoolAsync(async db =>
            (await db.Reports.AsNoTracking().Where(r => r.Status == ReportStatus.Approved).ToListAsync()).First(r => !r.Audience.HasFlag(ReportAudience.ParentsCarers)).Id.Value);

        await using var session = await browser.NewSessionAsync(withAxe: true);
        await session.SignInAsync(parent);
        var page = session.Page;
        await page.GotoAsync("/");
        await page.Locator("nav a[href='/my-children/reports']").ClickAsync();
        var report = page.Locator(".child-reports li").First;
        await report.WaitForAsync();
        var child = (await page.Locator("section h2").First.InnerTextAsync()).Trim();
        await page.ShouldHaveNoAccessibilityViolationsAsync("the parent's reports");

        await report.Locator("h3 a").ClickAsync();
        await page.Locator("#report").WaitForAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldStartWith("Half-termly progress report");
        (await page.Locator("#report").InnerTextAsync()).ShouldContain(child);
        await page.ShouldHaveNoAccessibilityViolationsAsync("the half-termly report");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-pdf").ClickAsync());
        var text = await PdfText.OfFileAsync(await download.PathAsync());
        text.ShouldContain("Half-termly progress report");
        text.ShouldContain(child);

        // A report not shared with parents, tried by its address: refused, and nothing of it shown.
        var refused = await page.GotoAsync($"/reports/{notShared}");
        refused!.Status.ShouldBe((int)HttpStatusCode.NotFound);
        (await page.Locator("#report").CountAsync()).ShouldBe(0);
        await page.ShouldHaveNoAccessibilityViolationsAsync("the refusal");
        var pdf = await session.Context.APIRequest.GetAsync($"/reports/{notShared}.pdf");
        pdf.Status.ShouldBe((int)HttpStatusCode.NotFound);
        session.Errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task TheSendcoDownloadsTheAnnualReviewContributionsDueThisHalfTerm_AsOnePdf()
    {
        await using var session = await browser.NewSessionAsync(withAxe: true);
        await session.SignInAsync(browser.Demo.For(Role.Sendco));
        var page = session.Page;
        await page.GotoAsync("/");
        await page.Locator("nav a[href='/reports/annual-reviews']").ClickAsync();
        await page.Locator("#download-batch").WaitForAsync();
        await page.ShouldHaveNoAccessibilityViolationsAsync("the annual reviews due");
        var ready = page.Locator("#reviews-due tbody tr", new() { HasTextString = "Approved (version" });
        (await ready.CountAsync()).ShouldBeGreaterThan(0, "the demo has a contribution approved for a review this half term");
        var pupil = (await ready.First.Locator("th").InnerTextAsync()).Trim();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the approved contributions as one PDF" }).ClickAsync());
        var text = await PdfText.OfFileAsync(await download.PathAsync());
        text.ShouldContain("Annual review contribution");
        text.ShouldContain(pupil);
        session.Errors.ShouldBeEmpty();
    }
}
