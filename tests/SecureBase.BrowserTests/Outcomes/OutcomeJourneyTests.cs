using Microsoft.EntityFrameworkCore;
using SecureBase.BrowserTests.Pages;
using SecureBase.BrowserTests.Support;
using SecureBase.Caseload;
using SecureBase.Identity;
using SecureBase.Schools;

namespace SecureBase.BrowserTests.Outcomes;

/// <summary>
/// In the demo school: a therapist records the baseline, interim and final TOM ratings of a cycle and sees the
/// chart and its table with the change; a practitioner marks strengths and targets on a pupil's assessments
/// profile and the parent sees only the items marked for parents. Every page is accessible.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OutcomeJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task ATherapistRecordsBaselineInterimAndFinalTom_AndSeesTheChartAndTheTableWithTheChange()
    {
        var account = browser.Demo.For(Role.Therapist);
        var today = SchoolTime.London.Today(TimeProvider.System);

        // A pupil who started with the therapist twelve weeks ago, none of whose ratings is recorded yet.
        var (episodeId, pupil) = await browser.InDemoSchoolAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == account.UserName);
            var staff = await db.StaffMembers.SingleAsync(s => s.UserId == user.Id);
            var candidates = await db.Pupils.Where(p => p.LeftOn == null && !db.Episodes.Any(e => e.PupilId == p.Id)).ToListAsync();
            var chosen = candidates.OrderBy(p => p.DisplayName, StringComparer.Ordinal).First();
            var episode = Episode.Import(chosen.SchoolId, chosen.Id, staff.Id, staff.Discipline!.Value, today.AddDays(-84));
            db.Episodes.Add(episode);
            await db.SaveChangesAsync();
            return (episode.Id.Value, chosen.DisplayName);
        });

        await using var session = await browser.NewSessionAsync(withAxe: true);
        await session.SignInAsync(account);
        var outcomes = await OutcomesPage.OpenAsync(session.Page, episodeId);
        await session.Page.Locator("#no-tom").WaitForAsync();
        await session.Page.ShouldHaveNoAccessibilityViolationsAsync("the outcomes page before any rating");

        var ratings = new (string Point, int Day, decimal I, decimal A, decimal P, decimal W)[]
        {
            ("Baseline", 3, 1.5m, 2m, 2m, 1.5m),
            ("Interim", 38, 2m, 2.5m, 2m, 2m),
            ("Final", 73, 3m, 3m, 2.5m, 3.5m),
        };
        foreach (var (point, day, i, a, p, w) in ratings)
        {
            var form = await outcomes.RecordAsync();
            await session.Page.ShouldHaveNoAccessibilityViolationsAsync($"the TOM form ({point})");
            await form.RecordAsync(point, 1, today.AddDays(-84 + day), i, a, p, w);
            await session.Page.WaitToLeaveAsync($"/episodes/{episodeId}/outcomes/tom");
            (await session.Page.Locator(".notice").First.InnerTextAsync()).ShouldContain($"{point.ToLowerInvariant()} TOM rating of cycle 1 is recorded", Case.Insensitive);
        }

        (await session.Page.Locator("h1").InnerTextAsync()).ShouldBe($"Outcomes: {pupil}");
        (await outcomes.Ratings.CountAsync()).ShouldBe(3);
        (await outcomes.Change("Impairment").InnerTextAsync()).ShouldContain("up 1.5: a meaningful improvement");
        (await outcomes.Change("Well-being").InnerTextAsync()).ShouldContain("up 2.0: a meaningful improvement");
        (await outcomes.Change("Participation").InnerTextAsync()).ShouldContain("up 0.5: a meaningful improvement");
        (await outcomes.Charts.CountAsync()).ShouldBeGreaterThan(0, "the chart is drawn beside its table");
        (await session.Page.Locator("#cycle-changes").InnerTextAsync()).ShouldContain("Cycle 1, Impairment: 1.5 → 3");
        await session.Page.ShouldHaveNoAccessibilityViolationsAsync("the outcomes page with the chart");
        session.Errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task APractitionerMarksStrengthsAndTargets_AndTheParentSeesOnlyThoseMarkedForParents()
    {
        var parent = browser.Demo.For(Role.ParentCarer);
        var mark = Guid.NewGuid().ToString("N")[..6];
        var forParents = $"Reads a short passage aloud with confidence {mark}";
        var forStaffOnly = $"To sit near the front for spoken instructions {mark}";

        // The demo parent's child, and whether the demo therapist or the Head of Therapy is the child's practitioner.
        var (pupilId, child, practitionerRole) = await browser.InDemoSchoolAsync(async db =>
        {
            var carer = await db.Carers.SingleAsync(c => db.Users.Any(u => u.Id == c.UserId && u.UserName == parent.UserName));
            var childId = await db.CarerLinks.Where(l => l.CarerId == carer.Id && !l.IsRestricted).Select(l => l.PupilId).FirstAsync();
            var episode = await db.Episodes.Where(e => e.PupilId == childId && e.Status == EpisodeStatus.Open).FirstAsync();
            var therapist = browser.Demo.For(Role.Therapist).UserName;
            var isTherapist = await db.StaffMembers.AnyAsync(s => s.Id == episode.StaffId && db.Users.Any(u => u.Id == s.UserId && u.UserName == therapist));
            var pupil = await db.Pupils.SingleAsync(p => p.Id == childId);
            return (childId.Value, pupil.DisplayName, isTherapist ? Role.Therapist : Role.HeadOfTherapy);
        });

        await using var practitioner = await browser.NewSessionAsync(withAxe: true);
        await practitioner.SignInAsync(browser.Demo.For(practitionerRole));
        var profile = await AssessmentProfilePage.OpenAsync(practitioner.Page, pupilId);
        await practitioner.Page.Locator("#add-item").WaitForAsync();
        await practitioner.Page.ShouldHaveNoAccessibilityViolationsAsync("the assessments profile");

        // No audience ticked: refused plainly, nothing added.
        await profile.AddAsync("Strength", forParents, "Reading inventory", "Practitioner");
        await practitioner.Page.Locator(".error-summary").WaitForAsync();
        (await practitioner.Page.Locator(".error-summary").InnerTextAsync()).ShouldContain("Choose who it may be shared with");
        await practitioner.Page.ShouldHaveNoAccessibilityViolationsAsync("the assessments profile with an error");

        await profile.AddAsync("Strength", forParents, "Reading inventory", "Practitioner", "parents and carers", "the pupil");
        await practitioner.Page.Locator(".notice").First.WaitForAsync();
        await profile.AddAsync("Target", forStaffOnly, "Reading inventory", "Practitioner", "staff (teachers and the SENDCo)");
        await practitioner.Page.Locator(".notice").First.WaitForAsync();
        (await profile.Row(forParents).InnerTextAsync()).ShouldContain("shared with the pupil, parents and carers");
        (await profile.Row(forStaffOnly).InnerTextAsync()).ShouldContain("shared with staff");
        await practitioner.Page.ShouldHaveNoAccessibilityViolationsAsync("the assessments profile with items");
        practitioner.Errors.ShouldBeEmpty();

        await using var session = await browser.NewSessionAsync(withAxe: true);
        await session.SignInAsync(parent);
        await session.Page.GotoAsync("/");
        await session.Page.Locator("nav a[href='/my-children/assessments']").ClickAsync();
        var section = session.Page.Locator($"#child-{pupilId}");
        await section.WaitForAsync();
        (await section.Locator("h2").InnerTextAsync()).ShouldBe(child);
        var text = await section.InnerTextAsync();
        text.ShouldContain(forParents);
        text.ShouldNotContain(forStaffOnly, customMessage: "an item marked for staff only is never shown to parents");
        (await session.Page.ContentAsync()).ShouldNotContain(forStaffOnly, customMessage: "nor hidden in the page");
        await session.Page.ShouldHaveNoAccessibilityViolationsAsync("the parent's strengths and targets");
        session.Errors.ShouldBeEmpty();
    }
}
