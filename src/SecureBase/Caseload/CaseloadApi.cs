using System.ComponentModel.DataAnnotations;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Scheduling.Allocation;
using SecureBase.Staff;
using SecureBase.Web;

namespace SecureBase.Caseload;

/// <summary>One therapist in the proposal for a waiting pupil, with the numbers behind the order and the reason in words.</summary>
public sealed record TherapistProposalDto(
    StaffId StaffId, string Name, DisciplineMatch Match, int SharedFreeSlots, IReadOnlyList<string> SharedSlots,
    int Caseload, int Capacity, bool CaseloadFull, bool Recommended, string Reason);

/// <summary>The ranked choice of therapists for a pupil on the waiting list; the recommendation is the best for the whole list together.</summary>
public sealed record AllocationProposalDto(
    ReferralId ReferralId, PupilId PupilId, string Pupil, Discipline Discipline, int? Priority, int Version, string? Summary,
    StaffId? Recommended, IReadOnlyList<TherapistProposalDto> Therapists);

public sealed record EpisodeDto(EpisodeId Id, PupilId PupilId, StaffId StaffId, Discipline Discipline, DateOnly StartDate, EpisodeStatus Status, ReferralId? ReferralId);

public sealed record CaseloadEntryDto(EpisodeId EpisodeId, PupilId PupilId, string Pupil, Discipline Discipline, StaffId StaffId, string Practitioner, DateOnly Since, ReferralId? ReferralId);

/// <summary>A therapist's judgement that a pupil is not ready for therapy, as sent to the API.</summary>
public sealed class NotReadyInput
{
    [Display(Name = "Why the pupil is not ready")]
    [Needed]
    [SchoolText(1000, MultiLine = true)]
    public string? Note { get; set; }
}

/// <summary>
/// Allocation and caseloads over the API: the same steps as the allocation and caseload pages, under
/// the same policy table, so a referral can go from the referrer to an allocated therapist by API alone.
/// </summary>
public static class CaseloadApi
{
    public static IEndpointRouteBuilder MapCaseloadApi(this IEndpointRouteBuilder api)
    {
        var referrals = api.MapGroup("/referrals/{referralId:guid}/allocation").WithTags("Allocation");
        referrals.MapGet("/", ProposeAsync).Permits(SchoolAction.AllocateTherapist)
            .WithSummary("The therapists proposed for a pupil on the waiting list, best first, each with the reason (discipline match, shared free slots, caseload)");
        referrals.MapPost("/", AllocateAsync).Permits(SchoolAction.AllocateTherapist)
            .WithSummary("The team's decision: allocate the pupil to a therapist (staffId, reason, startDate, tellParents, and the referral's version you saw). Opens the therapy episode; a referral changed meanwhile answers 409.");
        api.MapGet("/caseload", CaseloadAsync).Permits(SchoolAction.ViewCaseload).WithTags("Allocation")
            .WithSummary("Open therapy episodes: the therapist's own caseload, or everyone's for the Head of Therapy, in practitioner order; all of them, or 50 a page with page=1, 2, … (a page past the end is empty)")
            .Produces<IReadOnlyList<CaseloadEntryDto>>().ProducesValidationProblem();
        api.MapPost("/episodes/{episodeId:guid}/not-ready", NotReadyAsync).Permits(SchoolAction.DeclareNotReady).WithTags("Allocation")
            .WithSummary("The therapist judges the pupil not ready for therapy: the episode ends and the pupil returns to the waiting list, keeping their place, with the note");
        api.MapEpisodeCycleApi();
        return api;
    }

    private static async Task<IResult> ProposeAsync(ReferralId referralId, AllocationDesk desk, CancellationToken ct)
    {
        var view = await desk.ProposeAsync(referralId, ct);
        if (view is null)
        {
            return new Error.NotFound("That referral was not found.").ToProblem();
        }

        var r = view.Referral;
        if (r.Status != ReferralStatus.Accepted || r.Discipline is not { } discipline)
        {
            return new Error.Conflict($"This referral is {Referral.StatusWords(r.Status)}, not on the waiting list, so there is nothing to allocate.").ToProblem();
        }

        var p = view.Proposal;
        var therapists = (p?.Ranking ?? []).Select(o => new TherapistProposalDto(
            StaffId.Parse(o.PractitionerId, null), o.PractitionerName, o.Match, o.SharedSlots,
            o.SharedSlotIds.Select(s => view.SlotLabels.GetValueOrDefault(s) ?? s).ToList(),
            o.Caseload, o.Capacity, o.IsFull, o.IsRecommended, o.Reason)).ToList();
        return TypedResults.Ok(new AllocationProposalDto(r.Id, r.PupilId, view.PupilName, discipline, r.Priority, r.Version,
            p?.Summary ?? "No therapist in the team practises this discipline or a related one.",
            therapists.FirstOrDefault(t => t.Recommended)?.StaffId, therapists));
    }

    private static async Task<IResult> AllocateAsync(ReferralId referralId, AllocationInputForm body, AllocationDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var allocated = await desk.AllocateAsync(referralId, body, ct);
        return allocated.IsSuccess
            ? TypedResults.Created("/api/v1/caseload", ToDto(allocated.Value))
            : allocated.Error!.ToProblem();
    }

    private static async Task<IResult> CaseloadAsync(int? page, Caseloads caseloads, CancellationToken ct)
    {
        IReadOnlyList<CaseloadRow> rows;
        if (page is null)
        {
            rows = await caseloads.ListAsync(ct);
        }
        else
        {
            var paging = Paging.ForApi(page, Caseloads.PageSize);
            if (!paging.IsSuccess)
            {
                return paging.Error!.ToProblem();
            }

            rows = await caseloads.ApiPageAsync(paging.Value, ct);
        }

        return TypedResults.Ok(rows.Select(r => new CaseloadEntryDto(r.EpisodeId, r.PupilId, r.Pupil, r.DisciplineCode, r.StaffId, r.Practitioner, r.Since, r.ReferralId)).ToList());
    }

    private static async Task<IResult> NotReadyAsync(EpisodeId episodeId, NotReadyInput body, AllocationDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var done = await desk.DeclareNotReadyAsync(episodeId, body.Note, ct);
        return done.IsSuccess ? TypedResults.NoContent() : done.Error!.ToProblem();
    }

    private static EpisodeDto ToDto(Episode e) => new(e.Id, e.PupilId, e.StaffId, e.Discipline, e.StartDate, e.Status, e.ReferralId);
}
