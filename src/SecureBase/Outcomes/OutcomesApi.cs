using System.ComponentModel.DataAnnotations;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Outcomes;

internal sealed record TomRatingDto(TomRatingId Id, int Cycle, TomPoint Point, DateOnly RatedOn, string RatedBy, string Scale,
    decimal Impairment, decimal Activity, decimal Participation, decimal WellBeing, decimal? CarerWellBeing);

internal sealed record SdqScoreDto(SdqScoreId Id, SdqInformant Informant, DateOnly CompletedOn, int Emotional, int Conduct, int Hyperactivity, int PeerProblems,
    int Prosocial, int TotalDifficulties, SdqBand Band, string BandWords);

internal sealed record OutcomeChangeDto(string Domain, DateOnly BaselineOn, decimal Baseline, DateOnly LatestOn, decimal Latest, decimal Change, bool Meaningful, string Words);

internal sealed record GoalScoreDto(Caseload.CycleGoalId GoalId, int Cycle, string Goal, DateOnly RatedOn, int Score);

internal sealed record EpisodeOutcomesDto(EpisodeId EpisodeId, string Pupil, IReadOnlyList<TomRatingDto> Tom, IReadOnlyList<OutcomeChangeDto> Changes, IReadOnlyList<GoalScoreDto> Goals, IReadOnlyList<SdqScoreDto> Sdq);

/// <summary>A TOM rating as sent to the API or the form: each domain 0–5 in steps of 0.5.</summary>
internal sealed class TomRatingInput
{
    /// <summary>Baseline, interim or final; left empty, the week of the cycle on the rating's date decides.</summary>
    [Display(Name = "the point of the cycle")]
    public TomPoint? Point { get; set; }

    /// <summary>The cycle rated; left empty, the cycle on the rating's date.</summary>
    [Display(Name = "the cycle")]
    public int? Cycle { get; set; }

    /// <summary>The day of the rating; left empty, today.</summary>
    [Display(Name = "the date of the rating")]
    public DateOnly? RatedOn { get; set; }

    [Display(Name = "the scale used")]
    [SchoolText(TomRating.ScaleMaxLength)]
    public string? Scale { get; set; }

    [Display(Name = "the impairment rating")]
    [Needed]
    public decimal? Impairment { get; set; }

    [Display(Name = "the activity rating")]
    [Needed]
    public decimal? Activity { get; set; }

    [Display(Name = "the participation rating")]
    [Needed]
    public decimal? Participation { get; set; }

    [Display(Name = "the well-being rating")]
    [Needed]
    public decimal? WellBeing { get; set; }

    /// <summary>Only where carer well-being is rated.</summary>
    [Display(Name = "the carer well-being rating")]
    public decimal? CarerWellBeing { get; set; }

    public TomEntry ToEntry() => new(Point, Cycle, RatedOn, Scale, new TomScores(Impairment, Activity, Participation, WellBeing, CarerWellBeing));
}

/// <summary>An SDQ as sent to the API or the form: each subscale 0–10.</summary>
internal sealed class SdqInput
{
    [Display(Name = "who completed the questionnaire")]
    [Needed]
    public SdqInformant? Informant { get; set; }

    /// <summary>The day it was completed; left empty, today.</summary>
    [Display(Name = "the date it was completed")]
    public DateOnly? CompletedOn { get; set; }

    [Display(Name = "the emotional symptoms score")]
    [Needed]
    public int? Emotional { get; set; }

    [Display(Name = "the conduct problems score")]
    [Needed]
    public int? Conduct { get; set; }

    [Display(Name = "the hyperactivity score")]
    [Needed]
    public int? Hyperactivity { get; set; }

    [Display(Name = "the peer problems score")]
    [Needed]
    public int? PeerProblems { get; set; }

    [Display(Name = "the prosocial score")]
    [Needed]
    public int? Prosocial { get; set; }

    public SdqEntry ToEntry() => new(Informant, CompletedOn, new SdqSubscales(Emotional, Conduct, Hyperactivity, PeerProblems, Prosocial));
}

