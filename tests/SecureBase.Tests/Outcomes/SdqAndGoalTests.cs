using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Outcomes;
using SecureBase.Schools;
using SecureBase.Tests.Caseload;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Outcomes;

/// <summary>SDQs (issue 12): total difficulties excludes prosocial and is banded by the informant's own cut-offs; goal-based outcomes 0–10.</summary>
public sealed class SdqAndGoalTests
{
    /// <summary>A table row as a reader hears it: its cells' text, one space apart.</summary>
    internal static string Cells(AngleSharp.Dom.IElement row) => string.Join(" ", row.QuerySelectorAll("td, th").Select(c => System.Text.RegularExpressions.Regex.Replace(c.TextContent, @"\s+", " ").Trim()));

    [Theory]
    // sdqinfo.org four-band total difficulties: parent 0–13/14–16/17–19/20–40, teacher 0–11/12–15/16–18/19–40, self 0–14/15–17/18–19/20–40.
    [InlineData("Parent", 13, "CloseToAverage")]
    [InlineData("Parent", 14, "SlightlyRaised")]
    [InlineData("Parent", 17, "High")]
    [InlineData("Parent", 20, "VeryHigh")]
    [InlineData("Teacher", 11, "CloseToAverage")]
    [InlineData("Teacher", 12, "SlightlyRaised")]
    [InlineData("Teacher", 16, "High")]
    [InlineData("Teacher", 19, "VeryHigh")]
    [InlineData("Self", 14, "CloseToAverage")]
    [InlineData("Self", 15, "SlightlyRaised")]
    [InlineData("Self", 18, "High")]
    [InlineData("Self", 19, "High")]
    [InlineData("Self", 20, "VeryHigh")]
    public void SdqTotal_IsBandedByTheInformantsOwnCutOffs(string informant, int total, string band) =>
        SdqBands.OfTotal(Enum.Parse<SdqInformant>(informant), total).ShouldBe(Enum.Parse<SdqBand>(band));

    [Theory, OnSqlite, OnPostgres]
    public async Task Sdq_TotalExcludesProsocial_SameTotalBandsDifferentlyPerInformant_AndBadScoresAreRefused(DatabaseProvider provider)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = SchoolTime.London.Today(app.Clock);
        var therapist = await school.SignInAsync(Role.Therapist);
        var api = $"/api/v1/episodes/{school.EpisodeId}/sdq-scores";
        object Sdq(string informant, int emotional, DateOnly on) => new { informant, completedOn = on, emotional, conduct = 4, hyperactivity = 5, peerProblems = 3, prosocial = 9 };

