using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Pupils;

/// <summary>
/// West Heath: when an EHCP is out of date, "our Review Co-Ordinator, SENCo, and relevant Head of
/// School are advised". The check, run with the clock where each test wants it.
/// </summary>
public sealed class EhcpCheckTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AnOutOfDatePlan_IsToldToTheSendcoReviewCoordinatorAndHeadOfSchool_AndNoOneElse(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await EhcpTestData.SetResponsibilityAsync(app, school, Role.HeadOfTherapy, StaffResponsibility.ReviewCoordinator);
        await EhcpTestData.SetResponsibilityAsync(app, school, Role.Headteacher, StaffResponsibility.HeadOfSchool);

        // The test pupil's plan is two months old with its review due in ten: 13 months on, it is neither reviewed nor on time.
        var later = app.Clock.GetUtcNow().UtcDateTime.AddMonths(13);
        var result = await EhcpTestData.CheckAsync(app, school, later);

        result.PlansOutOfDate.ShouldBe(1);
        result.NotificationsSent.ShouldBe(6, "two reasons, three people");
        var told = await EhcpTestData.EhcpNotificationsAsync(app, school);
        told.Select(n => n.UserId).Distinct().Order().ShouldBe(new[] { school[Role.Sendco].Id, school[Role.HeadOfTherapy].Id, school[Role.Headteacher].Id }.Order());
        told.ShouldAllBe(n => n.Link == $"/pupils/{school.PupilId}/ehcp" && n.Title == $"EHCP out of date: Jamal {school.PupilLastName}");
        told.ShouldContain(n => n.Body.StartsWith($"Jamal {school.PupilLastName}'s EHCP annual review was due on ", StringComparison.Ordinal));
        told.ShouldContain(n => n.Body.Contains("has had no annual review since: it is more than 12 months old.", StringComparison.Ordinal));
        told.ShouldAllBe(n => n.Body.EndsWith("Please make sure the family and Riverside Borough Council are made aware.", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheCheckRunAgain_TellsNoOneTwice(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var later = app.Clock.GetUtcNow().UtcDateTime.AddMonths(11);
        (await EhcpTestData.CheckAsync(app, school, later)).NotificationsSent.ShouldBe(2, "not reviewed for 12 months and the review overdue; the SENDCo is told both");

        (await EhcpTestData.CheckAsync(app, school, later)).NotificationsSent.ShouldBe(0);
        (await EhcpTestData.CheckAsync(app, school, later.AddHours(1))).NotificationsSent.ShouldBe(0);
        (await EhcpTestData.CheckAsync(app, school, later.AddDays(20))).NotificationsSent.ShouldBe(0);

        var told = await EhcpTestData.EhcpNotificationsAsync(app, school);
        told.Count.ShouldBe(2);
        told.ShouldAllBe(n => n.UserId == school[Role.Sendco].Id);
    }

    [Theory, OnSqlite]
    public async Task ANewReviewDate_ThatIsMissedAgain_IsToldAgain(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await EhcpTestData.CheckAsync(app, school, now.AddMonths(11));

        var sendco = await school.SignInAsync(Role.Sendco);
        var response = await sendco.SubmitAsync($"/pupils/{school.PupilId}/ehcp/review",
            [Form.Field("Input.ReviewedOn", Iso(today)), Form.Field("Input.NextReviewDue", Iso(today.AddMonths(12)))]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await EhcpTestData.CheckAsync(app, school, now.AddMonths(11))).NotificationsSent.ShouldBe(0, "reviewed: up to date again");
        (await EhcpTestData.CheckAsync(app, school, now.AddMonths(12).AddDays(2))).NotificationsSent.ShouldBe(2, "the new review date has passed too, 12 months after the review");
        (await EhcpTestData.EhcpNotificationsAsync(app, school)).Count.ShouldBe(4);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WhenTheOnlyCounsellorLeaves_APlanSpecifyingCounselling_IsFlagged(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        (await EhcpTestData.CheckAsync(app, school, now)).NotificationsSent.ShouldBe(0, "the plan is up to date and the school offers counselling");

        await EhcpTestData.InSchoolAsync(app, school, async db =>
            (await db.StaffMembers.SingleAsync(s => s.Id == school.TherapistStaffId)).MarkLeft(DateOnly.FromDateTime(now)));

        (await EhcpTestData.CheckAsync(app, school, now.AddDays(1))).NotificationsSent.ShouldBe(1);
        var told = (await EhcpTestData.EhcpNotificationsAsync(app, school)).ShouldHaveSingleItem();
        told.Body.ShouldStartWith($"Jamal {school.PupilLastName}'s EHCP specifies counselling, which no one at the school currently offers.");

        var sendco = await school.SignInAsync(Role.Sendco);
        var list = await sendco.GetPageAsync("/ehcp");
        list.Text.ShouldContain("Counselling not offered");
    }

    [Theory, OnSqlite]
    public async Task ADisabledAccount_AResponsibilityHolderWhoCannotSeeEhcps_APupilWhoLeft_AreNotTold(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var later = app.Clock.GetUtcNow().UtcDateTime.AddMonths(11);

        // A teacher who co-ordinates reviews cannot open EHCPs in SecureBase, so a notification would show them what they may not see.
        await EhcpTestData.SetResponsibilityAsync(app, school, Role.EducationStaff, StaffResponsibility.ReviewCoordinator);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            (await db.Users.SingleAsync(u => u.Id == school[Role.Sendco].Id)).IsDisabled = true;
            await db.SaveChangesAsync();
        }

        (await EhcpTestData.CheckAsync(app, school, later)).NotificationsSent.ShouldBe(0);

        var (leaver, _) = await EhcpTestData.AddPupilAsync(app, school, SenStatus.Ehcp, withPlan: true);
        await EhcpTestData.SetResponsibilityAsync(app, school, Role.Headteacher, StaffResponsibility.HeadOfSchool);
        await EhcpTestData.InSchoolAsync(app, school, async db =>
        {
            (await db.Pupils.SingleAsync(p => p.Id == leaver)).MarkLeft(DateOnly.FromDateTime(later).AddMonths(-6), later);
            (await db.Pupils.SingleAsync(p => p.Id == school.PupilId)).MarkLeft(DateOnly.FromDateTime(later).AddMonths(-6), later);
        });

        var result = await EhcpTestData.CheckAsync(app, school, later);
        result.PlansChecked.ShouldBe(0, "pupils who have left are not chased");
        (await EhcpTestData.EhcpNotificationsAsync(app, school)).ShouldBeEmpty();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SavingAPlanThatIsOutOfDate_TellsTheSendcoAtOnce_AndTheHeaderCountsIt(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var sendco = await school.SignInAsync(Role.Sendco);
        (await sendco.GetPageAsync("/")).Document.QuerySelector(".site-header__notifications")!.TextContent.ShouldBe("Notifications (1 unread)");

        var saved = await sendco.SubmitAsync($"/pupils/{school.PupilId}/ehcp/plan",
        [
            Form.Field("Input.PlanDate", Iso(today.AddMonths(-14))), Form.Field("Input.NextReviewDue", Iso(today.AddMonths(-2))),
            Form.Field("Input.LocalAuthority", "Riverside Borough Council"),
        ]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await sendco.GetPageAsync(saved.Headers.Location!.OriginalString);
        page.Text.ShouldContain("This plan is out of date");
        page.Document.QuerySelector(".site-header__notifications")!.TextContent.ShouldBe("Notifications (3 unread)");
        var notifications = await sendco.GetPageAsync("/notifications");
        notifications.Text.ShouldContain($"EHCP out of date: Jamal {school.PupilLastName}");
        notifications.Text.ShouldContain($"annual review was due on {EhcpRules.Long(today.AddMonths(-2))}");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WithTheClockMovedPastTheReviewDate_ThePlanShowsAsOutOfDate_AndTheCheckTellsTheSendco(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var sendco = await school.SignInAsync(Role.Sendco);
        (await sendco.GetPageAsync($"/pupils/{school.PupilId}/ehcp")).Text.ShouldNotContain("out of date");

        app.Clock.Advance(TimeSpan.FromDays(310));
        sendco = await school.SignInAsync(Role.Sendco);
        var list = await sendco.GetPageAsync("/ehcp?outOfDate=true");
        list.Text.ShouldContain($"Jamal {school.PupilLastName}");
        list.Text.ShouldContain("Review overdue");
        var page = await sendco.GetPageAsync($"/pupils/{school.PupilId}/ehcp");
        page.Text.ShouldContain($"Jamal {school.PupilLastName}'s EHCP annual review was due on");

        (await EhcpTestData.CheckAsync(app, school, app.Clock.GetUtcNow().UtcDateTime)).NotificationsSent.ShouldBe(2);
        (await sendco.GetPageAsync("/notifications")).Text.ShouldContain($"EHCP out of date: Jamal {school.PupilLastName}");
    }

    [Fact]
    public async Task TheScheduledCheck_RunsForEverySchool_WhenTheApplicationStarts()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        TestSchool school;
        await using (var first = TestApp.StartOn(database))
        {
            school = await TestSchool.CreateAsync(first);
            var today = DateOnly.FromDateTime(first.Clock.GetUtcNow().UtcDateTime);
            await EhcpTestData.SetPlanDatesAsync(first, school, today.AddMonths(-6), today.AddDays(-1));
            (await EhcpTestData.EhcpNotificationsAsync(first, school)).ShouldBeEmpty("the tests' applications run no background jobs");
        }

        await using var restarted = TestApp.StartOn(database, new Dictionary<string, string?> { ["SecureBase:BackgroundJobs"] = "true" });
        var told = await EhcpTestData.EhcpNotificationsAsync(restarted, school);
        for (var i = 0; i < 100 && told.Count == 0; i++)
        {
            await Task.Delay(100);
            told = await EhcpTestData.EhcpNotificationsAsync(restarted, school);
        }

        told.ShouldHaveSingleItem().UserId.ShouldBe(school[Role.Sendco].Id);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
