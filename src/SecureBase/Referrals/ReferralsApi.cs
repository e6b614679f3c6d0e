using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
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
    string? LocalAuthorityReferrer,
    string? SafeguardingDetails = null,
    string? PupilName = null,
    string? ReferrerOrganisation = null);

/// <summary>What a referrer may know about their referral: where it stands, and what they were told.</summary>
/// <summary>What a referrer may know about their referral. The local authority sees the UPN it sent, never the school's pupil id.</summary>
public sealed record ReferralStatusDto(Guid Id, PupilId? PupilId, DateTime ReceivedAt, ReferralStatus Status, string? RedirectedTo, string? MessageToReferrer, string? Upn = null);

/// <summary>One referral in full. <c>safeguardingDetails</c> is present for the DSL only; everyone else sees <c>safeguardingWorry</c>.</summary>
public sealed record ReferralDto(ReferralId Id, PupilId PupilId, string Pupil, ReferralSource Source, string ReferrerName, DateTime ReceivedAt, ReferralStatus Status,
    IReadOnlyList<ReferralReason> Reasons, string? OtherReason, string Details, string? WhatHasBeenTried, ReferralUrgency Urgency, bool ConsentGiven, bool SafeguardingWorry,
    Discipline? RequestedDiscipline, Discipline? Discipline, int? Priority, string? RedirectedTo, string? MessageToReferrer, ReferralId? PossibleDuplicateOf, int Version,
    string? SafeguardingDetails = null);

/// <summary>A referral in a list: where it stands, without what the referrer wrote (open it to read that, which is audited).</summary>
public sealed record ReferralSummaryDto(ReferralId Id, PupilId PupilId, string Pupil, ReferralSource Source, DateTime ReceivedAt, ReferralStatus Status,
    IReadOnlyList<ReferralReason> Reasons, ReferralUrgency Urgency, bool SafeguardingWorry, Discipline? RequestedDiscipline, Discipline? Discipline, int? Priority,
    ReferralId? PossibleDuplicateOf, int Version);

public sealed record WaitingEntryDto(ReferralId ReferralId, PupilId PupilId, string Pupil, Discipline Discipline, int Priority, int WeeksWaited, bool EhcpNotDelivered);

public static class ReferralsApi
{
    public static IEndpointRouteBuilder MapReferralsApi(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/referrals").WithTags("Referrals");
        g.MapPost("/", SubmitAsync).Permits(SchoolAction.MakeReferral)
            .WithSummary("Make a referral (staff for any pupil, a parent for their own child, the local authority by UPN). A local authority's system (an API client granted MakeReferral) refers by upn and names the person who made the referral in localAuthorityReferrer and their organisation in referrerOrganisation; like the authority's officer it is told only \"received\" (202), whether or not the UPN is a pupil here. Send an Idempotency-Key header (a GUID) so a retried request cannot make two referrals.");
        g.MapGet("/mine", MineAsync).Permits(SchoolAction.ViewOwnReferrals)
            .WithSummary("The status of the referrals the user made, and what they were told");
        g.MapGet("/", ListAsync).Permits(SchoolAction.ViewReferrals)
            .WithSummary("Referrals the user may open (the whole school, or a practitioner's own caseload), open ones by default, without what the referrer wrote; oldest first, 1,000 per page (page=2 for the next thousand: a page with fewer is the last)")
            .Produces<IReadOnlyList<ReferralSummaryDto>>().ProducesValidationProblem();
        g.MapGet("/{referralId:guid}", GetAsync).Permits(SchoolAction.ViewReferrals)
            .WithSummary("One referral in full, audited. Where no relationship explains the read (not the Head of Therapy, the pupil's practitioner, the referrer or the DSL with a safeguarding worry), give reason=HalfTermlyReview|ConsultingTheTeam|SafeguardingOrWelfare|ComplaintOrLegal|Other (with reasonOther); without it the answer is 400 naming 'reason'.");
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
        // A local authority's case system (an API client granted MakeReferral) refers as the authority does: by UPN, told only "received".
        var authority = (me.Roles.Contains(Role.LocalAuthorityOfficer) && !me.Roles.Contains(Role.Administrator)) || me.IsApiClient;
        if (authority)
        {
            // The authority is told "received" whether or not the UPN is a pupil here.
            var form = ToInput(body, key, null);
            form.Upn = body.Upn;
            if (ApiValidation.Check(form) is { } bad)
            {
                return bad;
            }

            var receipt = await intake.SubmitFromAuthorityAsync(form, ct);
            return receipt.IsSuccess
                ? TypedResults.Accepted("/api/v1/referrals/mine", new { status = "Received", upn = receipt.Value.Upn, receivedAt = receipt.Value.ReceivedAt })
                : receipt.Error!.ToProblem();
        }

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

        var input = ToInput(body, key, pupilId);
        if (ApiValidation.Check(input) is { } invalid)
        {
            return invalid;
        }

        var result = await intake.SubmitAsync(input, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/referrals/mine", ToStatus(result.Value))
            : result.Error!.ToProblem();
    }

    private static ReferralInput ToInput(ReferralRequest body, Guid key, PupilId? pupilId) => new()
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
        SafeguardingDetails = body.SafeguardingDetails,
        LocalAuthorityReferrer = body.LocalAuthorityReferrer,
        ReferrerOrganisation = body.ReferrerOrganisation,
    };

