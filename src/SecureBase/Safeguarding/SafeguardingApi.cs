using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Safeguarding;

/// <summary>A concern as raised: {whatWasSeenOrSaid, happenedAt, whoWasPresent, immediateAction, category, source, sourceId, submissionKey}. Send the same submissionKey again and the first concern is answered, not a second.</summary>
internal sealed record RaiseConcernRequest(string? WhatWasSeenOrSaid, DateTime? HappenedAt, string? WhoWasPresent, string? ImmediateAction,
    ConcernCategory? Category, ConcernSource? Source, Guid? SourceId, Guid? SubmissionKey);

/// <summary>What the person who raised a concern is told: that it was received, and what to do now. Never the chronology.</summary>
internal sealed record ConcernReceiptDto(ConcernId Id, PupilId PupilId, DateTime RaisedAt, string Status, string WhatToDoNow);

internal sealed record ConcernAddendumRequest(string? Text);

internal sealed record ConcernActionRequest(ConcernActionKind? Action, string? Owner, DateOnly? On, string? ToWhom, string? Note);

internal sealed record ConcernOutcomeRequest(ConcernOutcomeKind? Outcome, string? Note);

internal sealed record ConcernShareRequest(Guid? UserId, string? Reason);

internal sealed record ConcernEntryDto(ConcernEntryId Id, ConcernEntryKind Kind, ConcernActionKind? Action, string? Owner, DateOnly? On, string? ToWhom, string Text, string Author, DateTime WrittenAt);

internal sealed record ConcernShareDto(Guid UserId, string Name, string Reason, string SharedBy, DateTime SharedAt);

internal sealed record ConcernRowDto(ConcernId Id, PupilId PupilId, string Pupil, ConcernCategory Category, bool Urgent, DateTime RaisedAt, string RaisedBy, bool Opened, bool Open);

internal sealed record ConcernDto(ConcernId Id, PupilId PupilId, string Pupil, ConcernCategory Category, bool Urgent, ConcernSource Source, Guid? SourceId,
    string RaisedBy, DateTime RaisedAt, string WhatWasSeenOrSaid, DateTime? HappenedAt, string? WhoWasPresent, string? ImmediateAction,
    ConcernOutcomeKind? Outcome, string? OutcomeNote, DateTime? ClosedAt, IReadOnlyList<ConcernEntryDto> Entries, IReadOnlyList<ConcernShareDto> Shares);

