using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Caseload;

/// <summary>
/// Goals rated at each termly review and carried or revised into the next cycle (Serenity School), with
/// the ratings kept per review. The term-time clock stands in the autumn term's last fortnight, when reviews are open.
/// </summary>
public sealed class GoalReviewTests
{
    private static object Goal(string specific) => new
    {
        specific, measurable = "Fewer than 2 exits a week", achievable = "Already uses it at home", relevant = "Stays in class", timeBound = "By the end of the cycle",
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task Review_RatesEachCurrentGoal_CarriesOneAndRevisesAnother_AndKeepsTheRatings(DatabaseProvider provider)
    {
        var s = await EpisodeCycleFlowTests.EpisodeInWeekAsync(provider, 11);
        var api = $"/api/v1/episodes/{s.EpisodeId}";
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var calm = (await (await therapist.Http.PostAsJsonAsync($"{api}/goals", Goal("Use a calm-down plan in lessons"))).Content.ReadFromJsonAsync<CycleGoalDto>(Json.Options))!;
        var read = (await (await therapist.Http.PostAsJsonAsync($"{api}/goals", Goal("Read aloud in a small group"))).Content.ReadFromJsonAsync<CycleGoalDto>(Json.Options))!;

        // Every current goal is rated; each says whether it is carried, revised or closed.
        var unrated = await therapist.Http.PostAsJsonAsync($"{api}/reviews", new { decision = "ContinueAnotherCycle", note = "Going well" });
        unrated.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unrated.Content.ReadAsStringAsync()).ShouldContain("Rate the goal");
        var noNext = await therapist.Http.PostAsJsonAsync($"{api}/reviews", new
        {
            decision = "ContinueAnotherCycle", note = "Going well",
            goals = new object[] { new { goalId = calm.Id.Value, rating = "GoodProgress" }, new { goalId = read.Id.Value, rating = "Achieved", next = "Closed" } },
        });
        noNext.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noNext.Content.ReadAsStringAsync()).ShouldContain("carried into the next cycle, revised or closed");
        var revisedWithoutWords = await therapist.Http.PostAsJsonAsync($"{api}/reviews", new
        {
            decision = "ContinueAnotherCycle", note = "Going well",
            goals = new object[] { new { goalId = calm.Id.Value, rating = "GoodProgress", next = "Carried" }, new { goalId = read.Id.Value, rating = "Achieved", next = "Revised" } },
        });
        revisedWithoutWords.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await revisedWithoutWords.Content.ReadAsStringAsync()).ShouldContain("Write the revised goal");

        // A goal of another episode is not found here.
        var otherEpisode = await EpisodeCycleFlowTests.EpisodeInWeekAsync(provider, 4);
        var stranger = await QueryAsync(otherEpisode.App, otherEpisode.School, async db =>
        {
            var e = await db.Episodes.SingleAsync(x => x.Id == otherEpisode.EpisodeId);
            var g = CycleGoal.Agree(e, 1, new GoalDetails("Someone else's goal", "m", "a", "r", "t", null, null), otherEpisode.Today).Value;
            db.CycleGoals.Add(g);
            await db.SaveChangesAsync();
            return g.Id;
        });
        (await therapist.Http.PostAsJsonAsync($"{api}/reviews", new
        {
            decision = "ContinueAnotherCycle", note = "Going well",
            goals = new object[] { new { goalId = calm.Id.Value, rating = "GoodProgress", next = "Carried" }, new { goalId = stranger.Value, rating = "Achieved", next = "Closed" } },
        })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await QueryAsync(s.App, s.School, db => db.TermlyReviews.CountAsync(r => r.EpisodeId == s.EpisodeId))).ShouldBe(0, "a refused review records nothing");

        var done = await therapist.Http.PostAsJsonAsync($"{api}/reviews", new
        {
            decision = "ContinueAnotherCycle", note = "Going well",
            goals = new object[]
            {
                new { goalId = calm.Id.Value, rating = "GoodProgress", next = "Carried" },
                new { goalId = read.Id.Value, rating = "Achieved", next = "Revised", revisedSpecific = "Read aloud to the whole class" },
            },
        });
        done.StatusCode.ShouldBe(HttpStatusCode.Created);

        var view = (await therapist.GetJsonAsync<EpisodeCycleDto>(api))!;
        view.Goals.Select(g => (g.Cycle, g.Specific, g.Rating, g.CarriedFrom)).ShouldBe([
            (1, "Use a calm-down plan in lessons", (GoalRating?)GoalRating.GoodProgress, (CycleGoalId?)null),
            (1, "Read aloud in a small group", GoalRating.Achieved, null),
            (2, "Use a calm-down plan in lessons", null, calm.Id),
            (2, "Read aloud to the whole class", null, read.Id),
        ], ignoreOrder: true);
        var ratings = (await therapist.GetJsonAsync<List<GoalRatingLine>>($"{api}/goal-ratings"))!;
        ratings.Select(r => (r.Goal, r.Rating, r.Next)).ShouldBe([
            ("Use a calm-down plan in lessons", GoalRating.GoodProgress, GoalNext.Carried),
            ("Read aloud in a small group", GoalRating.Achieved, GoalNext.Revised),
        ], ignoreOrder: true);
        ratings.ShouldAllBe(r => r.NextGoalId != null && r.Decision == ReviewDecision.ContinueAnotherCycle);
        var page = await therapist.GetPageAsync($"/episodes/{s.EpisodeId}");
        page.Document.QuerySelector("#goal-ratings")!.TextContent.ShouldContain("Read aloud in a small group: achieved, revised for the next cycle.");

        (await therapist.Http.PostAsJsonAsync($"{api}/reviews", new { decision = "ContinueAnotherCycle", note = "Again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict, "one review per term");
        var otherSchool = await TestSchool.CreateAsync(s.App);
        var outsider = await otherSchool.SignInAsync(Role.HeadOfTherapy);
        (await outsider.GetAsync($"{api}/goal-ratings")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ReviewPage_RatesTheGoals_AndADischargeClosesEveryGoal(DatabaseProvider provider)
    {
        var s = await EpisodeCycleFlowTests.EpisodeInWeekAsync(provider, 11);
        var goal = await QueryAsync(s.App, s.School, async db =>
        {
            var e = await db.Episodes.SingleAsync(x => x.Id == s.EpisodeId);
            var g = CycleGoal.Agree(e, 1, new GoalDetails("Walk to lessons with a friend", "Every day", "Has friends", "Arrives calm", "By half term", null, null), s.Today).Value;
            db.CycleGoals.Add(g);
            await db.SaveChangesAsync();
            return g.Id;
        });
        var hot = await s.School.SignInAsync(Role.HeadOfTherapy);
        var url = $"/episodes/{s.EpisodeId}/review";
        var form = await hot.GetPageAsync(url);
        form.Document.QuerySelector("#goal-ratings")!.TextContent.ShouldContain("Walk to lessons with a friend");

        var missing = await hot.SubmitAndReadAsync(url, [Form.Field("Input.Decision", "Discharge"), Form.Field("Input.Note", "Ready to finish")]);
        missing.Errors.ShouldContain("Rate the goal \"Walk to lessons with a friend\"");
        var recorded = await hot.SubmitAsync(url, [Form.Field("Input.Decision", "Discharge"), Form.Field("Input.Note", "Ready to finish"), Form.Field("Input.Goals[0].Rating", "Achieved")]);
        recorded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        recorded.Headers.Location!.OriginalString.ShouldBe($"/episodes/{s.EpisodeId}/discharge");

        var rating = await QueryAsync(s.App, s.School, db => db.GoalReviewRatings.SingleAsync(r => r.EpisodeId == s.EpisodeId));
        (rating.GoalId, rating.Rating, rating.Next, rating.NextGoalId).ShouldBe((goal, GoalRating.Achieved, GoalNext.Closed, (CycleGoalId?)null));
        (await QueryAsync(s.App, s.School, db => db.CycleGoals.CountAsync(g => g.EpisodeId == s.EpisodeId))).ShouldBe(1, "nothing is carried into a cycle that will not happen");
    }
}
