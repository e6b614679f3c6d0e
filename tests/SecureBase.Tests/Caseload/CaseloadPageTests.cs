using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Staff;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Caseload;

/// <summary>The caseload page of a large school: fifty open episodes a page, each on exactly one page, in practitioner order.</summary>
public sealed class CaseloadPageTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ALargeCaseload_IsShownFiftyAPage_EachEpisodeOnce_LongestInTherapyFirst(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var pupils = await PupilFactory.AddAsync(app, school, 55);
        var opened = await QueryAsync(app, school, async db =>
        {
            // Started on different days, the latest first, so that the page's order is not the order they were added in.
            var episodes = pupils.Select((p, i) => Episode.Import(school.Id, p.Id, school.TherapistStaffId, Discipline.Counselling, today.AddDays(-i))).ToList();
            db.Episodes.AddRange(episodes);
            await db.SaveChangesAsync();
            return await db.Episodes.CountAsync(e => e.Status == EpisodeStatus.Open);
        });
        opened.ShouldBeGreaterThan(50);

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var first = await hot.GetPageAsync("/caseload");
        first.Document.QuerySelector("#caseload caption")!.TextContent.ShouldBe($"{opened} open episodes of therapy, 50 on this page");
        first.Document.QuerySelectorAll("#caseload tbody tr").Length.ShouldBe(50);
        first.Text.ShouldContain("Page 1 of 2");
        var next = first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href");
        next.ShouldBe("/caseload?page=2");

        var second = await hot.GetPageAsync(next!);
        second.Document.QuerySelectorAll("#caseload tbody tr").Length.ShouldBe(opened - 50);
        second.Document.QuerySelector("a[rel=prev]")!.GetAttribute("href").ShouldBe("/caseload?page=1");
        second.Document.QuerySelector("a[rel=next]").ShouldBeNull();

        static List<string> Episodes(Page page) =>
            page.Document.QuerySelectorAll("#caseload a.episode-link").Select(a => a.GetAttribute("href")!).ToList();
        var listed = Episodes(first).Concat(Episodes(second)).ToList();
        listed.Count.ShouldBe(opened);
        listed.Distinct().Count().ShouldBe(opened, "every open episode once, on one page or the other");

        // The therapist's own episodes, longest in therapy first, across the pages.
        var since = first.Document.QuerySelectorAll("#caseload tbody tr").Concat(second.Document.QuerySelectorAll("#caseload tbody tr"))
            .Where(r => r.TextContent.Contains("Counselling", StringComparison.Ordinal) && pupils.Any(p => r.TextContent.Contains(p.LegalLastName, StringComparison.Ordinal)))
            .Select(r => DateOnly.ParseExact(r.QuerySelectorAll("td")[3].TextContent.Trim(), "d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")))
            .ToList();
        since.Count.ShouldBe(55);
        since.ShouldBe(since.Order().ToList());

        // A page past the end shows the last page; a page that is not a number, the first.
        (await hot.GetPageAsync("/caseload?page=99")).Document.QuerySelectorAll("#caseload tbody tr").Length.ShouldBe(opened - 50);
        (await hot.GetPageAsync("/caseload?page=abc")).Document.QuerySelectorAll("#caseload tbody tr").Length.ShouldBe(50);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheApi_GivesTheWholeCaseload_OrFiftyAPage_InTheSameOrder(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var pupils = await PupilFactory.AddAsync(app, school, 55);
        await QueryAsync(app, school, async db =>
        {
            db.Episodes.AddRange(pupils.Select((p, i) => Episode.Import(school.Id, p.Id, school.TherapistStaffId, Discipline.Counselling, today.AddDays(-i))));
            return await db.SaveChangesAsync();
        });

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        static async Task<List<string>> EpisodesAsync(TestClient client, string path)
        {
            var response = await client.Http.GetAsync(path);
            var json = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, json);
            using var read = System.Text.Json.JsonDocument.Parse(json);
            return read.RootElement.EnumerateArray().Select(e => e.GetProperty("episodeId").GetString()!).ToList();
        }

        var all = await EpisodesAsync(hot, "/api/v1/caseload");
        all.Count.ShouldBeGreaterThan(55);
        var first = await EpisodesAsync(hot, "/api/v1/caseload?page=1");
        var second = await EpisodesAsync(hot, "/api/v1/caseload?page=2");
        first.Count.ShouldBe(50);
        first.Concat(second).ToList().ShouldBe(all, "page after page, the whole list in its order");
        (await EpisodesAsync(hot, "/api/v1/caseload?page=3")).ShouldBeEmpty("a page past the end is empty, so a system stops there");

        var refused = await hot.Http.GetAsync("/api/v1/caseload?page=0");
        refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Pages are numbered from 1");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ASmallCaseload_IsOnePage_WithNoPageLinks(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var pupils = await PupilFactory.AddAsync(app, school, 2);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var open = await QueryAsync(app, school, async db =>
        {
            db.Episodes.AddRange(pupils.Select(p => Episode.Import(school.Id, p.Id, school.TherapistStaffId, Discipline.Counselling, today)));
            await db.SaveChangesAsync();
            return await db.Episodes.CountAsync(e => e.Status == EpisodeStatus.Open && e.StaffId == school.TherapistStaffId);
        });

        var page = await (await school.SignInAsync(Role.Therapist)).GetPageAsync("/caseload");
        page.Document.QuerySelector("#caseload caption")!.TextContent.ShouldBe($"{open} open {(open == 1 ? "episode" : "episodes")} of therapy");
        page.Document.QuerySelectorAll("#caseload tbody tr").Length.ShouldBe(open);
        page.Text.ShouldNotContain("Page 1 of");
        page.Document.QuerySelector("a[rel=next]").ShouldBeNull();
    }
}
