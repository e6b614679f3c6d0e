using System.ComponentModel.DataAnnotations;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Caseload;

public sealed record CyclePositionDto(int Cycle, int Week, CyclePhase Phase, string Words);
public sealed record DueTaskDto(string Title, string Detail, string Href);
public sealed record SituationAnalysisDto(bool EhcpReviewed, string? EhcpNote, string? Background, string? Needs, string? Strengths, string? Challenges,
    bool MetPupil, bool MetFamily, bool MetTeachers, string? AssessmentTools, DateOnly RecordedOn);
public sealed record CycleGoalDto(CycleGoalId Id, int Cycle, string Specific, string Measurable, string Achievable, string Relevant, string TimeBound,
    string? PlannedInterventions, Guid? MdtMeetingId, DateOnly AgreedOn, GoalRating? Rating, DateOnly? RatedOn, CycleGoalId? CarriedFrom);
public sealed record CycleCheckDto(int Cycle, CheckKind Kind, string Note, DateOnly RecordedOn);
public sealed record TermlyReviewDto(DateOnly TermEndsOn, ReviewDecision Decision, string? Change, string Note, DateOnly RecordedOn);
public sealed record EpisodeCycleDto(
    EpisodeId Id, PupilId PupilId, string Pupil, StaffId StaffId, string Practitioner, Staff.Discipline Discipline, DateOnly StartDate, EpisodeStatus Status,
    DateOnly? EndDate, DischargeReason? DischargeReason, string? DischargeSummary, TherapyTier? Tier, string? Modality,
    DateOnly? ConfidentialityExplainedOn, string? ConfidentialityResponse, CyclePositionDto? Position, IReadOnlyList<DueTaskDto> Due,
    SituationAnalysisDto? SituationAnalysis, IReadOnlyList<CycleGoalDto> Goals, IReadOnlyList<CycleCheckDto> Checks, IReadOnlyList<TermlyReviewDto> Reviews, DateOnly? ReviewDueBy);
public sealed record ReviewDueDto(EpisodeId EpisodeId, PupilId PupilId, string Pupil, string Practitioner, string Therapy, DateOnly StartDate, string Term, DateOnly TermEndsOn);

public sealed class SituationAnalysisInput
{
    [Display(Name = "whether the EHCP entitlement was reviewed")]
    [Needed]
    public bool? EhcpReviewed { get; set; }

    [SchoolText(SituationAnalysis.TextMaxLength, MultiLine = true)]
    public string? EhcpNote { get; set; }

    [Display(Name = "the pupil's background")]
    [Needed]
    [SchoolText(SituationAnalysis.TextMaxLength, MultiLine = true)]
    public string? Background { get; set; }

    [Display(Name = "the pupil's needs")]
    [Needed]
    [SchoolText(SituationAnalysis.TextMaxLength, MultiLine = true)]
    public string? Needs { get; set; }

    [Display(Name = "the pupil's strengths")]
    [Needed]
    [SchoolText(SituationAnalysis.TextMaxLength, MultiLine = true)]
    public string? Strengths { get; set; }

    [Display(Name = "the challenges")]
    [Needed]
    [SchoolText(SituationAnalysis.TextMaxLength, MultiLine = true)]
    public string? Challenges { get; set; }

    public bool MetPupil { get; set; }
    public bool MetFamily { get; set; }
    public bool MetTeachers { get; set; }

    [Display(Name = "Assessment tools used")]
    [SchoolText(SituationAnalysis.TextMaxLength, MultiLine = true)]
    public string? AssessmentTools { get; set; }

    public SituationAnalysisDetails ToDetails() => new(EhcpReviewed, EhcpNote, Background, Needs, Strengths, Challenges, MetPupil, MetFamily, MetTeachers, AssessmentTools);
}

public sealed class GoalInput
{
    [Display(Name = "what specifically the goal is")]
    [Needed]
    [SchoolText(CycleGoal.FieldMaxLength, MultiLine = true)]
    public string? Specific { get; set; }

    [Display(Name = "how it will be measured")]
    [Needed]
    [SchoolText(CycleGoal.FieldMaxLength, MultiLine = true)]
    public string? Measurable { get; set; }

    [Display(Name = "why it is achievable")]
    [Needed]
    [SchoolText(CycleGoal.FieldMaxLength, MultiLine = true)]
    public string? Achievable { get; set; }

