using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Caseload;

/// <summary>What becomes of a goal after a review (Serenity: "carried or revised into the next cycle").</summary>
internal enum GoalNext
{
    /// <summary>Carried unchanged into the next cycle.</summary>
    Carried,

    /// <summary>Carried into the next cycle with a revised wording.</summary>
    Revised,

    /// <summary>Not carried on (met, or no longer relevant).</summary>
    Closed,
}

internal static class GoalNexts
{
    public static string Words(GoalNext n) => n switch
    {
        GoalNext.Carried => "carried into the next cycle",
        GoalNext.Revised => "revised for the next cycle",
        _ => "closed",
    };
}

/// <summary>
/// One goal's rating at one termly review, and what became of it: the history of a goal across
/// reviews. The goal itself keeps only its latest rating.
/// </summary>
internal sealed class GoalReviewRating : ISchoolOwned
{
    private GoalReviewRating()
    {
    }

    public CycleRecordId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public EpisodeId EpisodeId { get; private set; }
    public CycleRecordId ReviewId { get; private set; }
    public CycleGoalId GoalId { get; private set; }
    public GoalRating Rating { get; private set; }
    public GoalNext Next { get; private set; }

    /// <summary>The goal of the next cycle it was carried or revised into.</summary>
    public CycleGoalId? NextGoalId { get; private set; }
    public DateOnly RatedOn { get; private set; }

    internal static GoalReviewRating Of(TermlyReview review, CycleGoal goal, GoalRating rating, GoalNext next, CycleGoalId? nextGoal) => new()
    {
        Id = CycleRecordId.New(),
        SchoolId = review.SchoolId,
        EpisodeId = review.EpisodeId,
        ReviewId = review.Id,
        GoalId = goal.Id,
        Rating = rating,
        Next = next,
        NextGoalId = nextGoal,
        RatedOn = review.RecordedOn,
    };
}

/// <summary>One goal's rating at a review as the practitioner gives it, and (for another cycle) what becomes of it.</summary>
internal sealed record GoalChoice(CycleGoalId GoalId, GoalRating? Rating, GoalNext? Next, string? RevisedSpecific, string? RevisedMeasurable);

/// <summary>The ratings of a review and the next cycle's goals they made.</summary>
internal sealed record GoalReviewOutcome(IReadOnlyList<GoalReviewRating> Ratings, IReadOnlyList<CycleGoal> NextGoals);

