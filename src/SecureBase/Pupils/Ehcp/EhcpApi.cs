using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Staff;
using SecureBase.Web;

namespace SecureBase.Pupils;

/// <summary>EHCP provision in the API: the same scope, rules and messages as the pages.</summary>
public static class EhcpApi
{
    public static IEndpointRouteBuilder MapEhcpApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/ehcp", ListAsync)
            .Permits(SchoolAction.ViewEhcp)
            .WithName("ListEhcps")
            .WithSummary("Pupils with an EHCP whom the user may see: plan and review dates, why a plan is out of date, and provision specified vs delivered this academic year. Filter with ?discipline=SpeechAndLanguage and ?outOfDate=true");

        api.MapGet("/pupils/{pupilId:guid}/ehcp", GetAsync)
            .Permits(SchoolAction.ViewEhcp)
            .WithName("GetEhcp")
            .WithSummary("One pupil's EHCP: the plan, its provision, why it is out of date, and specified vs delivered per discipline. Audited; a reader who neither keeps EHCPs nor is the pupil's practitioner or parent gives reason=HalfTermlyReview|ConsultingTheTeam|SafeguardingOrWelfare|ComplaintOrLegal|Other (with reasonOther), else 400 naming 'reason'");

        api.MapPut("/pupils/{pupilId:guid}/ehcp", PutAsync)
            .Permits(SchoolAction.ManageEhcp)
            .JsonBody<EhcpPlanRequest>()
            .WithName("PutEhcp")
            .WithSummary("Records or changes the pupil's EHCP. When 'provision' is sent, the plan's provision becomes exactly that list: lines with an id are changed, lines without are added, lines left out are removed");

        api.MapPost("/pupils/{pupilId:guid}/ehcp/reviews", ReviewAsync)
            .Permits(SchoolAction.ManageEhcp)
            .JsonBody<AnnualReviewRequest>()
            .WithName("RecordEhcpReview")
            .WithSummary("Records an annual review of the pupil's EHCP and when the next is due");

        api.MapPost("/pupils/{pupilId:guid}/ehcp/provision", AddProvisionAsync)
            .Permits(SchoolAction.ManageEhcp)
            .JsonBody<ProvisionRequest>()
            .WithName("AddEhcpProvision")
            .WithSummary("Adds a line of therapy provision to the pupil's EHCP");

