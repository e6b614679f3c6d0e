using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Feeds;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Feeds;

/// <summary>A person's secret calendar address: made from the account page, read without signing in, renewed and revoked.</summary>
public sealed class CalendarFeedTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AFeedAddress_WorksWithoutSigningIn_StopsWhenRenewedOrRevoked_AndIsAudited(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await school.SignInAsync(Role.Therapist);

        var account = await therapist.GetPageAsync("/account");
        account.Document.QuerySelector("#calendar-feed-summary")!.TextContent.ShouldContain("Set up a calendar feed");
        var first = AddressFrom(await therapist.SubmitAndReadAsync("/account/calendar-feed", []));

        var stranger = new TestClient(app.NewBrowser());
        var feed = await stranger.GetAsync(first);
        feed.StatusCode.ShouldBe(HttpStatusCode.OK, "a calendar app has no sign-in cookie: the secret is the credential");
        feed.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var ics = await feed.Content.ReadAsStringAsync();
        ics.ShouldContain("BEGIN:VCALENDAR");
        ics.ShouldContain("TZID:Europe/London");

        (await therapist.GetPageAsync("/account")).Document.QuerySelector("#calendar-feed-summary")!.TextContent.ShouldContain("Manage your calendar address");
        var page = await therapist.GetPageAsync("/account/calendar-feed");
        page.Document.QuerySelector("#feed-address").ShouldBeNull("the address is shown once, when it is made: only its hash is kept");

        var second = AddressFrom(await therapist.SubmitAndReadAsync("/account/calendar-feed", [], "form[action*='handler=Create']"));
        second.ShouldNotBe(first);
        (await stranger.GetAsync(first)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "renewing ends the old address at once");
        (await stranger.GetAsync(second)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await therapist.SubmitAsync("/account/calendar-feed", [], "form[action*='handler=Revoke']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var revoked = await stranger.GetAsync(second);
        revoked.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var unknown = await stranger.GetAsync("/feeds/" + new string('x', 43) + ".ics");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await revoked.Content.ReadAsStringAsync()).ShouldBe(await unknown.Content.ReadAsStringAsync(), "a revoked address says no more than one that never existed");
        (await therapist.GetPageAsync("/account/calendar-feed")).Document.QuerySelector("#feed-state")!.TextContent.ShouldBe("You have no calendar address.");

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var actions = await db.AuditEntries.Where(a => a.UserId == school[Role.Therapist].Id && a.Action.StartsWith("calendar-feed.")).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
        actions.ShouldBe([FeedAuditActions.Created, FeedAuditActions.Renewed, FeedAuditActions.Revoked]);
        var stored = await db.CalendarFeeds.Where(f => f.UserId == school[Role.Therapist].Id).Select(f => f.SecretHash).ToListAsync();
        stored.ShouldNotContain(first.Split('/')[^1].Replace(".ics", "", StringComparison.Ordinal), "only a hash of the secret is stored");
        stored.ShouldContain(CalendarFeed.Hash(first.Split('/')[^1].Replace(".ics", "", StringComparison.Ordinal)));
    }

    [Theory, OnSqlite]
    public async Task AFeedWhoseOwnerLostTheirRole_AnswersNotFound(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var parent = await school.SignInAsync(Role.ParentCarer);
        (await parent.GetPageAsync("/account")).Document.QuerySelector("#calendar-feed-summary").ShouldNotBeNull();
        var address = AddressFrom(await parent.SubmitAndReadAsync("/account/calendar-feed", []));
        var stranger = new TestClient(app.NewBrowser());
        (await stranger.GetAsync(address)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            db.Memberships.RemoveRange(db.Memberships.Where(m => m.UserId == school[Role.ParentCarer].Id));
            await db.SaveChangesAsync();
        }

        (await stranger.GetAsync(address)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite]
    public async Task RolesWithNoAppointments_HaveNoFeed(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        foreach (var role in new[] { Role.EducationStaff, Role.Administrator, Role.Pupil })
        {
            var browser = await school.SignInAsync(role);
            (await browser.GetPageAsync("/account")).Document.QuerySelector("#calendar-feed-summary").ShouldBeNull($"{role} has no sessions to subscribe to");
            (await browser.GetAsync("/account/calendar-feed")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }

    internal static string AddressFrom(Page page)
    {
        page.Status.ShouldBe(HttpStatusCode.OK);
        var address = page.Document.QuerySelector("#feed-address")?.TextContent.Trim() ?? throw new InvalidOperationException("No feed address shown: " + page.Text);
        address.ShouldMatch(@"^http://localhost/feeds/[A-Za-z0-9_-]{43}\.ics$");
        return new Uri(address).PathAndQuery;
    }
}