    [Display(Name = "why it is relevant")]
    [Needed]
    [SchoolText(CycleGoal.FieldMaxLength, MultiLine = true)]
    public string? Relevant { get; set; }

    [Display(Name = "by when")]
    [Needed]
    [SchoolText(CycleGoal.FieldMaxLength)]
    public string? TimeBound { get; set; }

    [Display(Name = "Planned interventions")]
    [SchoolText(CycleGoal.FieldMaxLength, MultiLine = true)]
    public string? PlannedInterventions { get; set; }

    public Guid? MdtMeetingId { get; set; }

    public GoalDetails ToDetails() => new(Specific, Measurable, Achievable, Relevant, TimeBound, PlannedInterventions, MdtMeetingId);
}

public sealed class GoalRatingInput
{
    [Display(Name = "the goal")]
    [Needed]
    public Guid? GoalId { get; set; }

    [Display(Name = "a rating")]
    [Needed]
    public GoalRating? Rating { get; set; }
}

public sealed class CarryForwardInput
{
    [Display(Name = "the goal")]
    [Needed]
    public Guid? GoalId { get; set; }
}

public sealed class CheckInput
{
    [Display(Name = "which check this is")]
    [Needed]
    public CheckKind? Kind { get; set; }

    [Display(Name = "what the check found")]
    [Needed]
    [SchoolText(CycleCheck.NoteMaxLength, MultiLine = true)]
    public string? Note { get; set; }
}

public sealed class TierInput
{
    [Display(Name = "a tier")]
    [Needed]
    public TherapyTier? Tier { get; set; }

    [Display(Name = "Modality")]
    [SchoolText(Episode.ModalityMaxLength)]
    public string? Modality { get; set; }
}

public sealed class ConfidentialityInput
{
    [Display(Name = "the day it was shown")]
    [Needed]
    public DateOnly? ShownOn { get; set; }

    [Display(Name = "how the pupil responded")]
    [Needed]
    [SchoolText(Episode.ConfidentialityResponseMaxLength, MultiLine = true)]
    public string? Response { get; set; }
}

public sealed class ReviewInput
{
    [Display(Name = "a decision")]
    [Needed]
    public ReviewDecision? Decision { get; set; }

    [Display(Name = "What will change")]
    [SchoolText(TermlyReview.TextMaxLength, MultiLine = true)]
    public string? Change { get; set; }

    [Display(Name = "a note of the review")]
    [Needed]
    [SchoolText(TermlyReview.TextMaxLength, MultiLine = true)]
    public string? Note { get; set; }

    /// <summary>A rating of each of the episode's current goals and, for another cycle or a change, whether each is carried, revised or closed.</summary>
    public List<GoalChoiceInput> Goals { get; set; } = [];

    internal IReadOnlyList<GoalChoice> GoalChoices() =>
        Goals.Where(g => g.GoalId is not null).Select(g => new GoalChoice(CycleGoalId.From(g.GoalId!.Value), g.Rating, g.Next is { } n && Enum.TryParse<GoalNext>(n, true, out var next) ? next : null, g.RevisedSpecific, g.RevisedMeasurable)).ToList();

    /// <summary>One goal's rating at the review: rating (notStarted, someProgress, goodProgress, achieved) and next (carried, revised, closed).</summary>
    public sealed class GoalChoiceInput
    {
        public Guid? GoalId { get; set; }
        public GoalRating? Rating { get; set; }
        public string? Next { get; set; }

        [SchoolText(CycleGoal.FieldMaxLength, MultiLine = true)]
        public string? RevisedSpecific { get; set; }

        [SchoolText(CycleGoal.FieldMaxLength, MultiLine = true)]
        public string? RevisedMeasurable { get; set; }
    }
}

public sealed class DischargeInput
{
    [Display(Name = "a reason")]
    [Needed]
    public DischargeReason? Reason { get; set; }

    [Display(Name = "a short summary")]
    [Needed]
    [SchoolText(Episode.DischargeSummaryMaxLength, MultiLine = true)]
    public string? Summary { get; set; }
}

