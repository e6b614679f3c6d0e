using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Development;

internal sealed record SupervisionStandingDto(StaffId StaffId, string Name, string Discipline, SupervisionFrequency Frequency, SupervisionType? RequiredType,
    DateOnly? LastOn, DateOnly? NextDue, bool Overdue);

internal sealed record SupervisionSessionDto(SupervisionId Id, DateOnly HeldOn, SupervisionType Type, StaffId SupervisorId, string Supervisor,
    IReadOnlyList<string> Supervisees, bool TookPart, string? Notes);

internal sealed record SupervisionDto(IReadOnlyList<SupervisionStandingDto> Practitioners, IReadOnlyList<SupervisionSessionDto> Sessions);

internal sealed record SupervisionRequirementInput(SupervisionFrequency? Frequency, SupervisionType? RequiredType);

internal sealed record SupervisionAskInput(string? Message);

/// <summary>Staff development and supervision over the API: the same steps as the pages, under the same policy table.</summary>
internal static class DevelopmentApi
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/supervision").WithTags("Development");
        g.MapGet("/", ViewAsync).Permits(SchoolAction.ViewSupervision)
            .WithSummary("Supervision: each practitioner's required frequency, last supervision, next due and overdue flag (the Head of Therapy every practitioner, others themselves), and the sessions held, newest first, 1,000 per page (page=2 for the next thousand: a page with fewer is the last; notes only for the supervisor and supervisees; each read audited)")
            .Produces<SupervisionDto>().ProducesValidationProblem();
        g.MapPost("/", RecordAsync).Permits(SchoolAction.RecordSupervision)
            .WithSummary("Record a supervision session (heldOn, supervisorId, superviseeIds, type: Individual, Group or EducationalPsychologist, notes); a supervisee who has left the school is refused");
        g.MapPut("/requirements/{staffId:guid}", RequirementAsync).Permits(SchoolAction.ManageSupervision)
            .WithSummary("Set how often a practitioner must be supervised (frequency: Fortnightly, Monthly, HalfTermly, Termly; requiredType: which kind counts) or, with no frequency, put it back to the default for their discipline");
        g.MapPost("/requests", AskAsync).Permits(SchoolAction.AskForSupervision)
            .WithSummary("Ask the Head of Therapy for individual supervision (message optional)");
        var cpd = api.MapGroup("/cpd").WithTags("Development");
        cpd.MapGet("/", CpdAsync).Permits(SchoolAction.ViewCpd)
            .WithSummary("CPD records: the user's own; for the Head of Therapy everyone's (title, tookOn, hours, provider, reflection, evidenceName; the file itself is downloaded from the CPD page), newest first, 1,000 per page (page=2 for the next thousand: a page with fewer is the last)")
            .Produces<IReadOnlyList<CpdView>>().ProducesValidationProblem();
        cpd.MapPost("/", AddCpdAsync).Permits(SchoolAction.RecordCpd)
            .WithSummary("Record the user's own CPD (title, tookOn, hours, provider, reflection); an evidence file is added on the CPD page");
        cpd.MapGet("/training", TrainingAsync).Permits(SchoolAction.ViewStaffTraining)
            .WithSummary("Training the therapy team delivered to school staff: title, date, hours, who delivered it, who attended and who did not; newest first, 1,000 per page (page=2 for the next thousand: a page with fewer is the last)")
            .Produces<IReadOnlyList<TrainingView>>().ProducesValidationProblem();
        cpd.MapPost("/training", RecordTrainingAsync).Permits(SchoolAction.RecordStaffTraining)
            .WithSummary("Record training delivered to staff (title, deliveredOn, hours, deliveredBy, invited: staff ids, attended: staff ids)");
        return api;
    }

    /// <summary>Rows per page of the API's CPD, training and supervision session lists.</summary>
    public const int ListPageSize = 1000;

    private static async Task<IResult> CpdAsync(int? page, CpdDesk desk, CancellationToken ct)
    {
        var paging = Paging.ForApi(page, ListPageSize);
        return paging.IsSuccess ? TypedResults.Ok((await desk.RecordsAsync(paging.Value, ct)).Rows) : (IResult)paging.Error!.ToProblem();
    }

    private static async Task<IResult> AddCpdAsync(CpdInput body, CpdDesk desk, CancellationToken ct)
    {
        var added = await desk.AddAsync(body, null, ct);
        return added.IsSuccess ? TypedResults.Created("/api/v1/cpd", new { added.Value.Id, added.Value.Title }) : added.Error!.ToProblem();
    }

    private static async Task<IResult> TrainingAsync(int? page, CpdDesk desk, CancellationToken ct)
    {
        var paging = Paging.ForApi(page, ListPageSize);
        return paging.IsSuccess ? TypedResults.Ok((await desk.TrainingAsync(paging.Value, ct)).Rows) : (IResult)paging.Error!.ToProblem();
    }

    private static async Task<IResult> RecordTrainingAsync(TrainingInput body, CpdDesk desk, CancellationToken ct)
    {
        var made = await desk.RecordTrainingAsync(body, ct);
        return made.IsSuccess ? TypedResults.Created("/api/v1/cpd/training", new { made.Value.Id, made.Value.Title }) : made.Error!.ToProblem();
    }

    private static async Task<IResult> ViewAsync(int? page, SupervisionDesk desk, CancellationToken ct)
    {
        var paging = Paging.ForApi(page, ListPageSize);
        if (!paging.IsSuccess)
        {
            return paging.Error!.ToProblem();
        }

        var standings = await desk.StandingsAsync(desk.Today, desk.SeesTeam, ct);
        var sessions = (await desk.SessionsAsync(paging.Value, "api", ct)).Rows;
        return TypedResults.Ok(new SupervisionDto(
            standings.Select(s => new SupervisionStandingDto(s.StaffId, s.Name, Staff.Disciplines.Name(s.Discipline), s.Frequency, s.RequiredType, s.LastOn, s.NextDue, s.Overdue)).ToList(),
            sessions.Select(s => new SupervisionSessionDto(s.Id, s.HeldOn, s.Type, s.SupervisorId, s.Supervisor, s.Supervisees, s.TookPart, s.Notes)).ToList()));
    }

    private static async Task<IResult> RecordAsync(RecordSupervisionInput body, SupervisionDesk desk, CancellationToken ct)
    {
        var recorded = await desk.RecordAsync(body, ct);
        return recorded.IsSuccess ? TypedResults.Created("/api/v1/supervision", new { recorded.Value.Id, recorded.Value.HeldOn }) : recorded.Error!.ToProblem();
    }

    private static async Task<IResult> RequirementAsync(StaffId staffId, SupervisionRequirementInput body, SupervisionDesk desk, CancellationToken ct)
    {
        var set = await desk.SetRequirementAsync(staffId, body.Frequency, body.RequiredType, ct);
        return set.IsSuccess ? TypedResults.NoContent() : set.Error!.ToProblem();
    }

    private static async Task<IResult> AskAsync(SupervisionAskInput body, SupervisionDesk desk, CancellationToken ct)
    {
        var asked = await desk.AskAsync(body.Message, ct);
        return asked.IsSuccess ? TypedResults.Created("/api/v1/supervision/requests", new { asked.Value.Id }) : asked.Error!.ToProblem();
    }
}
