using Microsoft.EntityFrameworkCore;
using SecureBase.BrowserTests.Support;
using SecureBase.Caseload;
using SecureBase.Identity;
using SecureBase.Schools;

namespace SecureBase.BrowserTests.Liaison;

/// <summary>
/// The liaison journey of issue 13: the child's practitioner logs a call with CAMHS and records a meeting with the
/// family, writes its summary for the family and approves it; the parent reads the summary (never the team's notes) in
/// the portal and writes to the therapy team; the practitioner finds the message in the child's contact log. Every
/// page is accessible.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiaisonJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task APractitionerSharesAMeetingSummary_TheParentReadsItAndWrites_AndThePractitionerSeesTheMessage()
    {
        var parent = browser.Demo.For(Role.ParentCarer);
        var mark = Guid.NewGuid().ToString("N")[..6];
        var today = SchoolTime.London.Today(TimeProvider.System);

        // The demo parent's child in therapy, and whether the demo therapist or the Head of Therapy is its practitioner.
        var (pupilId, practitionerRole) = await browser.InDemoSchoolAsync(async db =>
        {
            var carer = await db.Carers.SingleAsync(c => db.Users.Any(u => u.Id == c.UserId && u.UserName == parent.UserName));
            var childIds = await db.CarerLinks.Where(l => l.CarerId == carer.Id && !l.IsRestricted).Select(l => l.PupilId).ToListAsync();
            var episode = await db.Episodes.Where(e => childIds.Contains(e.PupilId) && e.Status == EpisodeStatus.Open).FirstAsync();
            var therapist = browser.Demo.For(Role.Therapist).UserName;
            var isTherapist = await db.StaffMembers.AnyAsync(s => s.Id == episode.StaffId && db.Users.Any(u => u.Id == s.UserId && u.UserName == therapist));
            return (episode.PupilId.Value, isTherapist ? Role.Therapist : Role.HeadOfTherapy);
        });

        await using var practitioner = await browser.NewSessionAsync(withAxe: true);
        await practitioner.SignInAsync(browser.Demo.For(practitionerRole));
        var page = practitioner.Page;

        // A contact with CAMHS, from the pupil's record.
        await page.GotoAsync($"/pupils/{pupilId}");
        await page.Locator("#liaison-links a[href$='/liaison']").ClickAsync();
        await page.Locator("#log-contact").WaitForAsync();
        await page.ShouldHaveNoAccessibilityViolationsAsync("the contact log");
        var call = $"Spoke to the CAMHS clinician about the waiting list {mark}";
        await page.Locator("#Contact_OccurredOn").FillAsync(today.ToString("yyyy-MM-dd"));
        await page.Locator("#Contact_Party").SelectOptionAsync("Camhs");
        await page.Locator("#Contact_WhoName").FillAsync("Dr Okafor");
        await page.Locator("#Contact_Method").SelectOptionAsync("Phone");
        await page.Locator("#Contact_Summary").FillAsync(call);
        await page.Locator("#log-contact button[type=submit]").ClickAsync();
        await page.Locator("#contacts").GetByText(call).WaitForAsync();
        await page.ShouldHaveNoAccessibilityViolationsAsync("the contact log with the new contact");

        // A meeting with the family: team notes stay with the team, the summary goes to the family once approved.
        var place = $"The Nest {mark}";
        var teamNote = $"Mum seemed tired; check in next week {mark}";
        var summary = $"We talked about how Thursday sessions are going and agreed to try a calm box at home {mark}";
        await page.GotoAsync($"/pupils/{pupilId}/family-meetings");
        await page.Locator("#record-meeting").WaitForAsync();
        await page.ShouldHaveNoAccessibilityViolationsAsync("meetings with the family");
        await page.Locator("#Meeting_HeldOn").FillAsync(today.ToString("yyyy-MM-dd"));
        await page.Locator("#Meeting_Place").FillAsync(place);
        await page.Locator("#Meeting_Agenda").FillAsync("How sessions are going; ideas for home");
        await page.Locator("#Meeting_FamilyAttendees").FillAsync("Mum");
        await page.Locator("#Meeting_TeamNotes").FillAsync(teamNote);
        await page.Locator("#Meeting_Summary").FillAsync(summary);
        await page.Locator("#record-meeting button[type=submit]").ClickAsync();
        var meeting = page.Locator("section.family-meeting", new() { HasText = place });
        await meeting.WaitForAsync();
        await meeting.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Approve and share with the family") }).ClickAsync();
        await page.Locator("section.family-meeting", new() { HasText = place }).WaitForAsync();
        await page.ShouldHaveNoAccessibilityViolationsAsync("meetings with the family after approval");
        practitioner.Errors.ShouldBeEmpty();

        // The parent reads the approved summary in the portal, never the team's notes, and writes to the team.
        await using var family = await browser.NewSessionAsync(withAxe: true);
        await family.SignInAsync(parent);
        var portal = family.Page;
        await portal.GotoAsync("/");
        await portal.Locator("nav a[href='/my-children/therapy-team']").ClickAsync();
        await portal.Locator("#write-to-team").WaitForAsync();
        (await portal.Locator($"#child-{pupilId}").InnerTextAsync()).ShouldContain(summary);
        (await portal.ContentAsync()).ShouldNotContain(teamNote, customMessage: "the team's notes are never shared with the family");
        await portal.ShouldHaveNoAccessibilityViolationsAsync("the family's page for the therapy team");

        var subject = $"Calm box {mark}";
        await portal.Locator("#Message_PupilId").SelectOptionAsync(pupilId.ToString());
        await portal.Locator("#Message_Subject").FillAsync(subject);
        await portal.Locator("#Message_Body").FillAsync("The calm box helped on Sunday evening. Thank you.");
        await portal.Locator("#write-to-team button[type=submit]").ClickAsync();
        await portal.Locator($"#child-{pupilId} article.thread", new() { HasText = subject }).WaitForAsync();
        await portal.ShouldHaveNoAccessibilityViolationsAsync("the family's page after writing");
        family.Errors.ShouldBeEmpty();

        // The practitioner finds the message with the child's contacts.
        await page.GotoAsync($"/pupils/{pupilId}/liaison");
        (await page.Locator("section.thread", new() { HasText = subject }).CountAsync()).ShouldBe(1);
        await page.ShouldHaveNoAccessibilityViolationsAsync("the contact log with the family's message");
    }
}