/// <summary>
/// The rule of rating goals at a termly review: every current goal (not yet carried on or closed)
/// is rated; for another cycle (or a change) each is carried, revised or closed; at discharge each is
/// closed. A goal that is not one of the episode's current goals is not found.
/// </summary>
internal static class GoalReview
{
    public static Result<GoalReviewOutcome> Apply(Episode episode, TermlyReview review, IReadOnlyList<CycleGoal> current, IReadOnlyList<GoalChoice> choices, int nextCycleFrom, DateOnly today)
    {
        var byId = current.ToDictionary(g => g.Id);
        if (choices.FirstOrDefault(c => !byId.ContainsKey(c.GoalId)) is { } stranger)
        {
            return new Error.NotFound("That goal was not found among this episode's current goals.");
        }

        if (choices.GroupBy(c => c.GoalId).Any(g => g.Count() > 1))
        {
            return new Error.Validation("Goals", "Rate each goal once");
        }

        var errors = new List<FieldError>();
        var chosen = choices.ToDictionary(c => c.GoalId);
        var ratings = new List<GoalReviewRating>();
        var next = new List<CycleGoal>();
        var i = 0;
        foreach (var goal in current.OrderBy(g => g.Cycle).ThenBy(g => g.Id.Value))
        {
            var field = $"Goals[{i++}]";
            var words = Shorten(goal.Specific);
            if (!chosen.TryGetValue(goal.Id, out var c) || c.Rating is not { } rating || !Enum.IsDefined(rating))
            {
                errors.Add(new($"{field}.Rating", $"Rate the goal \"{words}\""));
                continue;
            }

            var what = review.Decision == ReviewDecision.Discharge ? GoalNext.Closed : c.Next;
            if (what is not { } then || !Enum.IsDefined(then))
            {
                errors.Add(new($"{field}.Next", $"Say whether the goal \"{words}\" is carried into the next cycle, revised or closed"));
                continue;
            }

            CycleGoal? successor = null;
            if (then != GoalNext.Closed)
            {
                var carried = goal.CarryForward(episode, Math.Max(nextCycleFrom, goal.Cycle), today);
                if (!carried.IsSuccess)
                {
                    return carried.Error!;
                }

                successor = carried.Value;
                if (then == GoalNext.Revised)
                {
                    var revised = successor.Revise(c.RevisedSpecific, c.RevisedMeasurable);
                    if (!revised.IsSuccess)
                    {
                        errors.Add(new($"{field}.RevisedSpecific", revised.Error!.Message));
                        continue;
                    }
                }

                next.Add(successor);
            }

            goal.Rate(rating, today);
            ratings.Add(GoalReviewRating.Of(review, goal, rating, then, successor?.Id));
        }

        return errors.Count > 0 ? new Error.Validation(errors) : new GoalReviewOutcome(ratings, next);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "…";
}

internal sealed class GoalReviewRatingConfiguration : IEntityTypeConfiguration<GoalReviewRating>
{
    public void Configure(EntityTypeBuilder<GoalReviewRating> b)
    {
        b.ToTable("goal_review_ratings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Rating).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Next).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.ReviewId, x.GoalId }).IsUnique();
        b.HasIndex(x => x.EpisodeId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TermlyReview>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CycleGoal>().WithMany().HasForeignKey(x => x.GoalId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// A goal's progress at one rating as a goal-based outcome score from 0 to 10. The practitioner rates
/// goals in words (not started, some progress, good progress, achieved); the score maps those words onto
/// the 0–10 scale of goal-based outcomes (<see cref="GoalScores.Of"/>) rather than asking for a second
/// rating. <paramref name="Thread"/> is the first goal of a chain carried or revised from cycle to cycle,
/// so one line of a chart follows one goal across cycles.
/// </summary>
public sealed record GoalScore(CycleGoalId GoalId, CycleGoalId Thread, int Cycle, string Goal, DateOnly RatedOn, GoalRating Rating, int Score);

/// <summary>The goal-based outcome scores of an episode (issue 12): each goal's ratings at reviews and on the episode page, 0–10.</summary>
public static class GoalScores
{
    /// <summary>Not started 0, some progress 3, good progress 7, achieved 10: the words' place on the 0–10 scale.</summary>
    public static int Of(GoalRating rating) => rating switch
    {
        GoalRating.NotStarted => 0,
        GoalRating.SomeProgress => 3,
        GoalRating.GoodProgress => 7,
        _ => 10,
    };

    /// <summary>Every rating of the episode's goals in date order: each termly review's, and the goal's latest where it was rated since.</summary>
    public static async Task<IReadOnlyList<GoalScore>> ForEpisodeAsync(SecureBaseDb db, EpisodeId episodeId, CancellationToken ct = default)
    {
        var goals = await db.CycleGoals.AsNoTracking().Where(g => g.EpisodeId == episodeId).ToListAsync(ct);
        var byId = goals.ToDictionary(g => g.Id);
        CycleGoalId ThreadOf(CycleGoal g)
        {
            var seen = 0;
            while (g.CarriedFrom is { } from && byId.TryGetValue(from, out var earlier) && seen++ < 100)
            {
                g = earlier;
            }

            return g.Id;
        }

        var reviewed = await db.GoalReviewRatings.AsNoTracking().Where(r => r.EpisodeId == episodeId)
            .Select(r => new { r.GoalId, r.RatedOn, r.Rating }).ToListAsync(ct);
        var scores = reviewed.Where(r => byId.ContainsKey(r.GoalId))
            .Select(r => (Goal: byId[r.GoalId], r.RatedOn, r.Rating)).ToList();
        foreach (var g in goals.Where(g => g.Rating is not null && g.RatedOn is not null))
        {
            if (!scores.Any(s => s.Goal.Id == g.Id && s.RatedOn == g.RatedOn))
            {
                scores.Add((g, g.RatedOn!.Value, g.Rating!.Value));
            }
        }

        return scores.OrderBy(s => s.RatedOn).ThenBy(s => s.Goal.Cycle).ThenBy(s => s.Goal.Id.Value)
            .Select(s => new GoalScore(s.Goal.Id, ThreadOf(s.Goal), s.Goal.Cycle, s.Goal.Specific, s.RatedOn, s.Rating, Of(s.Rating))).ToList();
    }
}