    private static async Task<IReadOnlyList<ReferralStatusDto>> MineAsync(ReferralHistory history, CancellationToken ct) => (await history.MineAsync(ct)).Select(l => l.Status).ToList();

    /// <summary>Referrals per page of the API's list.</summary>
    public const int ListPageSize = 1000;

    private static async Task<IResult> ListAsync(SecureBaseDb db, ReferralReading reading, ReferralStatus? status, bool? all, int? page, CancellationToken ct)
    {
        var paging = Paging.ForApi(page, ListPageSize);
        if (!paging.IsSuccess)
        {
            return paging.Error!.ToProblem();
        }

        var q = reading.Visible().AsNoTracking();
        q = status is { } s ? q.Where(r => r.Status == s)
            : all == true ? q
            : q.Where(r => r.Status == ReferralStatus.Received || r.Status == ReferralStatus.UnderReview || r.Status == ReferralStatus.Accepted);
        var rows = await q.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).Skip(paging.Value.Skip).Take(ListPageSize).ToListAsync(ct);
        var names = await db.Pupils.NamesOfAsync(rows.Select(r => r.PupilId).Distinct().ToList(), ct);
        return TypedResults.Ok<IReadOnlyList<ReferralSummaryDto>>(rows.Select(r => new ReferralSummaryDto(r.Id, r.PupilId, names[r.PupilId], r.Source, r.ReceivedAt, r.Status, ReferralReasons.All.Where(x => r.Reasons.HasFlag(x)).ToList(),
            r.Urgency, r.SafeguardingWorry, r.RequestedDiscipline, r.Discipline, r.Priority, r.PossibleDuplicateOf, r.Version)).ToList());
    }

    private static async Task<IResult> GetAsync(ReferralId referralId, ReadReason? reason, string? reasonOther, SecureBaseDb db, ReferralReading reading, CancellationToken ct)
    {
        var opened = await reading.OpenAsync(referralId, reason, reasonOther, "api", ct);
        if (!opened.IsSuccess)
        {
            return opened.Error!.ToProblem();
        }

        return TypedResults.Ok(ToDto(opened.Value.Referral, await db.Pupils.NameOfAsync(opened.Value.Referral.PupilId, ct), opened.Value.ShowSafeguardingDetails));
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

        return TypedResults.Ok(ToDto(result.Value, await db.Pupils.NameOfAsync(result.Value.PupilId, ct), showSafeguarding: false));
    }

    private static async Task<IReadOnlyList<WaitingEntryDto>> WaitingAsync(WaitingList list, Discipline? discipline, CancellationToken ct) =>
        (await list.ListAsync(discipline, ct)).Select(e => new WaitingEntryDto(e.ReferralId, e.PupilId, e.PupilName, e.Discipline, e.Priority, e.WeeksWaited, e.EhcpNotDelivered)).ToList();

    private static ReferralStatusDto ToStatus(Referral r) => ReferralHistory.ToStatus(r, null);

    private static ReferralDto ToDto(Referral r, string pupil, bool showSafeguarding) => new(r.Id, r.PupilId, pupil, r.Source, r.ReferrerName, r.ReceivedAt, r.Status,
        ReferralReasons.All.Where(x => r.Reasons.HasFlag(x)).ToList(), r.OtherReason, r.Details, r.WhatHasBeenTried, r.Urgency, r.ConsentGiven, r.SafeguardingWorry,
        r.RequestedDiscipline, r.Discipline, r.Priority, r.RedirectedTo, r.MessageToReferrer, r.PossibleDuplicateOf, r.Version,
        showSafeguarding ? r.SafeguardingDetails : null);
}
