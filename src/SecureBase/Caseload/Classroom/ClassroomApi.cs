using System.ComponentModel.DataAnnotations;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Caseload;

internal sealed record ClassroomStrategyDto(ClassroomStrategyId Id, string Text, bool SharedWithTeachers, DateOnly WrittenOn, EpisodeId? EpisodeId);

internal sealed record PupilStrategiesDto(PupilId PupilId, string Pupil, bool SeesUnshared, IReadOnlyList<ClassroomStrategyDto> Strategies);

internal sealed record TherapyLeavingDto(DateOnly Date, TimeOnly Start, TimeOnly End, string? Period, string? Lesson, PupilId PupilId, string Pupil, string What, OccurrenceStatusWords Status);

/// <summary>Whether a pupil leaves the lesson as planned, at a changed time, or not at all.</summary>
internal enum OccurrenceStatusWords
{
    Planned,
    Moved,
    Cancelled,
}

internal sealed record TeacherViewDto(DateOnly From, DateOnly To, IReadOnlyList<TherapyLeavingDto> Leaving, IReadOnlyList<PupilStrategiesDto> SharedStrategies);

internal sealed class ClassroomStrategyInput
{
    [Display(Name = "the strategy")]
    [Needed]
    [SchoolText(ClassroomStrategy.TextMaxLength)]
    public string? Text { get; set; }

    /// <summary>Share it with the pupil's teachers.</summary>
    public bool Share { get; set; }
}

internal sealed class ShareInput
{
    [Display(Name = "whether to share it")]
    [Needed]
    public bool? Share { get; set; }
}

/// <summary>Classroom strategies and what teachers see, over the API, under the same policy table as the pages.</summary>
internal static class ClassroomApi
{
    public static IEndpointRouteBuilder MapClassroomApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/my-lessons/therapy", async (ClassroomDesk desk, CancellationToken ct) => ToDto(await desk.ForTeacherAsync(ct)))
            .Permits(SchoolAction.ViewTherapyLeavers).WithTags("Classroom")
            .WithSummary("For a teacher: when the pupils they teach leave lessons for therapy in the coming fortnight (date, period, \"therapy session\"; never which therapy, with whom, where, or notes) and the classroom strategies shared with them");
        var g = api.MapGroup("/pupils/{pupilId:guid}/classroom-strategies").WithTags("Classroom");
        g.MapGet("/", async (PupilId pupilId, ClassroomDesk desk, CancellationToken ct) =>
                await desk.ForPupilAsync(pupilId, ct) is { } s ? TypedResults.Ok(ToDto(s)) : new Error.NotFound("That pupil was not found.").ToProblem())
            .Permits(SchoolAction.ViewClassroomStrategies)
            .WithSummary("A pupil's classroom strategies: the shared ones for their teachers, every one for their practitioner and the Head of Therapy");
        g.MapPost("/", async (PupilId pupilId, ClassroomStrategyInput body, ClassroomDesk desk, CancellationToken ct) =>
            {
                if (ApiValidation.Check(body) is { } invalid)
                {
                    return invalid;
                }

                var made = await desk.WriteAsync(pupilId, body.Text, body.Share, ct);
                return made.IsSuccess
                    ? TypedResults.Created($"/api/v1/pupils/{pupilId}/classroom-strategies", ToDto(made.Value))
                    : made.Error!.ToProblem();
            })
            .Permits(SchoolAction.ManageClassroomStrategies)
            .WithSummary("Writes a classroom strategy (text, share) for a pupil in therapy with the user; share: whether the pupil's teachers see it");
        g.MapPut("/{strategyId:guid}/sharing", async (PupilId pupilId, ClassroomStrategyId strategyId, ShareInput body, ClassroomDesk desk, CancellationToken ct) =>
            {
                if (ApiValidation.Check(body) is { } invalid)
                {
                    return invalid;
                }

                var done = await desk.ShareAsync(pupilId, strategyId, body.Share!.Value, ct);
                return done.IsSuccess ? TypedResults.NoContent() : done.Error!.ToProblem();
            })
            .Permits(SchoolAction.ManageClassroomStrategies)
            .WithSummary("Shares a classroom strategy with the pupil's teachers (share: true) or takes it back (share: false)");
        return api;
    }

    private static ClassroomStrategyDto ToDto(ClassroomStrategy s) => new(s.Id, s.Text, s.SharedWithTeachers, s.WrittenOn, null);

    private static PupilStrategiesDto ToDto(PupilStrategies s) =>
        new(s.PupilId, s.Pupil, s.SeesAll, s.Strategies.Select(x => new ClassroomStrategyDto(x.Id, x.Text, x.SharedWithTeachers, x.WrittenOn, s.SeesAll ? x.EpisodeId : null)).ToList());

    private static TeacherViewDto ToDto(TeacherView v) => new(v.From, v.To,
        v.Leaving.Select(l => new TherapyLeavingDto(l.Date, l.Start, l.End, l.Period, l.Lesson, l.PupilId, l.Pupil, l.StatusWords,
            l.Status switch { Timetable.OccurrenceStatus.Cancelled => OccurrenceStatusWords.Cancelled, Timetable.OccurrenceStatus.Moved => OccurrenceStatusWords.Moved, _ => OccurrenceStatusWords.Planned })).ToList(),
        v.Shared.Select(x => new PupilStrategiesDto(x.Pupil, x.Name, false, x.Strategies.Select(s => new ClassroomStrategyDto(s.Id, s.Text, true, s.WrittenOn, null)).ToList())).ToList());
}
