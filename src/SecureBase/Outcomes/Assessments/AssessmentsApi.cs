using System.ComponentModel.DataAnnotations;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Outcomes;

internal sealed record AssessmentItemDto(AssessmentItemId Id, AssessmentItemKind Kind, string Assessment, DateOnly AssessedOn, string AssessedBy, string Statement,
    IReadOnlyList<ProfileAudience>? SharedWith);

internal sealed record AssessmentProfileDto(PupilId PupilId, string Pupil, IReadOnlyList<AssessmentItemDto> Items);

/// <summary>A strength or target as sent to the API or the profile's form.</summary>
internal sealed class AssessmentItemInput
{
    [Display(Name = "whether it is a strength or a target")]
    [Needed]
    public AssessmentItemKind? Kind { get; set; }

    [Display(Name = "the assessment or tool")]
    [Needed]
    [SchoolText(AssessmentItem.AssessmentMaxLength)]
    public string? Assessment { get; set; }

    [Display(Name = "the date of the assessment")]
    [Needed]
    public DateOnly? AssessedOn { get; set; }

    [Display(Name = "who carried out the assessment")]
    [Needed]
    [SchoolText(AssessmentItem.AssessorMaxLength)]
    public string? AssessedBy { get; set; }

    [Display(Name = "the statement")]
    [Needed]
    [SchoolText(AssessmentItem.StatementMaxLength)]
    public string? Statement { get; set; }

    /// <summary>Whom it may be shared with: Pupil, Parents, Staff, OtherProfessionals (at least one).</summary>
    public List<ProfileAudience> Audience { get; set; } = [];

    public AssessmentItemEntry ToEntry() =>
        new(Kind, Assessment, AssessedOn, AssessedBy, Statement, Audience.Aggregate(ProfileAudience.None, (all, a) => all | a));

    public static AssessmentItemInput From(AssessmentItem i) => new()
    {
        Kind = i.Kind,
        Assessment = i.Assessment,
        AssessedOn = i.AssessedOn,
        AssessedBy = i.AssessedBy,
        Statement = i.Statement,
        Audience = ProfileWords.Audiences.Where(a => i.Audience.HasFlag(a)).ToList(),
    };
}

/// <summary>Assessments profiles over the API, under the same policy table as the pages.</summary>
internal static class AssessmentsApi
{
    public static IEndpointRouteBuilder MapAssessmentsApi(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/pupils/{pupilId:guid}/assessments").WithTags("Outcomes");
        g.MapGet("/", async (PupilId pupilId, AssessmentProfiles profiles, CancellationToken ct) =>
                await profiles.ForStaffAsync(pupilId, "api", ct) is { } p ? TypedResults.Ok(ToDto(p)) : NotFound.ToProblem())
            .Permits(SchoolAction.ViewAssessmentProfile)
            .WithSummary("A pupil's assessments profile: every strength and target with whom it is shared for the therapy team; only the items marked for staff for the pupil's teachers and the SENDCo");
        g.MapPost("/", async (PupilId pupilId, AssessmentItemInput body, AssessmentProfiles profiles, CancellationToken ct) =>
            {
                if (ApiValidation.Check(body) is { } invalid)
                {
                    return invalid;
                }

                var made = await profiles.WriteAsync(pupilId, body.ToEntry(), ct);
                return made.IsSuccess ? TypedResults.Created($"/api/v1/pupils/{pupilId}/assessments", ToDto(made.Value, true)) : made.Error!.ToProblem();
            })
            .Permits(SchoolAction.ManageAssessmentProfile)
            .WithSummary("Adds a strength or target (kind Strength/Target, assessment, assessedOn, assessedBy, statement; audience: one or more of Pupil, Parents, Staff, OtherProfessionals) for a pupil in therapy with the user");
        g.MapPut("/{itemId:guid}", async (PupilId pupilId, AssessmentItemId itemId, AssessmentItemInput body, AssessmentProfiles profiles, CancellationToken ct) =>
            {
                if (ApiValidation.Check(body) is { } invalid)
                {
                    return invalid;
                }

                var changed = await profiles.ChangeAsync(pupilId, itemId, body.ToEntry(), ct);
                return changed.IsSuccess ? TypedResults.Ok(ToDto(changed.Value, true)) : changed.Error!.ToProblem();
            })
            .Permits(SchoolAction.ManageAssessmentProfile)
            .WithSummary("Changes a strength or target, including whom it is shared with, while the episode it was written in is open");
        g.MapDelete("/{itemId:guid}", async (PupilId pupilId, AssessmentItemId itemId, AssessmentProfiles profiles, CancellationToken ct) =>
            {
                var done = await profiles.RemoveAsync(pupilId, itemId, ct);
                return done.IsSuccess ? TypedResults.NoContent() : done.Error!.ToProblem();
            })
            .Permits(SchoolAction.ManageAssessmentProfile)
            .WithSummary("Removes a strength or target while the episode it was written in is open");
        api.MapGet("/my-children/assessments", async (AssessmentProfiles profiles, CancellationToken ct) =>
                TypedResults.Ok((await profiles.ForMyChildrenAsync("api", ct)).Select(ToDto).ToList()))
            .Permits(SchoolAction.ViewChildAssessments).WithTags("Outcomes")
            .WithSummary("For a parent: each of their children's strengths and targets marked for parents");
        api.MapGet("/my-assessments", async (AssessmentProfiles profiles, CancellationToken ct) =>
                await profiles.ForMyselfAsync("api", ct) is { } p ? TypedResults.Ok(ToDto(p)) : NotFound.ToProblem())
            .Permits(SchoolAction.ViewOwnAssessments).WithTags("Outcomes")
            .WithSummary("For a pupil: their own strengths and targets, the ones marked for them");
        return api;
    }

    private static Error NotFound => new Error.NotFound("That pupil was not found.");

    /// <summary>Whom an item is shared with is told only to the therapy team.</summary>
    private static AssessmentItemDto ToDto(AssessmentItem i, bool team) => new(i.Id, i.Kind, i.Assessment, i.AssessedOn, i.AssessedBy, i.Statement,
        team ? ProfileWords.Audiences.Where(a => i.Audience.HasFlag(a)).ToList() : null);

    private static AssessmentProfileDto ToDto(AssessmentProfile p) => new(p.PupilId, p.Pupil, p.Items.Select(i => ToDto(i, p.IsTherapyTeam)).ToList());
}
