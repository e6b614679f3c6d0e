using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Referrals;

/// <summary>
/// The referral list after some years: the queue waiting for a decision shows the most urgent first however many are
/// waiting, "All" shows the newest first, and every referral is reachable page by page (on the page and in the API).
/// </summary>
public sealed class ReferralListTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AnUrgentReferralBehindAThousandOlderOnes_IsFirstInTheQueue_AndEveryReferralIsReachablePageByPage(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (oldest, urgent) = await AddReferralsAsync(app, school, ReferralsApi.ListPageSize);
        var total = ReferralsApi.ListPageSize + 2; // and the one every test school has, received now

        var head = await school.SignInAsync(Role.HeadOfTherapy);
        var queue = await head.GetPageAsync("/referrals");
        var pages = (total + ReferralListModel.PageSize - 1) / ReferralListModel.PageSize;
        queue.Document.QuerySelector("#referral-count")!.TextContent.ShouldBe($"{total:N0} referrals, most urgent and longest waiting first; page 1 of {pages}");
        var links = queue.Document.QuerySelectorAll("#referrals tbody tr td:first-child a").Select(a => a.GetAttribute("href")).ToList();
        links.Count.ShouldBe(ReferralListModel.PageSize);
        links[0].ShouldBe($"/referrals/{urgent}");
        links[1].ShouldBe($"/referrals/{oldest}");

        var all = await head.GetPageAsync("/referrals?all=true");
        all.Document.QuerySelector("#referral-count")!.TextContent.ShouldStartWith($"{total:N0} referrals, newest first");
        all.Document.QuerySelector("#referrals tbody tr td:first-child a")!.GetAttribute("href").ShouldBe($"/referrals/{school.ReferralId}");
        var next = all.Document.QuerySelector("a[rel=next]")!.GetAttribute("href");
        next.ShouldBe("/referrals?all=true&page=2");
        var last = await head.GetPageAsync($"/referrals?all=true&page={pages + 5}");
        last.Document.QuerySelector("#referral-count")!.TextContent.ShouldEndWith($"page {pages} of {pages}");
        last.Document.QuerySelectorAll("#referrals tbody tr td:first-child a").Last().GetAttribute("href").ShouldBe($"/referrals/{oldest}");
        last.Document.QuerySelector("a[rel=next]").ShouldBeNull();

        var first = await head.GetJsonAsync<List<ReferralSummaryDto>>("/api/v1/referrals");
        first!.Count.ShouldBe(ReferralsApi.ListPageSize);
        first[0].Id.ShouldBe(oldest);
        var second = await head.GetJsonAsync<List<ReferralSummaryDto>>("/api/v1/referrals?page=2");
        second!.Select(r => r.Id).ShouldBe([urgent, school.ReferralId]);
        (await head.GetAsync("/api/v1/referrals?page=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await head.GetAsync("/api/v1/referrals?page=3000000")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a page so far out that its first row overflows is refused, not a 500");
    }

    /// <summary>
    /// <paramref name="count"/> routine referrals received an hour apart over the past weeks (the first the oldest),
    /// then an urgent one received an hour before the test school's own referral.
    /// </summary>
    private static async Task<(ReferralId Oldest, ReferralId Urgent)> AddReferralsAsync(TestApp app, TestSchool school, int count)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var now = await db.Referrals.Where(r => r.Id == school.ReferralId).Select(r => r.ReceivedAt).SingleAsync();
        var teacher = school[Role.EducationStaff];
        Referral Received(int hoursAgo, ReferralUrgency urgency) => Referral.Receive(school.Id, school.PupilId, new NewReferral(ReferralSource.EducationStaff, teacher.Id,
            "Test Education staff", Discipline.SpeechAndLanguage, ReferralReason.Communication, null, "Finds it hard to follow spoken instructions.", null, urgency, true, false,
            Guid.NewGuid()), now.AddHours(-hoursAgo));
        var referrals = Enumerable.Range(0, count).Select(i => Received(count + 10 - i, ReferralUrgency.Routine)).ToList();
        var urgent = Received(1, ReferralUrgency.Urgent);
        db.Referrals.AddRange([.. referrals, urgent]);
        await db.SaveChangesAsync();
        return (referrals[0].Id, urgent.Id);
    }
}
