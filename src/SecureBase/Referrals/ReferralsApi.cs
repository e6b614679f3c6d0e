using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Staff;
using SecureBase.Web;

namespace SecureBase.Referrals;

/// <summary>A referral as sent to the API: the pupil by id or (for the local authority) by UPN.</summary>
public sealed record ReferralRequest(
    PupilId? PupilId,
    string? Upn,
    Discipline? RequestedDiscipline,
    IReadOnlyList<ReferralReason>? Reasons,
    string? OtherReason,
    string? Details,
    string? WhatHasBeenTried,
    ReferralUrgency? Urgency,
    bool ConsentGiven,
    bool SafeguardingWorry,
    string? LocalAuthorityReferrer);

/// <summary>What a referrer may know about their referral: where it stands, and what they were told.</summary>
public sealed record ReferralStatusDto(ReferralId Id, PupilId PupilId, DateTime ReceivedAt, ReferralStatus Status, string? RedirectedTo, string? MessageToReferrer);

public sealed record ReferralDto(ReferralId Id, PupilId PupilId, string Pupil, ReferralSource Source, string ReferrerName, DateTime ReceivedAt, ReferralStatus Status,
    IReadOnlyList<ReferralReason> Reasons, string? OtherReason, string Details, string? WhatHasBeenTried, ReferralUrgency Urgency, bool ConsentGiven, bool SafeguardingWorry,
    Discipline? RequestedDiscipline, Discipline? Discipline, int? Priority, string? RedirectedTo, string? MessageToReferrer, ReferralId? PossibleDuplicateOf, int Version);

public sealed record WaitingEntryDto(ReferralId ReferralId, PupilId PupilId, string Pupil, Discipline Discipline, int Priority, int WeeksWaited, bool EhcpNotDelivered);

public static class ReferralsApi
{
    public static IEndpointRouteBuilder MapReferralsApi(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/referrals").WithTags("Referrals");
        g.MapPost("/", SubmitAsync).Permits(SchoolAction.MakeReferral)
            .WithSummary("Make a referral (staff for any pupil, a parent for their own child, the local authority by UPN). Send an Idempotency-Key header (a GUID) so a retried request cannot make two referrals.");
        g.MapGet("/mine", MineAsync).Permits(SchoolAction.ViewOwnReferrals)
            .WithSummary("The status of the referrals the user made, and what they were told");
        g.MapGet("/", ListAsync).Permits(SchoolAction.ViewReferrals)
            .WithSummary("Referrals of the school, open ones by default");
        g.MapGet("/{referralId:guid}", GetAsync).Permits(SchoolAction.ViewReferrals)
            .WithSummary("One referral in full");
        g.MapPost("/{referralId:guid}/decisions", DecideAsync).Permits(SchoolAction.TriageReferrals)
            .WithSummary("The Head of Therapy's decision: StartReview, Accept (discipline and priority), Redirect (to whom), Decline (reason told to the referrer) or Close. Send the version you saw; a referral changed meanwhile answers 409.");
        api.MapGet("/waiting-list", WaitingAsync).Permits(SchoolAction.ViewWaitingList).WithTags("Referrals")
            .WithSummary("Pupils waiting for therapy, most urgent priority first, then longest wait");
        return api;
    }

