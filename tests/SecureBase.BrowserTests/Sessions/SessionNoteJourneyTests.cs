using Microsoft.Playwright;
using SecureBase.BrowserTests.Support;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Sessions;

/// <summary>
/// In the demo school the therapist opens their week of sessions, opens a session of theirs, records
/// attendance, engagement and a confidential note on one form, sees it recorded with its note, and
/// reads the note on its own page; the ELSA and a teacher cannot open it. Every page is accessible.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionNoteJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task TheTherapist_RecordsASessionWithANote_AndReadsIt_WhileTheElsaAndATeacherCannot()
    {
        await using var therapist = await browser.NewSessionAsync(withAxe: true);
        await therapist.SignInAsync(browser.Demo.For(Role.Therapist));
        var page = therapist.Page;

        // This week's session to record; on a day before this week's sessions (or in a holiday), the latest one to correct.
        await page.GotoAsync("/sessions");
        await page.ShouldHaveNoAccessibilityViolationsAsync("the therapist's week");
        var action = await SessionToRecordAsync(page);
        await action.ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBeOneOf("Record a session", "Correct a session's record");
        var recordPath = page.PathOf();

        foreach (var member in await page.Locator("fieldset.member").AllAsync())
        {
            await member.Locator("input[type=radio][value=Attended]").CheckAsync();
            await member.Locator("input[type=radio][name^='Engagement'][value='4']").CheckAsync();
        }

        var words = "Talked about the move to the new house; calmer by the end. " + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("#Note").FillAsync(words);
        await page.ShouldHaveNoAccessibilityViolationsAsync("the record form with its note");
        await page.Locator("#record button[type=submit]").ClickAsync();

        var link = page.Locator("#session-notes a").First;
        await link.WaitForAsync();
        page.PathOf().ShouldBe(recordPath);
        (await page.Locator("#recorded").InnerTextAsync()).ShouldContain("Recorded:");
        (await page.Locator(".notice").InnerTextAsync()).ShouldContain("Note written.");
        (await link.InnerTextAsync()).ShouldContain("written — locks at");
        await page.ShouldHaveNoAccessibilityViolationsAsync("the recorded session with its note");

        await link.ClickAsync();
        await page.Locator("#note-text").WaitForAsync();
        var notePath = page.PathOf();
        notePath.ShouldStartWith("/notes/");
        (await page.Locator("#note-text").InnerTextAsync()).ShouldBe(words);
        (await page.Locator("#author").InnerTextAsync()).ShouldContain("Adeyemi");
        await page.ShouldHaveNoAccessibilityViolationsAsync("the note page");
        therapist.Errors.ShouldBeEmpty();

        // The ELSA (notes of her own sessions only) and a teacher (never) cannot open it.
        await using var elsa = await browser.NewSessionAsync();
        await elsa.SignInAsync(browser.Demo.For(Role.TherapyAssistant));
        var elsaResponse = await elsa.Page.GotoAsync(notePath);
        elsaResponse!.Status.ShouldBe(404);
        (await elsa.Page.ContentAsync()).ShouldNotContain(words);

        await using var teacher = await browser.NewSessionAsync();
        await teacher.SignInAsync(browser.Demo.For(Role.EducationStaff));
        var teacherResponse = await teacher.Page.GotoAsync(notePath);
        teacherResponse!.Status.ShouldBe(403);
        (await teacher.Page.ContentAsync()).ShouldNotContain(words);
    }

    /// <summary>The first "Record" link of the week shown, else the first "Correct" one, going back a week at a time.</summary>
    private static async Task<ILocator> SessionToRecordAsync(IPage page)
    {
        for (var weeksBack = 0; weeksBack <= 12; weeksBack++)
        {
            var record = page.Locator("#sessions tbody a", new() { HasTextString = "Record" });
            if (await record.CountAsync() > 0)
            {
                return record.First;
            }

            var correct = page.Locator("#sessions tbody a", new() { HasTextString = "Correct" });
            if (await correct.CountAsync() > 0)
            {
                return correct.First;
            }

            var shown = page.Url;
            await page.GetByRole(AriaRole.Link, new() { Name = "Previous week" }).ClickAsync();
            await page.WaitToArriveAsync(url => url != shown, "the previous week");
        }

        throw new InvalidOperationException("The demo therapist has no session to record or correct in the last 12 weeks.");
    }
}
