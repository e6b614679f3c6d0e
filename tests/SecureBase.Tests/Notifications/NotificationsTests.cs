using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Tests.Pupils;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Notifications;

/// <summary>Each person's own notifications: the header's unread count, the page, marking read, and nobody else's.</summary>
public sealed class NotificationsTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheUnreadCount_ShowsInTheHeader_AndGoesDownAsNotificationsAreRead(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await EhcpTestData.CheckAsync(app, school, app.Clock.GetUtcNow().UtcDateTime.AddMonths(13));
        var sendco = await school.SignInAsync(Role.Sendco);

        var page = await sendco.GetPageAsync("/notifications");
        Header(page).ShouldBe("Notifications (3 unread)");
        page.Document.QuerySelector(".lead")!.TextContent.Trim().ShouldBe("You have 3 unread notifications.");
        var rows = page.Document.QuerySelectorAll("tbody tr").ToList();
        rows.Count.ShouldBe(3);
        rows[^1].TextContent.ShouldContain(TestSchoolEhcp.NotificationTitle, customMessage: "newest first: the welcome came before the EHCP check");

        (await sendco.SubmitAsync("/notifications", [], "form[action$='handler=Read']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await sendco.GetPageAsync("/notifications");
        Header(page).ShouldBe("Notifications (2 unread)");
        page.Document.QuerySelectorAll("tbody .tag--grey").Length.ShouldBe(1);

        (await sendco.SubmitAsync("/notifications", [], "form[action*='handler=ReadAll']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await sendco.GetPageAsync("/notifications");
        page.Document.QuerySelector(".notice")!.TextContent.ShouldBe("2 notifications marked as read.");
        Header(page).ShouldBe("Notifications ");
        page.Document.QuerySelector(".count-badge").ShouldBeNull();
        page.Text.ShouldContain("You have no unread notifications.");
        page.Document.QuerySelector("form[action*='handler=ReadAll']").ShouldBeNull();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheHomePage_CountsTheUnreadWithItsOtherCounts_AndItsHeaderShowsTheSameAsEveryOtherPage(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await EhcpTestData.CheckAsync(app, school, app.Clock.GetUtcNow().UtcDateTime.AddMonths(13));
        var sendco = await school.SignInAsync(Role.Sendco);

        Header(await sendco.GetPageAsync("/")).ShouldBe("Notifications (3 unread)");
        (await sendco.SubmitAsync("/notifications", [], "form[action$='handler=Read']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Header(await sendco.GetPageAsync("/")).ShouldBe("Notifications (2 unread)", "the home page's count is read on each visit, not kept");
        Header(await sendco.GetPageAsync("/pupils")).ShouldBe("Notifications (2 unread)");
        (await sendco.SubmitAsync("/notifications", [], "form[action*='handler=ReadAll']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var home = await sendco.GetPageAsync("/");
        Header(home).ShouldBe("Notifications ");
        home.Document.QuerySelector(".count-badge").ShouldBeNull();
    }

    [Theory, OnSqlite]
    public async Task OpeningANotification_MarksItRead_AndGoesToThePageItIsAbout(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await EhcpTestData.CheckAsync(app, school, app.Clock.GetUtcNow().UtcDateTime.AddMonths(11));
        var sendco = await school.SignInAsync(Role.Sendco);

        var opened = await sendco.SubmitAsync("/notifications", [], "form[action*='handler=Open']");

        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        opened.Headers.Location!.OriginalString.ShouldBe($"/pupils/{school.PupilId}/ehcp");
        Header(await sendco.GetPageAsync("/notifications")).ShouldBe("Notifications (2 unread)");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task NoOne_SeesOrMarksAnotherPersonsNotifications(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var sendcosNotification = school.Ehcp.NotificationId;
        var before = await SchoolSnapshot.TakeAsync(app, school);

        foreach (var role in new[] { Role.HeadOfTherapy, Role.Therapist, Role.ParentCarer, Role.Pupil })
        {
            var browser = await school.SignInAsync(role);
            var page = await browser.GetPageAsync("/notifications");
            page.Status.ShouldBe(HttpStatusCode.OK);
            page.Text.ShouldNotContain(TestSchoolEhcp.NotificationTitle);
            page.Text.ShouldContain("Nothing yet.");
            Header(page).ShouldBe("Notifications ");

            var token = await browser.TokenFromAsync("/notifications");
            foreach (var handler in new[] { "Read", "Open" })
            {
                (await browser.PostFormAsync($"/notifications?handler={handler}", [Form.Field("__RequestVerificationToken", token), Form.Field("id", sendcosNotification.ToString())]))
                    .StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{role} {handler}");
            }

            (await browser.PostFormAsync("/notifications?handler=Read", [Form.Field("__RequestVerificationToken", token), Form.Field("id", "1 OR 1=1")]))
                .StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.Http.PostAsync($"/api/v1/notifications/{sendcosNotification}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetJsonAsync<NotificationListDto>("/api/v1/notifications"))!.Items.ShouldBeEmpty();
            (await browser.Http.PostAsync("/api/v1/notifications/read-all", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before, "the SENDCo's notification is still unread");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheApi_ListsOnlyMyNotifications_AndMarksThemRead(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var other = await TestSchool.CreateAsync(app);
        var sendco = await school.SignInAsync(Role.Sendco);

        var mine = (await sendco.GetJsonAsync<NotificationListDto>("/api/v1/notifications"))!;
        mine.Unread.ShouldBe(1);
        var item = mine.Items.ShouldHaveSingleItem();
        item.Id.ShouldBe(school.Ehcp.NotificationId);
        item.Title.ShouldBe(TestSchoolEhcp.NotificationTitle);
        item.ReadAt.ShouldBeNull();

        (await sendco.Http.PostAsync($"/api/v1/notifications/{other.Ehcp.NotificationId}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another school's SENDCo's");
        var read = await sendco.Http.PostAsync($"/api/v1/notifications/{item.Id}/read", null);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.Content.ReadFromJsonAsync<NotificationDto>(Json.Options))!.ReadAt.ShouldNotBeNull();
        (await sendco.GetJsonAsync<NotificationListDto>("/api/v1/notifications"))!.Unread.ShouldBe(0);
        (await (await sendco.Http.PostAsync("/api/v1/notifications/read-all", null)).Content.ReadFromJsonAsync<MarkedReadDto>(Json.Options))!.Marked.ShouldBe(0);

        var theirs = await other.SignInAsync(Role.Sendco);
        (await theirs.GetJsonAsync<NotificationListDto>("/api/v1/notifications"))!.Unread.ShouldBe(1, "marking mine read did not touch theirs");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SomeoneWhoNoLongerMaySeeEhcps_NoLongerSeesTheirEhcpNotifications(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await EhcpTestData.CheckAsync(app, school, app.Clock.GetUtcNow().UtcDateTime.AddMonths(13));
        var sendcoId = school[Role.Sendco].Id;

        // The SENDCo moves to teaching: their SENDCo role is replaced by education staff.
        await EhcpTestData.InSchoolAsync(app, school, async db =>
        {
            db.Memberships.Remove(await db.Memberships.SingleAsync(m => m.UserId == sendcoId));
            db.Memberships.Add(Membership.Grant(sendcoId, school.Id, Role.EducationStaff, app.Clock.GetUtcNow().UtcDateTime, null));
        });

        var former = await school.SignInAsync(Role.Sendco);
        var page = await former.GetPageAsync("/notifications");
        page.Text.ShouldNotContain(school.PupilLastName);
        page.Text.ShouldContain(TestSchoolEhcp.NotificationTitle);
        Header(page).ShouldBe("Notifications (1 unread)");
        var api = (await former.GetJsonAsync<NotificationListDto>("/api/v1/notifications"))!;
        api.Items.ShouldHaveSingleItem().Title.ShouldBe(TestSchoolEhcp.NotificationTitle);
        (await EhcpTestData.EhcpNotificationsAsync(app, school)).Count(n => n.UserId == sendcoId).ShouldBe(2, "kept, but not shown");
    }

    [Fact]
    public void ALinkOffSite_IsNeverAcceptedAsANotificationsLink()
    {
        Notification.IsLocalLink("/pupils/1/ehcp").ShouldBeTrue();
        Notification.IsLocalLink("/").ShouldBeTrue();
        foreach (var link in new[] { "https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", "/a\nb" })
        {
            Notification.IsLocalLink(link).ShouldBeFalse(link);
        }
    }

    private static string Header(Page page) => page.Document.QuerySelector(".site-header__notifications")!.TextContent;
}
