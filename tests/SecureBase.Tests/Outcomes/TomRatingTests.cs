using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Outcomes;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Tests.Caseload;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Outcomes;

/// <summary>
/// TOM ratings (issue 12): each domain 0–5 in steps of 0.5, recorded by the episode's practitioner or the
/// Head of Therapy while the episode is open; the chart shows the numbers; due ratings are home tasks.
/// </summary>
public sealed class TomRatingTests
{
    /// <summary>A table row as a reader hears it: its cells' text, one space apart.</summary>
    internal static string Cells(AngleSharp.Dom.IElement row) => string.Join(" ", row.QuerySelectorAll("td, th").Select(c => System.Text.RegularExpressions.Regex.Replace(c.TextContent, @"\s+", " ").Trim()));

    internal static async Task<EpisodeId> OpenEpisodeAsync(TestApp app, TestSchool school, DateOnly start, Discipline discipline = Discipline.Counselling, string? first = null)
    {
        var pupil = (await PupilFactory.AddAsync(app, school, 1, first is null ? null : (Func<int, SecureBase.Pupils.PupilDetails>)(_ => new SecureBase.Pupils.PupilDetails(first, "Tomtest" + TestSchool.Letters(5), null, null, new DateOnly(2014, 1, 1), 7, "7A", false, SecureBase.Pupils.SenStatus.None, false, school.SiteId))))[0];
        return await QueryAsync(app, school, async db =>
        {
            var e = Episode.Import(school.Id, pupil.Id, school.TherapistStaffId, discipline, start);
            db.Episodes.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
    }

    private static object Rating(decimal impairment, string point = "Baseline", decimal activity = 2, decimal participation = 2, decimal wellBeing = 2, DateOnly? ratedOn = null) =>
        new { point, impairment, activity, participation, wellBeing, scale = "Core scale", ratedOn };

    [Theory, OnSqlite, OnPostgres]
    public async Task TomRating_OffTheScale_IsRefusedWithAClearMessage_AndNothingIsSaved(DatabaseProvider provider)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = await school.SignInAsync(Role.Therapist);
        var api = $"/api/v1/episodes/{school.EpisodeId}/tom-ratings";

        foreach (var bad in new[] { 5.5m, 0.3m, -1m })
        {
            var refused = await therapist.Http.PostAsJsonAsync(api, Rating(bad));
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{bad} is not on the TOM scale");
            var errors = Json.Errors(await refused.Content.ReadAsStringAsync());
            errors["impairment"].ShouldHaveSingleItem().ShouldContain("0 to 5 in steps of 0.5");
        }

        (await therapist.Http.PostAsJsonAsync(api, new { point = "Baseline", impairment = 2 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "activity, participation and well-being are needed");
        (await QueryAsync(app, school, db => db.TomRatings.CountAsync())).ShouldBe(0, "a refused rating saves nothing");

        // The page says the same in the school's words.
        var page = await therapist.SubmitAndReadAsync($"/episodes/{school.EpisodeId}/outcomes/tom",
            [Form.Field("Input.Point", "Baseline"), Form.Field("Input.Impairment", "5.5"), Form.Field("Input.Activity", "2"), Form.Field("Input.Participation", "2"), Form.Field("Input.WellBeing", "0.3")], "#tom-form");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Errors.ShouldContain(e => e.Contains("Impairment is rated from 0 to 5 in steps of 0.5") && e.Contains("5.5"));
        page.Errors.ShouldContain(e => e.Contains("Well-being is rated from 0 to 5 in steps of 0.5") && e.Contains("0.3"));
        (await QueryAsync(app, school, db => db.TomRatings.CountAsync())).ShouldBe(0);

        var made = await therapist.Http.PostAsJsonAsync(api, Rating(2.5m));
        made.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await therapist.Http.PostAsJsonAsync(api, Rating(3m))).StatusCode.ShouldBe(HttpStatusCode.Conflict, "the baseline of cycle 1 is already recorded");
        var saved = (await therapist.GetJsonAsync<List<TomRatingDto>>(api))!.ShouldHaveSingleItem();
        (saved.Point, saved.Cycle, saved.Impairment, saved.Scale).ShouldBe((TomPoint.Baseline, 1, 2.5m, "Core scale"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TomRating_ForAClosedEpisode_AnotherSchoolsPupil_OrSomeoneElsesPupil_IsRefused_AndNothingIsSaved(DatabaseProvider provider)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = SchoolTime.London.Today(app.Clock);
        var closed = await OpenEpisodeAsync(app, school, today.AddDays(-40));
        await QueryAsync(app, school, async db =>
        {
            (await db.Episodes.SingleAsync(e => e.Id == closed)).Close(today.AddDays(-1), DischargeReason.NaturalEndPoint).IsSuccess.ShouldBeTrue();
            return await db.SaveChangesAsync();
        });
        var colleague = await QueryAsync(app, school, async db =>
        {
            var s = StaffMember.Create(school.Id, "C" + TestSchool.Letters(4), new StaffDetails(null, "Colleague", "Counsellor", null, "Counsellor", Discipline.Counselling, RegistrationBody.None, null, null, 20));
            db.StaffMembers.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
        var othersPupil = (await PupilFactory.AddAsync(app, school, 1))[0];
        var othersEpisode = await QueryAsync(app, school, async db =>
        {
            var e = Episode.Import(school.Id, othersPupil.Id, colleague, Discipline.Counselling, today.AddDays(-10));
            db.Episodes.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });

        var therapist = await school.SignInAsync(Role.Therapist);
        var refused = await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{closed}/tom-ratings", Rating(2));
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("This episode of therapy has ended; no TOM rating can be recorded for it.");
        (await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{othersEpisode}/tom-ratings", Rating(2))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another practitioner's pupil");
        (await therapist.GetAsync($"/episodes/{othersEpisode}/outcomes")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var closedPage = await hot.SubmitAndReadAsync($"/episodes/{closed}/outcomes/tom",
            [Form.Field("Input.Point", "Final"), Form.Field("Input.Impairment", "3"), Form.Field("Input.Activity", "3"), Form.Field("Input.Participation", "3"), Form.Field("Input.WellBeing", "3")], "#tom-form");
        closedPage.Status.ShouldBe(HttpStatusCode.Conflict);
        closedPage.Errors.ShouldContain("This episode of therapy has ended; no TOM rating can be recorded for it.");

        var elsewhere = await TestSchool.CreateAsync(app);
        var otherHot = await elsewhere.SignInAsync(Role.HeadOfTherapy);
        (await otherHot.Http.PostAsJsonAsync($"/api/v1/episodes/{school.EpisodeId}/tom-ratings", Rating(2))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another school's pupil");
        (await otherHot.GetAsync($"/api/v1/episodes/{school.EpisodeId}/tom-ratings")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherHot.GetAsync($"/episodes/{school.EpisodeId}/outcomes/tom")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var sendco = await school.SignInAsync(Role.Sendco);
        (await sendco.GetAsync($"/api/v1/episodes/{school.EpisodeId}/tom-ratings")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "TOM ratings stay with the therapy team");
        (await QueryAsync(app, school, db => db.TomRatings.IgnoreQueryFilters().CountAsync(t => t.SchoolId == school.Id || t.SchoolId == elsewhere.Id))).ShouldBe(0);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Therapist_RecordsBaselineAndInterim_AndTheChartShowsTheNumbersAndTheMeaningfulChangeInWords(DatabaseProvider provider)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = SchoolTime.London.Today(app.Clock);
        var therapist = await school.SignInAsync(Role.Therapist);
        var episode = school.EpisodeId;

        var recorded = await therapist.SubmitAsync($"/episodes/{episode}/outcomes/tom",
            [Form.Field("Input.Point", "Baseline"), Form.Field("Input.Cycle", "1"), Form.Field("Input.RatedOn", today.AddDays(-20).ToString("yyyy-MM-dd")), Form.Field("Input.Scale", "Adapted: emotional well-being"),
             Form.Field("Input.Impairment", "2.5"), Form.Field("Input.Activity", "2"), Form.Field("Input.Participation", "1.5"), Form.Field("Input.WellBeing", "2")], "#tom-form");
        recorded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        recorded.Headers.Location!.OriginalString.ShouldBe($"/episodes/{episode}/outcomes");
        (await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{episode}/tom-ratings", new { point = "Interim", cycle = 1, impairment = 3.5, activity = 2.5, participation = 1.5, wellBeing = 2, ratedOn = today }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var page = await therapist.GetPageAsync($"/episodes/{episode}/outcomes");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var rows = page.Document.QuerySelectorAll("#tom-table tbody tr").Select(Cells).ToList();
        rows.ShouldBe([
            $"1 baseline {SchoolDates.Short(today.AddDays(-20))} 2.5 2.0 1.5 2.0 Adapted: emotional well-being",
            $"1 interim {SchoolDates.Short(today)} 3.5 2.5 1.5 2.0 Core scale",
        ]);
        var impairment = page.Document.QuerySelector("svg#tom-impairment")!;
        impairment.QuerySelectorAll("text").Select(t => t.TextContent).ShouldContain("2.5");
        impairment.QuerySelectorAll("text").Select(t => t.TextContent).ShouldContain("3.5 *", "a meaningful change is marked on the point itself");
        impairment.QuerySelector("desc")!.TextContent.ShouldContain("C1 baseline 2.5, C1 interim 3.5");
        page.Html.ShouldNotContain("style=", Case.Insensitive, "the content security policy forbids inline style");
        var changes = page.Document.QuerySelectorAll("#tom-changes tbody tr").Select(Cells).ToList();
        changes.ShouldContain("Impairment 2.5 3.5 up 1.0: a meaningful improvement");
        changes.ShouldContain("Activity 2.0 2.5 up 0.5: a meaningful improvement");
        changes.ShouldContain("Participation 1.5 1.5 no change");

        var episodePage = await therapist.GetPageAsync($"/episodes/{episode}");
        episodePage.Document.QuerySelector("#outcomes-link a")!.GetAttribute("href").ShouldBe($"/episodes/{episode}/outcomes");
        episodePage.Document.QuerySelector("#outcome-summary")!.TextContent.ShouldContain("Impairment: 2.5 → 3.5, up 1.0: a meaningful improvement");

        var summary = (await therapist.GetJsonAsync<EpisodeOutcomesDto>($"/api/v1/episodes/{episode}/outcomes"))!;
        var impairmentChange = summary.Changes.Single(c => c.Domain == "Impairment");
        (impairmentChange.Baseline, impairmentChange.Latest, impairmentChange.Change, impairmentChange.Meaningful).ShouldBe((2.5m, 3.5m, 1.0m, true));
        summary.Changes.Single(c => c.Domain == "Well-being").Meaningful.ShouldBeFalse();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DueTomRatings_AreHomeTasks_ForThePractitioner_InBaselineAndInterimWeeks_UntilRecorded(DatabaseProvider provider)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = SchoolTime.London.Today(app.Clock);
        var calendar = await QueryAsync(app, school, db => SchoolCalendar.LoadAsync(db));
        DateOnly StartForWeek(int week)
        {
            for (var start = today; start > today.AddDays(-200); start = start.AddDays(-1))
            {
                if (start.DayOfWeek == DayOfWeek.Monday && EpisodeCycle.On(calendar, start, today) is { Cycle: 1 } p && p.Week == week)
                {
                    return start;
                }
            }

            throw new InvalidOperationException($"No start gives week {week}");
        }

        var baseline = await OpenEpisodeAsync(app, school, StartForWeek(1), first: "Baselina");
        var between = await OpenEpisodeAsync(app, school, StartForWeek(4), first: "Betweena");
        var interim = await OpenEpisodeAsync(app, school, StartForWeek(6), first: "Interima");
        var therapist = await school.SignInAsync(Role.Therapist);
        var due = (await therapist.GetPageAsync("/")).Document.QuerySelectorAll("#due-now li").Select(l => l.TextContent).ToList();
        due.ShouldContain(t => t.StartsWith("Baseline TOM rating due for Baselina", StringComparison.Ordinal));
        due.ShouldContain(t => t.StartsWith("Interim TOM rating due for Interima", StringComparison.Ordinal));
        due.ShouldNotContain(t => t.Contains("TOM rating due for Betweena", StringComparison.Ordinal), "nothing is due in week 4");

        (await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{baseline}/tom-ratings", new { impairment = 2, activity = 2, participation = 2, wellBeing = 2 }))
            .StatusCode.ShouldBe(HttpStatusCode.Created, "in week 1 the point defaults to the baseline");
        var after = (await therapist.GetPageAsync("/")).Document.QuerySelectorAll("#due-now li").Select(l => l.TextContent).ToList();
        after.ShouldNotContain(t => t.Contains("TOM rating due for Baselina", StringComparison.Ordinal), "recorded, so no longer due");
        after.ShouldContain(t => t.StartsWith("Interim TOM rating due for Interima", StringComparison.Ordinal));
        (await QueryAsync(app, school, db => db.TomRatings.SingleAsync(t => t.EpisodeId == baseline))).Point.ShouldBe(TomPoint.Baseline);
        between.ShouldNotBe(interim);

        // The Head of Therapy holds no caseload here: nothing of the therapist's is on their list.
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.GetPageAsync("/")).Text.ShouldNotContain("TOM rating due for Interima");
    }
}