        api.MapPut("/pupils/{pupilId:guid}/ehcp/provision/{provisionId:guid}", ChangeProvisionAsync)
            .Permits(SchoolAction.ManageEhcp)
            .JsonBody<ProvisionRequest>()
            .WithName("ChangeEhcpProvision")
            .WithSummary("Changes a line of therapy provision in the pupil's EHCP");
        return api;
    }

    private static async Task<IResult> ListAsync(EhcpPlans plans, string? discipline, bool? outOfDate, CancellationToken ct)
    {
        Discipline? only = null;
        if (!string.IsNullOrEmpty(discipline))
        {
            if (EhcpInput.ParseDiscipline(discipline) is not { } d)
            {
                return new Error.Validation("discipline", "Choose a discipline from the list: " + string.Join(", ", Enum.GetNames<Discipline>())).ToProblem();
            }

            only = d;
        }

        var overview = await plans.ListAsync(only, outOfDate ?? false, ct);
        return TypedResults.Ok(new EhcpListDto(overview.Period.ToDto(), overview.Rows.Select(r => r.ToSummaryDto()).ToList()));
    }

    private static async Task<IResult> GetAsync(Guid pupilId, Audit.ReadReason? reason, string? reasonOther, EhcpPlans plans, Data.SecureBaseDb db, CancellationToken ct)
    {
        // Every read of a plan is audited; a reader no relationship explains gives a reason first.
        if (await plans.ReadAsync(PupilId.From(pupilId), reason, reasonOther, "api", ct) is not { } opened)
        {
            return new Error.NotFound("That pupil was not found.").ToProblem();
        }

        if (!opened.IsSuccess)
        {
            return opened.Error!.ToProblem();
        }

        var (row, period) = opened.Value;
        return row.Plan is null
            ? new Error.NotFound($"No EHCP is recorded for {row.Pupil.DisplayName}.").ToProblem()
            : TypedResults.Ok(row.ToPlanDto(period) with { ForAnnualReview = await EhcpDisengagement.LinesAsync(db, row.Pupil.Id, ct) });
    }

    private static async Task<IResult> PutAsync(Guid pupilId, HttpRequest http, EhcpPlans plans, CancellationToken ct)
    {
        var (request, unreadable) = await http.ReadJsonAsync<EhcpPlanRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        var errors = new List<FieldError>();
        var details = request.ToDetails(errors);
        var provision = request.Provision?.Select((p, i) => p.ToChange(errors, $"Provision[{i}].")).ToList();
        if (errors.Count > 0)
        {
            return new Error.Validation(errors).ToProblem();
        }

        var saved = await plans.ReplaceAsync(PupilId.From(pupilId), details!, provision?.Select(p => p!).ToList(), ct);
        return saved.IsSuccess ? await PlanResultAsync(plans, PupilId.From(pupilId), ct) : saved.Error!.ToProblem();
    }

    private static async Task<IResult> ReviewAsync(Guid pupilId, HttpRequest http, EhcpPlans plans, CancellationToken ct)
    {
        var (request, unreadable) = await http.ReadJsonAsync<AnnualReviewRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        var errors = new List<FieldError>();
        if (request.ReviewedOn is null)
        {
            errors.Add(new("ReviewedOn", "Enter review date"));
        }

        if (request.NextReviewDue is null)
        {
            errors.Add(new("NextReviewDue", "Enter next annual review"));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors).ToProblem();
        }

        var saved = await plans.RecordReviewAsync(PupilId.From(pupilId), request.ReviewedOn!.Value, request.NextReviewDue!.Value, ct);
        return saved.IsSuccess ? await PlanResultAsync(plans, PupilId.From(pupilId), ct) : saved.Error!.ToProblem();
    }

    private static async Task<IResult> AddProvisionAsync(Guid pupilId, HttpRequest http, EhcpPlans plans, CancellationToken ct)
    {
        var (request, unreadable) = await http.ReadJsonAsync<ProvisionRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        var errors = new List<FieldError>();
        var change = request.ToChange(errors, "");
        if (errors.Count > 0)
        {
            return new Error.Validation(errors).ToProblem();
        }

        var added = await plans.AddProvisionAsync(PupilId.From(pupilId), change!.Details, ct);
        return added.IsSuccess
            ? TypedResults.Created($"/api/v1/pupils/{pupilId}/ehcp/provision/{added.Value.Id}", added.Value.ToDto())
            : added.Error!.ToProblem();
    }

    private static async Task<IResult> ChangeProvisionAsync(Guid pupilId, Guid provisionId, HttpRequest http, EhcpPlans plans, CancellationToken ct)
    {
        var (request, unreadable) = await http.ReadJsonAsync<ProvisionRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        var errors = new List<FieldError>();
        var change = request.ToChange(errors, "");
        if (errors.Count > 0)
        {
            return new Error.Validation(errors).ToProblem();
        }

        var changed = await plans.ChangeProvisionAsync(PupilId.From(pupilId), ProvisionItemId.From(provisionId), change!.Details, ct);
        return changed.IsSuccess ? await PlanResultAsync(plans, PupilId.From(pupilId), ct) : changed.Error!.ToProblem();
    }

    private static async Task<IResult> PlanResultAsync(EhcpPlans plans, PupilId pupilId, CancellationToken ct)
    {
        if (await plans.GetAsync(pupilId, SchoolAction.ViewEhcp, ct) is not { } found)
        {
            return new Error.NotFound("That pupil was not found.").ToProblem();
        }

        var (row, period) = found;
        return row.Plan is null
            ? new Error.NotFound($"No EHCP is recorded for {row.Pupil.DisplayName}.").ToProblem()
            : TypedResults.Ok(row.ToPlanDto(period));
    }

    /// <summary>Problem details whose field names are the JSON's: "planDate", "provision[0].sessions".</summary>
    private static EhcpPlanDetails? ToDetails(this EhcpPlanRequest r, List<FieldError> errors)
    {
        if (r.PlanDate is null)
        {
            errors.Add(new("PlanDate", "Enter plan date"));
        }

        if (r.NextReviewDue is null)
        {
            errors.Add(new("NextReviewDue", "Enter next annual review"));
        }

        return r.PlanDate is { } date && r.NextReviewDue is { } next ? new EhcpPlanDetails(date, next, r.LocalAuthority, r.Notes) : null;
    }

    private static ProvisionChange? ToChange(this ProvisionRequest r, List<FieldError> errors, string prefix)
    {
        var before = errors.Count;
        if (r.Discipline is null)
        {
            errors.Add(new(prefix + "Discipline", "Choose a discipline from the list"));
        }

        if (r.Sessions is null)
        {
            errors.Add(new(prefix + "Sessions", "Enter the number of sessions"));
        }

        if (r.Frequency is null)
        {
            errors.Add(new(prefix + "Frequency", "Choose how often: per week or per half term"));
        }

        if (r.MinutesPerSession is null)
        {
            errors.Add(new(prefix + "MinutesPerSession", "Enter the minutes per session"));
        }

        if (r.Delivery is null)
        {
            errors.Add(new(prefix + "Delivery", "Choose individual or group"));
        }

        if (errors.Count > before)
        {
            return null;
        }

        var details = new ProvisionDetails(r.Discipline!.Value, r.Sessions!.Value, r.Frequency!.Value, r.MinutesPerSession!.Value, r.Delivery!.Value, r.DeliveredBy);
        if (ProvisionItem.Check(details).Error is Error.Validation v)
        {
            errors.AddRange(v.Fields.Select(f => f with { Field = prefix + f.Field }));
            return null;
        }

        return new ProvisionChange(r.Id, details);
    }

    private static EhcpSummaryDto ToSummaryDto(this EhcpListRow r) => new(
        r.PupilId,
        r.PupilName,
        r.YearGroup,
        r.Plan?.Id,
        r.Plan?.PlanDate,
        r.Plan?.LastReviewedOn,
        r.Plan?.NextReviewDue,
        r.IsOutOfDate,
        r.Flags.Select(f => f.ToDto()).ToList(),
        r.Provision?.Totals.ToDto());

    private static EhcpPlanDto ToPlanDto(this EhcpRow r, ProvisionPeriod period) => new(
        r.Plan!.Id,
        r.Pupil.Id,
        r.Pupil.DisplayName,
        r.Plan.PlanDate,
        r.Plan.LastReviewedOn,
        r.Plan.NextReviewDue,
        r.Plan.LocalAuthority,
        r.Plan.Notes,
        r.IsOutOfDate,
        r.Flags.Select(f => f.ToDto()).ToList(),
        r.Plan.Provision.OrderBy(i => i.Discipline).ThenBy(i => i.CreatedAt).Select(i => i.ToDto()).ToList(),
        new SpecifiedVsDeliveredDto(
            period.ToDto(),
            (r.Provision?.Totals ?? default).ToDto(),
            (r.Provision?.Disciplines ?? []).Select(d => new DisciplineProvisionDto(d.Discipline, Disciplines.Name(d.Discipline), d.Totals.ToDto(),
                d.Lines.Select(l => new DeliveryProvisionDto(l.Delivery, l.Totals.ToDto())).ToList())).ToList()));

    private static ProvisionItemDto ToDto(this ProvisionItem i) =>
        new(i.Id, i.Discipline, i.Sessions, i.Frequency, i.MinutesPerSession, i.Delivery, i.DeliveredBy, i.Describe());

    private static EhcpFlagDto ToDto(this EhcpFlag f) => new(f.Kind, f.Label, f.Reason, f.Discipline);

    private static ProvisionPeriodDto ToDto(this ProvisionPeriod p) => new(p.From, p.To, p.SchoolWeeks, p.HalfTerms, p.IsEstimate);

    private static ProvisionTotalsDto ToDto(this ProvisionTotals t) => new(
        t.SpecifiedSessions, t.SpecifiedMinutes, t.DeliveredSessions, t.DeliveredMinutes, t.ShortfallSessions, t.ShortfallMinutes, t.PercentDelivered);
}