        var tooHigh = await therapist.Http.PostAsJsonAsync(api, Sdq("Parent", 11, today));
        tooHigh.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await tooHigh.Content.ReadAsStringAsync())["emotional"].ShouldHaveSingleItem().ShouldBe("The emotional symptoms score is from 0 to 10: 11 is not possible");
        (await therapist.Http.PostAsJsonAsync(api, new { informant = "Parent", emotional = 1 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await QueryAsync(app, school, db => db.SdqScores.CountAsync())).ShouldBe(0, "nothing saved");

        // Total 4 + 4 + 5 + 3 = 16 (prosocial 9 not counted): slightly raised for a parent, high for a teacher, slightly raised for the pupil.
        foreach (var (who, on) in new[] { ("Parent", today.AddDays(-14)), ("Teacher", today.AddDays(-13)), ("Self", today.AddDays(-12)) })
        {
            (await therapist.Http.PostAsJsonAsync(api, Sdq(who, 4, on))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var submitted = await therapist.SubmitAsync($"/episodes/{school.EpisodeId}/outcomes/sdq",
            [Form.Field("Input.Informant", "Parent"), Form.Field("Input.CompletedOn", today.ToString("yyyy-MM-dd")), Form.Field("Input.Emotional", "2"), Form.Field("Input.Conduct", "2"),
             Form.Field("Input.Hyperactivity", "3"), Form.Field("Input.PeerProblems", "2"), Form.Field("Input.Prosocial", "8")], "#sdq-form");
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await therapist.GetPageAsync(submitted.Headers.Location!.OriginalString);
        var rows = page.Document.QuerySelectorAll("#sdq-table tbody tr").Select(Cells).ToList();
        rows.ShouldBe([
            $"{SchoolDates.Short(today.AddDays(-14))} parent 4 4 5 3 9 16 slightly raised",
            $"{SchoolDates.Short(today.AddDays(-13))} teacher 4 4 5 3 9 16 high",
            $"{SchoolDates.Short(today.AddDays(-12))} self-report 4 4 5 3 9 16 slightly raised",
            $"{SchoolDates.Short(today)} parent 2 2 3 2 8 9 close to average",
        ]);
        page.Document.QuerySelector("svg#sdq-parent desc")!.TextContent.ShouldContain("16 (slightly raised)");
        page.Document.QuerySelector("svg#sdq-parent desc")!.TextContent.ShouldContain("9 (close to average)");

        var json = (await therapist.GetJsonAsync<List<SdqScoreDto>>(api))!;
        json.Select(s => (s.Informant, s.TotalDifficulties, s.Band)).ShouldBe([
            (SdqInformant.Parent, 16, SdqBand.SlightlyRaised), (SdqInformant.Teacher, 16, SdqBand.High), (SdqInformant.Self, 16, SdqBand.SlightlyRaised), (SdqInformant.Parent, 9, SdqBand.CloseToAverage)]);

        // A closed episode takes no more questionnaires.
        await QueryAsync(app, school, async db =>
        {
            (await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId)).Close(today, DischargeReason.NaturalEndPoint).IsSuccess.ShouldBeTrue();
            return await db.SaveChangesAsync();
        });
        var closed = await therapist.Http.PostAsJsonAsync(api, Sdq("Teacher", 1, today));
        closed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await QueryAsync(app, school, db => db.SdqScores.CountAsync())).ShouldBe(4);
    }

    [Theory]
    [InlineData(GoalRating.NotStarted, 0)]
    [InlineData(GoalRating.SomeProgress, 3)]
    [InlineData(GoalRating.GoodProgress, 7)]
    [InlineData(GoalRating.Achieved, 10)]
    public void GoalRatingWords_MapOntoTheZeroToTenScale(GoalRating rating, int score) => GoalScores.Of(rating).ShouldBe(score);

    [Theory, OnSqlite, OnPostgres]
    public async Task GoalProgress_IsChartedZeroToTen_WithTheScoresInATable(DatabaseProvider provider)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = SchoolTime.London.Today(app.Clock);
        await QueryAsync(app, school, async db =>
        {
            var episode = await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId);
            var goal = CycleGoal.Agree(episode, 1, new GoalDetails("Jamal will name three feelings", "Names them in 4 of 5 sessions", "He names one now", "Helps him ask for help", "By week 11", null, null), today.AddDays(-10)).Value;
            goal.Rate(GoalRating.GoodProgress, today).IsSuccess.ShouldBeTrue();
            db.CycleGoals.Add(goal);
            return await db.SaveChangesAsync();
        });

        var therapist = await school.SignInAsync(Role.Therapist);
        var page = await therapist.GetPageAsync($"/episodes/{school.EpisodeId}/outcomes");
        var row = Cells(page.Document.QuerySelector("#goal-table tbody tr")!);
        row.ShouldBe($"Jamal will name three feelings 1 {SchoolDates.Short(today)} good progress 7");
        page.Document.QuerySelector("svg#goal-1")!.QuerySelectorAll("text").Select(t => t.TextContent).ShouldContain("7");
        var json = (await therapist.GetJsonAsync<EpisodeOutcomesDto>($"/api/v1/episodes/{school.EpisodeId}/outcomes"))!;
        json.Goals.ShouldHaveSingleItem().Score.ShouldBe(7);
    }
}