public static class SafeguardingApi
{
    public static IEndpointRouteBuilder MapSafeguardingApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/pupils/{pupilId:guid}/concerns", RaiseAsync).Permits(SchoolAction.RaiseConcern).WithTags("Safeguarding")
            .WithSummary("Raise a safeguarding concern about a pupil of your school: {whatWasSeenOrSaid (required), happenedAt, whoWasPresent, immediateAction, category (Physical|Emotional|SexualAbuse|Neglect|SelfHarmOrSuicidalIdeation|HarmToOthers|SuspectedCrime|Exploitation|Other), source, sourceId, submissionKey}. Answers 201 \"Received by the DSL\" and what to do now; the same submissionKey again answers the same concern. Every DSL is told at once. A pupil of another school: 404.");
        var g = api.MapGroup("/concerns").WithTags("Safeguarding");
        g.MapGet("/", ListAsync).Permits(SchoolAction.ViewConcerns)
            .WithSummary("The DSL's list of concerns: open ones first (unopened first, urgent marked); includeClosed=true for all.");
        g.MapGet("/{concernId:guid}", GetAsync).Permits(SchoolAction.ViewConcerns)
            .WithSummary("One concern in full with its addenda, actions, outcome and sharing, audited; the DSL's first read takes it off the unopened count.");
        g.MapPut("/{concernId:guid}", RefuseEditAsync).Permits(SchoolAction.RaiseConcern)
            .WithSummary("Refused: a saved concern is never changed (409, offering an addendum: POST /api/v1/concerns/{concernId}/addenda).");
        g.MapPatch("/{concernId:guid}", RefuseEditAsync).Permits(SchoolAction.RaiseConcern)
            .WithSummary("Refused: a saved concern is never changed (409, offering an addendum: POST /api/v1/concerns/{concernId}/addenda).");
        g.MapDelete("/{concernId:guid}", RefuseEditAsync).Permits(SchoolAction.RaiseConcern)
            .WithSummary("Refused: a concern is never deleted (409); child protection records are kept and reviewed, never deleted automatically.");
        g.MapPost("/{concernId:guid}/addenda", AddendumAsync).Permits(SchoolAction.RaiseConcern)
            .WithSummary("Add an addendum {text} (a correction or something remembered later) with its own author and time: the person who raised the concern, the DSL, or someone it is shared with.");
        g.MapPost("/{concernId:guid}/actions", ActionAsync).Permits(SchoolAction.WorkConcerns)
            .WithSummary("The DSL records an action {action, owner, on, toWhom, note}: SpokeToPupil|ContactedParents|ReferralToChildrensSocialCare|Police|Lado|EarlyHelp|Other, or the confidentiality exceptions CrimeReportedToAuthority|SharedUnderSafeguardingProcedures (toWhom required).");
        g.MapPost("/{concernId:guid}/outcome", OutcomeAsync).Permits(SchoolAction.WorkConcerns)
            .WithSummary("The DSL closes the concern with an outcome {outcome: NoFurtherAction|Monitoring|EarlyHelp|ReferralToSocialCare|Police, note}; a closed concern answers 409.");
        g.MapPost("/{concernId:guid}/shares", ShareAsync).Permits(SchoolAction.WorkConcerns)
            .WithSummary("The DSL shares the concern with a named member of staff {userId, reason} (audited); they then see that concern only.");
        return api;
    }

    private static async Task<IResult> RaiseAsync(PupilId pupilId, RaiseConcernRequest body, ConcernDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        if (await desk.PupilAsync(pupilId, ct) is null)
        {
            return new Error.NotFound("There is no such pupil in this school.").ToProblem();
        }

        var raised = await desk.RaiseAsync(pupilId, new NewConcern(body.WhatWasSeenOrSaid, body.HappenedAt, body.WhoWasPresent, body.ImmediateAction,
            body.Category, body.Source ?? ConcernSource.PupilRecord, body.SourceId, body.SubmissionKey ?? Guid.Empty), ct);
        if (!raised.IsSuccess)
        {
            return raised.Error!.ToProblem();
        }

        var c = raised.Value;
        return TypedResults.Created($"/api/v1/concerns/{c.Id}", new ConcernReceiptDto(c.Id, c.PupilId, c.RaisedAt, "Received by the DSL", ConcernWords.WhatToDoNow));
    }

    private static async Task<IResult> ListAsync(bool? includeClosed, ConcernDesk desk, CancellationToken ct) =>
        TypedResults.Ok((await desk.ListAsync(includeClosed ?? false, ct))
            .Select(r => new ConcernRowDto(r.Id, r.PupilId, r.Pupil, r.Category, r.Urgent, r.RaisedAt, r.RaisedBy, r.Opened, r.Open)).ToList());

    private static async Task<IResult> GetAsync(ConcernId concernId, ConcernDesk desk, CancellationToken ct)
    {
        var opened = await desk.OpenAsync(concernId, "api", ct);
        return opened.IsSuccess ? TypedResults.Ok(ToDto(opened.Value)) : opened.Error!.ToProblem();
    }

    private static async Task<IResult> RefuseEditAsync(ConcernId concernId, ConcernDesk desk, CancellationToken ct) =>
        await desk.WritableAsync(concernId, ct) is null
            ? new Error.NotFound("There is no such concern, or it is not yours to see.").ToProblem()
            : new Error.Conflict(Concern.NotEditable.Replace("{id}", concernId.ToString(), StringComparison.Ordinal)).ToProblem();

    private static async Task<IResult> AddendumAsync(ConcernId concernId, ConcernAddendumRequest body, ConcernDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var added = await desk.AddAddendumAsync(concernId, body.Text, ct);
        return added.IsSuccess ? TypedResults.Created($"/api/v1/concerns/{concernId}", Entry(added.Value)) : added.Error!.ToProblem();
    }

    private static async Task<IResult> ActionAsync(ConcernId concernId, ConcernActionRequest body, ConcernDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var added = await desk.RecordActionAsync(concernId, body.Action, body.Owner, body.On, body.ToWhom, body.Note, ct);
        return added.IsSuccess ? TypedResults.Created($"/api/v1/concerns/{concernId}", Entry(added.Value)) : added.Error!.ToProblem();
    }

    private static async Task<IResult> OutcomeAsync(ConcernId concernId, ConcernOutcomeRequest body, ConcernDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var closed = await desk.CloseAsync(concernId, body.Outcome, body.Note, ct);
        return closed.IsSuccess ? TypedResults.NoContent() : closed.Error!.ToProblem();
    }

    private static async Task<IResult> ShareAsync(ConcernId concernId, ConcernShareRequest body, ConcernDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var shared = await desk.ShareAsync(concernId, body.UserId, body.Reason, ct);
        return shared.IsSuccess
            ? TypedResults.Created($"/api/v1/concerns/{concernId}", new ConcernShareDto(shared.Value.UserId, shared.Value.UserName, shared.Value.Reason, shared.Value.SharedByName, shared.Value.SharedAt))
            : shared.Error!.ToProblem();
    }

    private static ConcernEntryDto Entry(ConcernEntry e) => new(e.Id, e.Kind, e.Action, e.Owner, e.On, e.ToWhom, e.Text, e.AuthorName, e.WrittenAt);

    private static ConcernDto ToDto(ConcernFile f)
    {
        var c = f.Concern;
        return new ConcernDto(c.Id, c.PupilId, f.Pupil, c.Category, c.IsUrgent, c.Source, c.SourceId, c.RaisedByName, c.RaisedAt, c.WhatWasSeenOrSaid, c.HappenedAt,
            c.WhoWasPresent, c.ImmediateAction, c.Outcome, c.OutcomeNote, c.ClosedAt, f.Entries.Select(Entry).ToList(),
            f.Shares.Select(s => new ConcernShareDto(s.UserId, s.UserName, s.Reason, s.SharedByName, s.SharedAt)).ToList());
    }
}