public sealed record EhcpPlanRequest(DateOnly? PlanDate, DateOnly? NextReviewDue, string? LocalAuthority, string? Notes, IReadOnlyList<ProvisionRequest>? Provision);

/// <summary>A line of provision. In a PUT of the whole plan, <c>id</c> names the line to change; leave it out to add a line.</summary>
public sealed record ProvisionRequest(ProvisionItemId? Id, Discipline? Discipline, int? Sessions, ProvisionFrequency? Frequency, int? MinutesPerSession, ProvisionDelivery? Delivery, string? DeliveredBy);

public sealed record AnnualReviewRequest(DateOnly? ReviewedOn, DateOnly? NextReviewDue);

public sealed record EhcpFlagDto(EhcpFlagKind Kind, string Label, string Reason, Discipline? Discipline);

/// <summary>The period compared; <c>estimated</c> is true while school weeks and half terms are estimated rather than read from the school calendar.</summary>
public sealed record ProvisionPeriodDto(DateOnly From, DateOnly To, decimal SchoolWeeks, decimal HalfTerms, bool Estimated);

public sealed record ProvisionTotalsDto(
    decimal SpecifiedSessions,
    decimal SpecifiedMinutes,
    int DeliveredSessions,
    int DeliveredMinutes,
    decimal ShortfallSessions,
    decimal ShortfallMinutes,
    int? PercentDelivered);

