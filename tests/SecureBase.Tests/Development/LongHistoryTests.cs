using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Development;
using SecureBase.Identity;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Development.DevelopmentData;

namespace SecureBase.Tests.Development;

/// <summary>
/// Years of CPD, training and supervision: every record can still be reached, page by page, newest first. Before, the
/// CPD page showed the newest 500 records, the training page 200 and the supervision page 200 sessions, and the rest
/// were silently out of reach (on the pages and in the API).
/// </summary>
public sealed class LongHistoryTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ATherapistWithYearsOfCpd_SeesItFiftyRecordsAPageNewestFirst_AndEveryRecordCanBeReached(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var staff = await StaffIdOfAsync(app, school, Role.Therapist);
        await WithDbAsync(app, school, async (db, _) =>
        {
            var today = Today(app);
            for (var i = 1; i <= 120; i++)
            {
                db.CpdRecords.Add(CpdRecord.Add(school.Id, staff, new CpdInput($"Course {i:000}", today.AddDays(-i), 2m, null, null), null, today, app.Clock.GetUtcNow().UtcDateTime).Value);
            }

            return await db.SaveChangesAsync();
        });
        var therapist = await school.SignInAsync(Role.Therapist);

        var first = await therapist.GetPageAsync("/cpd");
        var titles = first.Document.QuerySelectorAll("#cpd tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        titles.Count.ShouldBe(CpdDesk.PageSize);
        titles[0].ShouldBe("Course 001", "the newest first");
        first.Text.ShouldContain("Page 1 of 3");
        first.Document.QuerySelector("a[rel=prev]").ShouldBeNull();
        var older = first.Document.QuerySelector("nav[aria-label='Pages of CPD records'] a[rel=next]")!;
        older.TextContent.ShouldBe("Older records");

        var last = await therapist.GetPageAsync(older.GetAttribute("href")!.Replace("page=2", "page=3", StringComparison.Ordinal));
        var lastTitles = last.Document.QuerySelectorAll("#cpd tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        lastTitles.Count.ShouldBe(20);
        lastTitles[^1].ShouldBe("Course 120", "the oldest record, out of reach before, is on the last page");
        last.Document.QuerySelector("a[rel=next]").ShouldBeNull();
        (await therapist.GetPageAsync("/cpd?page=99")).Text.ShouldContain("Page 3 of 3", customMessage: "a page past the end shows the last");

        var api = JsonDocument.Parse(await (await therapist.GetAsync("/api/v1/cpd")).Content.ReadAsStringAsync()).RootElement;
        api.GetArrayLength().ShouldBe(120, "the API gives 1,000 a page");
        api[119].GetProperty("title").GetString().ShouldBe("Course 120");
        (await (await therapist.GetAsync("/api/v1/cpd?page=2")).Content.ReadAsStringAsync()).ShouldBe("[]", "a page past the end of the API's list is empty, so a system reading page after page stops");
        var refused = await therapist.GetAsync("/api/v1/cpd?page=0");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Pages are numbered from 1");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task YearsOfSupervision_AreShownFiftySessionsAPage_AndOnlyTheNotesOnThePageShownAreReadAndAudited(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var head = await StaffIdOfAsync(app, school, Role.HeadOfTherapy);
        var therapist = await StaffIdOfAsync(app, school, Role.Therapist);
        var sessions = new List<SupervisionId>();
        for (var i = 1; i <= 60; i++)
        {
            sessions.Add(await SupervisedAsync(app, school, head, [therapist], daysAgo: i * 7, notes: $"Supervision notes week {i:00}"));
        }

        var browser = await school.SignInAsync(Role.Therapist);
        var first = await browser.GetPageAsync("/supervision");
        first.Status.ShouldBe(HttpStatusCode.OK, first.Text);
        first.Document.QuerySelectorAll("#sessions > li").Length.ShouldBe(SupervisionDesk.SessionsPageSize, first.Text);
        first.Text.ShouldContain("Supervision notes week 01");
        first.Text.ShouldNotContain("Supervision notes week 51");
        first.Text.ShouldContain("Page 1 of 2");

        var reads = await WithDbAsync(app, school, (db, _) => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.ConfidentialRead && a.RecordType == "SupervisionSession" && a.UserId == school[Role.Therapist].Id)
            .Select(a => a.RecordId).ToListAsync());
        reads.Count.ShouldBe(SupervisionDesk.SessionsPageSize, "each note shown is audited, and notes not shown are not read");
        reads.ShouldNotContain(sessions[59].ToString());

        var href = first.Document.QuerySelector("nav[aria-label='Pages of supervision sessions'] a[rel=next]")!.GetAttribute("href")!;
        var second = await browser.GetPageAsync(href);
        second.Document.QuerySelectorAll("#sessions > li").Length.ShouldBe(10);
        second.Text.ShouldContain("Supervision notes week 60", customMessage: "the oldest session, out of reach before, is on the second page");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task YearsOfTrainingDeliveredToStaff_AreShownFiftyAPage(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await StaffIdOfAsync(app, school, Role.EducationStaff);
        var therapistId = await StaffIdOfAsync(app, school, Role.Therapist);
        await WithDbAsync(app, school, async (db, _) =>
        {
            var today = Today(app);
            var by = await db.StaffMembers.SingleAsync(s => s.Id == therapistId);
            var invited = await db.StaffMembers.Where(s => s.Id == teacher).ToListAsync();
            for (var i = 1; i <= 55; i++)
            {
                db.StaffTrainings.Add(StaffTraining.Record(school.Id, $"SEMH awareness {i:00}", today.AddDays(-i), 1m, by, invited, new HashSet<Common.StaffId> { teacher },
                    today, app.Clock.GetUtcNow().UtcDateTime).Value);
            }

            return await db.SaveChangesAsync();
        });
        var therapist = await school.SignInAsync(Role.Therapist);

        var first = await therapist.GetPageAsync("/cpd/training");
        first.Document.QuerySelectorAll("#training > li").Length.ShouldBe(CpdDesk.PageSize);
        first.Text.ShouldContain("SEMH awareness 01");
        var href = first.Document.QuerySelector("nav[aria-label='Pages of training'] a[rel=next]")!.GetAttribute("href")!;
        var second = await therapist.GetPageAsync(href);
        second.Document.QuerySelectorAll("#training > li").Length.ShouldBe(5);
        second.Text.ShouldContain("SEMH awareness 55");
        second.Document.QuerySelector("nav[aria-label='Pages of training'] a[rel=prev]")!.TextContent.ShouldBe("Newer training");
    }
}