/// <summary>Outcomes over the API, under the same policy table as the pages.</summary>
internal static class OutcomesApi
{
    public static IEndpointRouteBuilder MapOutcomesApi(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/episodes/{episodeId:guid}").WithTags("Outcomes");
        g.MapGet("/outcomes", async (EpisodeId episodeId, OutcomeDesk desk, CancellationToken ct) =>
            {
                var view = await desk.ViewAsync(episodeId, "api", ct);
                return view.IsSuccess ? TypedResults.Ok(ToDto(view.Value)) : view.Error!.ToProblem();
            })
            .Permits(SchoolAction.ViewOutcomes)
            .WithSummary("An episode's outcomes: TOM ratings, each domain's change from baseline (meaningful at 0.5 or more), goal-based scores (0–10) and SDQs");
        g.MapGet("/tom-ratings", async (EpisodeId episodeId, OutcomeDesk desk, CancellationToken ct) =>
            {
                var list = await desk.TomRatingsAsync(episodeId, "api", ct);
                return list.IsSuccess ? TypedResults.Ok(list.Value.Select(ToDto).ToList()) : list.Error!.ToProblem();
            })
            .Permits(SchoolAction.ViewOutcomes)
            .WithSummary("An episode's TOM ratings, cycle by cycle: the pupil's own practitioner and the Head of Therapy");
        g.MapPost("/tom-ratings", async (EpisodeId episodeId, TomRatingInput body, OutcomeDesk desk, CancellationToken ct) =>
            {
                if (ApiValidation.Check(body) is { } invalid)
                {
                    return invalid;
                }

                var made = await desk.RecordTomAsync(episodeId, body.ToEntry(), ct);
                return made.IsSuccess ? TypedResults.Created($"/api/v1/episodes/{episodeId}/tom-ratings", ToDto(made.Value)) : made.Error!.ToProblem();
            })
            .Permits(SchoolAction.RecordTom)
            .WithSummary("Records a TOM rating (impairment, activity, participation, wellBeing, optional carerWellBeing: 0–5 in steps of 0.5; point Baseline/Interim/Final and cycle default from ratedOn; scale: \"Core scale\" or an adapted scale's name)");
        g.MapGet("/sdq-scores", async (EpisodeId episodeId, OutcomeDesk desk, CancellationToken ct) =>
            {
                var list = await desk.SdqScoresAsync(episodeId, "api", ct);
                return list.IsSuccess ? TypedResults.Ok(list.Value.Select(ToDto).ToList()) : list.Error!.ToProblem();
            })
            .Permits(SchoolAction.ViewOutcomes)
            .WithSummary("An episode's SDQs: subscales, total difficulties (prosocial excluded) and its band by the informant's own cut-offs");
        g.MapPost("/sdq-scores", async (EpisodeId episodeId, SdqInput body, OutcomeDesk desk, CancellationToken ct) =>
            {
                if (ApiValidation.Check(body) is { } invalid)
                {
                    return invalid;
                }

                var made = await desk.RecordSdqAsync(episodeId, body.ToEntry(), ct);
                return made.IsSuccess ? TypedResults.Created($"/api/v1/episodes/{episodeId}/sdq-scores", ToDto(made.Value)) : made.Error!.ToProblem();
            })
            .Permits(SchoolAction.RecordSdq)
            .WithSummary("Records an SDQ (informant Parent/Teacher/Self; emotional, conduct, hyperactivity, peerProblems, prosocial: 0–10 each; completedOn)");
        api.MapGet("/outcomes/root-export.csv", async (string? from, string? to, string? discipline, RootExport export, CancellationToken ct) =>
            {
                var filter = export.Parse(from, to, discipline);
                if (!filter.IsSuccess)
                {
                    return filter.Error!.ToProblem();
                }

                var file = await export.ExportAsync(filter.Value, ct);
                return TypedResults.File(file.Content, "text/csv; charset=utf-8", file.FileName);
            })
            .Permits(SchoolAction.ExportRoot).WithTags("Outcomes")
            .WithSummary("TOM ratings as CSV for upload to ROOT, one row per rating, pupils by pseudonym (docs/root-export.md); from/to yyyy-mm-dd (default: the last 12 months), discipline optional");
        return api;
    }

    internal static TomRatingDto ToDto(TomRating t) =>
        new(t.Id, t.Cycle, t.Point, t.RatedOn, t.RatedByName, t.Scale, t.Impairment, t.Activity, t.Participation, t.WellBeing, t.CarerWellBeing);

    internal static SdqScoreDto ToDto(SdqScore s) =>
        new(s.Id, s.Informant, s.CompletedOn, s.Emotional, s.Conduct, s.Hyperactivity, s.PeerProblems, s.Prosocial, s.TotalDifficulties, s.Band, SdqBands.Words(s.Band));

    private static EpisodeOutcomesDto ToDto(OutcomesView v) => new(v.Header.Episode.Id, v.Header.Pupil, v.Tom.Select(ToDto).ToList(),
        MeaningfulChange.Summarise(v.Tom).Select(c => new OutcomeChangeDto(c.Domain, c.BaselineOn, c.Baseline, c.LatestOn, c.Latest, c.Change, c.Meaningful, c.Words)).ToList(),
        v.Goals.Select(g => new GoalScoreDto(g.GoalId, g.Cycle, g.Goal, g.RatedOn, g.Score)).ToList(),
        v.Sdq.Select(ToDto).ToList());
}
