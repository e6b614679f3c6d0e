using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Caseload;

/// <summary>One rating of a goal: the goal as first agreed (goals carried into later cycles keep their first goal's id), its wording then, and the rating.</summary>
public sealed record GoalRatingPoint(CycleGoalId FirstGoalId, CycleGoalId GoalId, int Cycle, string Specific, string Measurable, DateOnly RatedOn, GoalRating Rating);

/// <summary>An episode's goal as it stands: its wording, cycle and latest rating (null when not rated yet).</summary>
public sealed record GoalNow(CycleGoalId FirstGoalId, CycleGoalId GoalId, int Cycle, string Specific, string Measurable, GoalRating? Rating, DateOnly? RatedOn);

/// <summary>
/// The cycle's published read of an episode's SMART goals and every rating each has had (at termly
/// reviews and in between), for reports and outcome measures (issue 12).
/// </summary>
public sealed class GoalRatingHistory(SecureBaseDb db)
{
    public async Task<(IReadOnlyList<GoalNow> Goals, IReadOnlyList<GoalRatingPoint> Ratings)> ForAsync(EpisodeId episode, CancellationToken ct = default)
    {
        var goals = await db.CycleGoals.AsNoTracking().Where(g => g.EpisodeId == episode).ToListAsync(ct);
        var byId = goals.ToDictionary(g => g.Id);
        CycleGoalId First(CycleGoal g)
        {
            var seen = 0;
            while (g.CarriedFrom is { } from && byId.TryGetValue(from, out var earlier) && seen++ < 100)
            {
                g = earlier;
            }

            return g.Id;
        }

        var reviewed = await db.GoalReviewRatings.AsNoTracking().Where(r => r.EpisodeId == episode).ToListAsync(ct);
        var points = reviewed.Where(r => byId.ContainsKey(r.GoalId))
            .Select(r => (Goal: byId[r.GoalId], r.RatedOn, r.Rating))
            .Concat(goals.Where(g => g.Rating is not null && g.RatedOn is not null).Select(g => (Goal: g, RatedOn: g.RatedOn!.Value, Rating: g.Rating!.Value)))
            .DistinctBy(p => (p.Goal.Id, p.RatedOn))
            .Select(p => new GoalRatingPoint(First(p.Goal), p.Goal.Id, p.Goal.Cycle, p.Goal.Specific, p.Goal.Measurable, p.RatedOn, p.Rating))
            .OrderBy(p => p.RatedOn).ThenBy(p => p.Cycle)
            .ToList();
        var current = goals.Where(g => !goals.Any(n => n.CarriedFrom == g.Id))
            .OrderBy(g => g.Cycle).ThenBy(g => g.AgreedOn).ThenBy(g => g.Id.Value)
            .Select(g => new GoalNow(First(g), g.Id, g.Cycle, g.Specific, g.Measurable, g.Rating, g.RatedOn))
            .ToList();
        return (current, points);
    }
}