public sealed record DeliveryProvisionDto(ProvisionDelivery Delivery, ProvisionTotalsDto Totals);

public sealed record DisciplineProvisionDto(Discipline Discipline, string Name, ProvisionTotalsDto Totals, IReadOnlyList<DeliveryProvisionDto> ByDelivery);

public sealed record SpecifiedVsDeliveredDto(ProvisionPeriodDto Period, ProvisionTotalsDto Total, IReadOnlyList<DisciplineProvisionDto> Disciplines);

public sealed record ProvisionItemDto(ProvisionItemId Id, Discipline Discipline, int Sessions, ProvisionFrequency Frequency, int MinutesPerSession, ProvisionDelivery Delivery, string DeliveredBy, string Description);

public sealed record EhcpSummaryDto(
    PupilId PupilId,
    string PupilName,
    int YearGroup,
    EhcpPlanId? PlanId,
    DateOnly? PlanDate,
    DateOnly? LastReviewedOn,
    DateOnly? NextReviewDue,
    bool OutOfDate,
    IReadOnlyList<EhcpFlagDto> Flags,
    ProvisionTotalsDto? Provision);

public sealed record EhcpListDto(ProvisionPeriodDto Period, IReadOnlyList<EhcpSummaryDto> Pupils);

public sealed record EhcpPlanDto(
    EhcpPlanId Id,
    PupilId PupilId,
    string PupilName,
    DateOnly PlanDate,
    DateOnly? LastReviewedOn,
    DateOnly NextReviewDue,
    string LocalAuthority,
    string? Notes,
    bool OutOfDate,
    IReadOnlyList<EhcpFlagDto> Flags,
    IReadOnlyList<ProvisionItemDto> Provision,
    SpecifiedVsDeliveredDto SpecifiedVsDelivered,
    IReadOnlyList<string>? ForAnnualReview = null);