/// <summary>The 12-week cycle of an episode over the API, under the same policy table as the episode page.</summary>
public static class EpisodeCycleApi
{
    public static IEndpointRouteBuilder MapEpisodeCycleApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/episodes/reviews-due", async (EpisodeCycles cycles, CancellationToken ct) =>
                (await cycles.ReviewsDueAsync(ct)).Select(r => new ReviewDueDto(r.EpisodeId, r.PupilId, r.Pupil, r.Practitioner, r.Therapy, r.StartDate, r.Term, r.TermEndsOn)).ToList())
            .Permits(SchoolAction.ViewReviewsDue).WithTags("Episodes")
            .WithSummary("Open episodes whose termly review is due (the last two weeks of a term, or the holiday after it)");
        var g = api.MapGroup("/episodes/{episodeId:guid}").WithTags("Episodes");
        g.MapGet("/", GetAsync).Permits(SchoolAction.ViewEpisode)
            .WithSummary("The episode: cycle, week and phase, tasks due, situation analysis, goals, checks, tier and modality, reviews, discharge and the confidentiality statement (the read is audited)");
        g.MapPost("/situation-analysis", (EpisodeId episodeId, SituationAnalysisInput body, EpisodeCycles c, CancellationToken ct) =>
                Run(body, () => c.RecordSituationAnalysisAsync(episodeId, body.ToDetails(), ct), episodeId))
            .Permits(SchoolAction.RecordEpisodeCycle).WithSummary("Records the situation analysis of weeks 1–2 (once per episode)");
        g.MapPost("/goals", async (EpisodeId episodeId, GoalInput body, EpisodeCycles c, CancellationToken ct) =>
                ApiValidation.Check(body) ?? ToResult(await c.AgreeGoalAsync(episodeId, body.ToDetails(), ct), episodeId))
            .Permits(SchoolAction.RecordEpisodeCycle).WithSummary("Adds a SMART goal to the current cycle, agreed at an MDT meeting (mdtMeetingId) where there was one");
        g.MapPost("/goals/rating", (EpisodeId episodeId, GoalRatingInput body, EpisodeCycles c, CancellationToken ct) =>
                Run(body, () => c.RateGoalAsync(episodeId, CycleGoalId.From(body.GoalId!.Value), body.Rating!.Value, ct), episodeId))
            .Permits(SchoolAction.RecordEpisodeCycle).WithSummary("Rates a goal: notStarted, someProgress, goodProgress, achieved");
        g.MapPost("/goals/carry-forward", async (EpisodeId episodeId, CarryForwardInput body, EpisodeCycles c, CancellationToken ct) =>
                ApiValidation.Check(body) ?? ToResult(await c.CarryForwardAsync(episodeId, CycleGoalId.From(body.GoalId!.Value), ct), episodeId))
            .Permits(SchoolAction.RecordEpisodeCycle).WithSummary("Copies a goal into the next cycle");
        g.MapPost("/checks", (EpisodeId episodeId, CheckInput body, EpisodeCycles c, CancellationToken ct) =>
                Run(body, () => c.RecordCheckAsync(episodeId, body.Kind!.Value, body.Note, ct), episodeId))
            .Permits(SchoolAction.RecordEpisodeCycle).WithSummary("Records the week 6 check, outcome measures (week 11) or reflective evaluation (week 12) of the current cycle");
        g.MapPut("/tier", (EpisodeId episodeId, TierInput body, EpisodeCycles c, CancellationToken ct) =>
                Run(body, () => c.SetTierAsync(episodeId, body.Tier, body.Modality, ct), episodeId))
            .Permits(SchoolAction.RecordEpisodeCycle).WithSummary("Sets the tier (staffSupport, shortTerm, longTerm) and modality");
        g.MapPost("/confidentiality", (EpisodeId episodeId, ConfidentialityInput body, EpisodeCycles c, CancellationToken ct) =>
                Run(body, () => c.RecordConfidentialityAsync(episodeId, body.ShownOn, body.Response, ct), episodeId))
            .Permits(SchoolAction.RecordEpisodeCycle).WithSummary("Records that the pupil was shown the confidentiality statement and how they responded; until then no session can be recorded as attended");
        g.MapPost("/reviews", async (EpisodeId episodeId, ReviewInput body, EpisodeCycles c, CancellationToken ct) =>
                ApiValidation.Check(body) ?? ToResult(await c.RecordReviewAsync(episodeId, body.Decision!.Value, body.Change, body.Note, body.GoalChoices(), ct), episodeId))
            .Permits(SchoolAction.RecordEpisodeCycle).WithSummary("Records the termly review: continueAnotherCycle, change (with what) or discharge (then POST discharge), rating each current goal (goals: goalId, rating, next: carried, revised with revisedSpecific, or closed)");
        g.MapGet("/goal-ratings", async (EpisodeId episodeId, EpisodeCycles c, CancellationToken ct) =>
            {
                var lines = await c.GoalRatingsAsync(episodeId, "api", ct);
                return lines.IsSuccess ? TypedResults.Ok(lines.Value) : lines.Error!.ToProblem();
            })
            .Permits(SchoolAction.ViewEpisode).WithSummary("Each goal's rating at each termly review and whether it was carried, revised or closed (the read is audited)");
        api.MapClassroomApi();
        g.MapPost("/discharge", async (EpisodeId episodeId, DischargeInput body, EpisodeCycles c, CancellationToken ct) =>
            {
                if (ApiValidation.Check(body) is { } invalid)
                {
                    return invalid;
                }

                var done = await c.DischargeAsync(episodeId, body.Reason, body.Summary, ct);
                return done.IsSuccess ? TypedResults.NoContent() : done.Error!.ToProblem();
            })
            .Permits(SchoolAction.DischargeEpisode).WithSummary("Discharges the pupil (naturalEndPoint, clinicalJudgement, noLongerNeeded, movedSchool) with a short summary: the weekly slot is released; a second discharge answers 409");
        return api;
    }

    private static async Task<IResult> GetAsync(EpisodeId episodeId, EpisodeCycles cycles, CancellationToken ct)
    {
        var view = await cycles.ViewAsync(episodeId, "api", ct);
        return view.IsSuccess ? TypedResults.Ok(ToDto(view.Value)) : view.Error!.ToProblem();
    }

    private static async Task<IResult> Run(object body, Func<Task<Outcome>> act, EpisodeId id)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var done = await act();
        return done.IsSuccess ? TypedResults.NoContent() : done.Error!.ToProblem();
    }

    private static IResult ToResult<T>(Result<T> r, EpisodeId id) =>
        r.IsSuccess ? TypedResults.Created<object?>($"/api/v1/episodes/{id}", (object?)r.Value switch
        {
            CycleGoal goal => ToDto(goal),
            TermlyReview review => new TermlyReviewDto(review.TermEndsOn, review.Decision, review.Change, review.Note, review.RecordedOn),
            _ => null,
        }) : r.Error!.ToProblem();

    private static CycleGoalDto ToDto(CycleGoal g) =>
        new(g.Id, g.Cycle, g.Specific, g.Measurable, g.Achievable, g.Relevant, g.TimeBound, g.PlannedInterventions, g.MdtMeetingId, g.AgreedOn, g.Rating, g.RatedOn, g.CarriedFrom);

    private static EpisodeCycleDto ToDto(EpisodeView v)
    {
        var e = v.Header.Episode;
        var a = v.SituationAnalysis;
        return new EpisodeCycleDto(e.Id, e.PupilId, v.Header.Pupil, e.StaffId, v.Header.Practitioner, e.Discipline, e.StartDate, e.Status, e.EndDate, e.DischargeReason, e.DischargeNote,
            e.Tier, e.Modality, e.ConfidentialityExplainedOn, e.ConfidentialityResponse,
            v.Position is { } p ? new CyclePositionDto(p.Cycle, p.Week, p.Phase, p.ToString()) : null,
            v.Due.Select(d => new DueTaskDto(d.Title, d.Detail, d.Href)).ToList(),
            a is null ? null : new SituationAnalysisDto(a.EhcpReviewed, a.EhcpNote, a.Background, a.Needs, a.Strengths, a.Challenges, a.MetPupil, a.MetFamily, a.MetTeachers, a.AssessmentTools, a.RecordedOn),
            v.Goals.Select(ToDto).ToList(),
            v.Checks.Select(c => new CycleCheckDto(c.Cycle, c.Kind, c.Note, c.RecordedOn)).ToList(),
            v.Reviews.Select(r => new TermlyReviewDto(r.TermEndsOn, r.Decision, r.Change, r.Note, r.RecordedOn)).ToList(),
            v.ReviewDue?.TermEndsOn);
    }
}
