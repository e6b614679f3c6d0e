using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Sessions;

/// <summary>Whether parents are told about a pupil's refusals, as sent to the API.</summary>
public sealed record ParentsChoiceInput(bool DoNotTellParents);

public sealed record EngagementSettingsDto(int WarnAfterWeeks, int ReleaseAfterWeeks);

/// <summary>The 6-week disengagement rule over the API: the same steps as its pages, under the same policy table.</summary>
public static class EngagementApi
{
    public static IEndpointRouteBuilder MapEngagementApi(this IEndpointRouteBuilder api)
    {
        var episode = api.MapGroup("/episodes/{episodeId:guid}/engagement").WithTags("Engagement");
        episode.MapGet("/", ViewAsync).Permits(SchoolAction.RecordEngagementEfforts)
            .WithSummary("An episode's run of refused school weeks, the school's thresholds, whether parents are told, and the strategies tried to engage the pupil");
        episode.MapPost("/strategies", AddStrategyAsync).Permits(SchoolAction.RecordEngagementEfforts)
            .WithSummary("Record something tried to engage the pupil (triedOn, what); shown on the MDT agenda item when the pupil nears the limit");
        episode.MapPut("/parents", ParentsAsync).Permits(SchoolAction.RecordEngagementEfforts)
            .WithSummary("The practitioner's judgement whether the parents are told when the pupil keeps refusing (doNotTellParents)");
        var settings = api.MapGroup("/settings/engagement").WithTags("Engagement");
        settings.MapGet("/", SettingsAsync).Permits(SchoolAction.ManageEngagementSettings)
            .WithSummary("The school's thresholds: warn after this many consecutive refused school weeks, release the slot after that many");
        settings.MapPut("/", ChangeSettingsAsync).Permits(SchoolAction.ManageEngagementSettings)
            .WithSummary("Change the thresholds (each from 1 to 20 weeks, the warning before the release)");
        return api;
    }

    private static async Task<IResult> ViewAsync(EpisodeId episodeId, EngagementPages pages, CancellationToken ct) =>
        await pages.ViewAsync(episodeId, ct) is { } view ? TypedResults.Ok(view) : new Error.NotFound("That pupil is not on your caseload.").ToProblem();

    private static async Task<IResult> AddStrategyAsync(EpisodeId episodeId, StrategyInput body, EngagementPages pages, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var added = await pages.AddStrategyAsync(episodeId, body, ct);
        return added.IsSuccess ? TypedResults.Created($"/api/v1/episodes/{episodeId}/engagement", await pages.ViewAsync(episodeId, ct)) : added.Error!.ToProblem();
    }

    private static async Task<IResult> ParentsAsync(EpisodeId episodeId, ParentsChoiceInput body, EngagementPages pages, CancellationToken ct)
    {
        var set = await pages.SetDoNotTellParentsAsync(episodeId, body.DoNotTellParents, ct);
        return set.IsSuccess ? TypedResults.NoContent() : set.Error!.ToProblem();
    }

    private static async Task<EngagementSettingsDto> SettingsAsync(EngagementPages pages, CancellationToken ct)
    {
        var s = await pages.SettingsAsync(ct);
        return new EngagementSettingsDto(s.WarnAfterWeeks, s.ReleaseAfterWeeks);
    }

    private static async Task<IResult> ChangeSettingsAsync(EngagementSettingsInput body, EngagementPages pages, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var changed = await pages.ChangeSettingsAsync(body, ct);
        return changed.IsSuccess ? TypedResults.Ok(new EngagementSettingsDto(changed.Value.WarnAfterWeeks, changed.Value.ReleaseAfterWeeks)) : changed.Error!.ToProblem();
    }
}