    private static async Task<IResult> SubmitAsync(ReferralRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ReferralIntake intake, PupilAccess access, CurrentUser me, CancellationToken ct)
    {
        var key = Guid.NewGuid();
        if (idempotencyKey is not null && !Guid.TryParse(idempotencyKey, out key))
        {
            return new Error.Validation("Idempotency-Key", "The Idempotency-Key header must be a GUID").ToProblem();
        }

        var pupilId = body.PupilId;
        if (pupilId is null && !string.IsNullOrWhiteSpace(body.Upn))
        {
            if (!Upn.TryParse(body.Upn, out var upn, out var problem))
            {
                return new Error.Validation("upn", problem).ToProblem();
            }

            var action = me.Can(SchoolAction.MakeReferral) ? SchoolAction.MakeReferral : SchoolAction.AskForHelp;
            pupilId = await access.Visible(action).Where(p => p.Upn == upn.Value).Select(p => (PupilId?)p.Id).FirstOrDefaultAsync(ct);
            if (pupilId is null)
            {
                return new Error.NotFound($"No current pupil of this school has UPN {upn.Value}.").ToProblem();
            }
        }

        var input = new ReferralInput
        {
            SubmissionKey = key,
            PupilId = pupilId,
            RequestedDiscipline = body.RequestedDiscipline,
            Reasons = body.Reasons?.ToList() ?? [],
            OtherReason = body.OtherReason,
            Details = body.Details,
            WhatHasBeenTried = body.WhatHasBeenTried,
            Urgency = body.Urgency ?? ReferralUrgency.Routine,
            ConsentGiven = body.ConsentGiven,
            SafeguardingWorry = body.SafeguardingWorry,
            LocalAuthorityReferrer = body.LocalAuthorityReferrer,
        };
        if (ApiValidation.Check(input) is { } invalid)
        {
            return invalid;
        }

        var result = await intake.SubmitAsync(input, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/referrals/mine", ToStatus(result.Value))
            : result.Error!.ToProblem();
    }

    private static async Task<IReadOnlyList<ReferralStatusDto>> MineAsync(SecureBaseDb db, CurrentUser me, CancellationToken ct) =>
        (await db.Referrals.AsNoTracking().Where(r => r.ReferrerUserId == me.UserId).OrderByDescending(r => r.ReceivedAt).ToListAsync(ct)).Select(ToStatus).ToList();

    private static async Task<IReadOnlyList<ReferralDto>> ListAsync(SecureBaseDb db, ReferralStatus? status, bool? all, CancellationToken ct)
    {
        var q = db.Referrals.AsNoTracking();
        q = status is { } s ? q.Where(r => r.Status == s)
            : all == true ? q
            : q.Where(r => r.Status == ReferralStatus.Received || r.Status == ReferralStatus.UnderReview || r.Status == ReferralStatus.Accepted);
        var rows = await q.OrderBy(r => r.ReceivedAt).Take(1000).ToListAsync(ct);
        var names = await db.Pupils.NamesOfAsync(rows.Select(r => r.PupilId).Distinct().ToList(), ct);
        return rows.Select(r => ToDto(r, names[r.PupilId])).ToList();
    }

    private static async Task<IResult> GetAsync(ReferralId referralId, SecureBaseDb db, Audit.AuditLog audit, CancellationToken ct)
    {
        var r = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(x => x.Id == referralId, ct);
        if (r is null)
        {
            return new Error.NotFound("That referral was not found.").ToProblem();
        }

        await audit.RecordReadAsync("Referral", referralId.ToString(), "api", ct);
        return TypedResults.Ok(ToDto(r, await db.Pupils.NameOfAsync(r.PupilId, ct)));
    }

    private static async Task<IResult> DecideAsync(ReferralId referralId, ReferralDecisionInput body, ReferralDecisions decisions, SecureBaseDb db, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var result = await decisions.DecideAsync(referralId, body, ct);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        return TypedResults.Ok(ToDto(result.Value, await db.Pupils.NameOfAsync(result.Value.PupilId, ct)));
    }

    private static async Task<IReadOnlyList<WaitingEntryDto>> WaitingAsync(WaitingList list, Discipline? discipline, CancellationToken ct) =>
        (await list.ListAsync(discipline, ct)).Select(e => new WaitingEntryDto(e.ReferralId, e.PupilId, e.PupilName, e.Discipline, e.Priority, e.WeeksWaited, e.EhcpNotDelivered)).ToList();

    private static ReferralStatusDto ToStatus(Referral r) => new(r.Id, r.PupilId, r.ReceivedAt, r.Status, r.RedirectedTo,
        r.Status is ReferralStatus.Declined or ReferralStatus.Redirected ? r.MessageToReferrer : null);

    private static ReferralDto ToDto(Referral r, string pupil) => new(r.Id, r.PupilId, pupil, r.Source, r.ReferrerName, r.ReceivedAt, r.Status,
        ReferralReasons.All.Where(x => r.Reasons.HasFlag(x)).ToList(), r.OtherReason, r.Details, r.WhatHasBeenTried, r.Urgency, r.ConsentGiven, r.SafeguardingWorry,
        r.RequestedDiscipline, r.Discipline, r.Priority, r.RedirectedTo, r.MessageToReferrer, r.PossibleDuplicateOf, r.Version);
}
