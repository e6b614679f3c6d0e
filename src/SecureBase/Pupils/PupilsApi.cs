using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Staff;
using SecureBase.Web;

namespace SecureBase.Pupils;

public sealed record PupilSummaryDto(PupilId Id, string Name, string? LegalName, int YearGroup, string YearGroupName, string? TutorGroup, DateOnly? LeftOn, bool CanOpen, SenStatus? SenStatus, bool? CareExperienced, bool? PupilPremium);

public sealed record PupilListDto(IReadOnlyList<PupilSummaryDto> Pupils, int Total, int Page, int Pages);

/// <summary>A pupil's record. Fields a parent or the pupil may not see are null in their view.</summary>
public sealed record PupilDto(PupilId Id, string? Upn, string LegalFirstName, string LegalLastName, string? PreferredFirstName, string? PreferredLastName,
    DateOnly DateOfBirth, int YearGroup, string YearGroupName, string? TutorGroup, SenStatus SenStatus, bool? CareExperienced, bool? PupilPremium, SiteId? SiteId, DateOnly? LeftOn, int Version);

public sealed record PupilSearchDto(string? Search, int? YearGroup, SenStatus? SenStatus, Discipline? Discipline, bool IncludeLeft = false, int Page = 1);

public sealed record CarerDto(CarerLinkId LinkId, string? Title, string FirstName, string LastName, string Relationship, bool ParentalResponsibility, int ContactPriority,
    bool Restricted, string? RestrictionReason, string? Email, string? Phone, string? Address, ContactPreference ContactPreference, string? PreferredLanguage);

public static class PupilsApi
{
    public static IEndpointRouteBuilder MapPupilsApi(this IEndpointRouteBuilder api)
    {
        var pupils = api.MapGroup("/pupils").WithTags("Pupils");
        pupils.MapGet("/", ListAsync).Permits(SchoolAction.ViewPupils)
            .WithSummary("Current pupils the user may find, 50 per page, filtered by year group, SEN status and discipline (no names in the address: search with POST /pupils/search)");
        pupils.MapPost("/search", SearchAsync).Permits(SchoolAction.ViewPupils)
            .WithSummary("Find pupils by name or UPN (sent in the body, so it never appears in an address or a log)");
        pupils.MapGet("/{pupilId:guid}", GetAsync).Permits(SchoolAction.ViewPupilRecord)
            .WithSummary("One pupil's record, as far as the user may see it (404 for a pupil outside their reach)");
        pupils.MapPost("/", CreateAsync).Permits(SchoolAction.ManagePupils)
            .WithSummary("Add a pupil; the UPN's check letter is validated");
        pupils.MapPut("/{pupilId:guid}", UpdateAsync).Permits(SchoolAction.ManagePupils)
            .WithSummary("Change a pupil's details (not for a pupil who has left)");
        pupils.MapPost("/{pupilId:guid}/left", LeftAsync).Permits(SchoolAction.ManagePupils)
            .WithSummary("Record that a pupil has left; the record is kept, read-only");
        pupils.MapGet("/{pupilId:guid}/carers", CarersAsync).Permits(SchoolAction.ViewCarers)
            .WithSummary("A pupil's parents and carers, with restricted links marked");
        pupils.MapPost("/{pupilId:guid}/carers", AddCarerAsync).Permits(SchoolAction.ManageCarers)
            .WithSummary("Add a parent or carer to a pupil");
        pupils.MapPut("/{pupilId:guid}/carers/{linkId:guid}", UpdateCarerAsync).Permits(SchoolAction.ManageCarers)
            .WithSummary("Change a parent or carer and their link (including restricting it)");
        pupils.MapDelete("/{pupilId:guid}/carers/{linkId:guid}", RemoveCarerAsync).Permits(SchoolAction.ManageCarers)
            .WithSummary("Unlink a parent or carer from a pupil");
        return api;
    }

    private static async Task<PupilListDto> ListAsync(PupilDirectory directory, int? yearGroup, SenStatus? senStatus, Discipline? discipline, bool? includeLeft, int? page, CancellationToken ct) =>
        ToDto(await directory.ListAsync(new PupilFilter(yearGroup, senStatus, discipline, null, includeLeft ?? false, page ?? 1), ct));

    private static async Task<PupilListDto> SearchAsync(PupilDirectory directory, PupilSearchDto body, CancellationToken ct) =>
        ToDto(await directory.ListAsync(new PupilFilter(body.YearGroup, body.SenStatus, body.Discipline, body.Search?.Length > 100 ? body.Search[..100] : body.Search, body.IncludeLeft, body.Page), ct));

    private static async Task<IResult> GetAsync(PupilId pupilId, PupilAccess access, CurrentUser me, CancellationToken ct)
    {
        var pupil = await access.FindAsync(pupilId, SchoolAction.ViewPupilRecord, ct);
        if (pupil is null)
        {
            return new Error.NotFound("That pupil was not found.").ToProblem();
        }

        var staffView = (me.ScopeFor(SchoolAction.ViewPupilRecord) & (Scope.School | Scope.OwnCaseload | Scope.DeliveredBySelf)) != Scope.None;
        return TypedResults.Ok(ToDto(pupil, staffView));
    }

    private static async Task<IResult> CreateAsync(PupilInput body, PupilRecords records, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var result = await records.CreateAsync(body, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/pupils/{result.Value.Id}", ToDto(result.Value, true)) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateAsync(PupilId pupilId, PupilInput body, PupilRecords records, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var result = await records.UpdateAsync(pupilId, body, ct);
        return result.IsSuccess ? TypedResults.Ok(ToDto(result.Value, true)) : result.Error!.ToProblem();
    }

    private static async Task<IResult> LeftAsync(PupilId pupilId, LeavingInput body, PupilRecords records, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var result = await records.MarkLeftAsync(pupilId, body, ct);
        return result.IsSuccess ? TypedResults.Ok(ToDto(result.Value, true)) : result.Error!.ToProblem();
    }

    private static async Task<IResult> CarersAsync(PupilId pupilId, PupilAccess access, SecureBaseDb db, CancellationToken ct)
    {
        if (!await access.Visible(SchoolAction.ViewCarers).AnyAsync(p => p.Id == pupilId, ct))
        {
            return new Error.NotFound("That pupil was not found.").ToProblem();
        }

        var rows = await (from l in db.CarerLinks
                          join c in db.Carers on l.CarerId equals c.Id
                          where l.PupilId == pupilId
                          orderby l.ContactPriority
                          select new CarerDto(l.Id, c.Title, c.FirstName, c.LastName, l.Relationship, l.ParentalResponsibility, l.ContactPriority, l.IsRestricted,
                              l.RestrictionReason, c.Email, c.Phone, c.Address, c.ContactPreference, c.PreferredLanguage)).ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    private static async Task<IResult> AddCarerAsync(PupilId pupilId, CarerInput body, CarerRecords carers, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var result = await carers.AddAsync(pupilId, body, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/pupils/{pupilId}/carers", new { linkId = result.Value.Id }) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateCarerAsync(PupilId pupilId, CarerLinkId linkId, CarerInput body, CarerRecords carers, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var result = await carers.UpdateAsync(pupilId, linkId, body, ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    private static async Task<IResult> RemoveCarerAsync(PupilId pupilId, CarerLinkId linkId, CarerRecords carers, CancellationToken ct)
    {
        var outcome = await carers.RemoveLinkAsync(pupilId, linkId, ct);
        return outcome.IsSuccess ? TypedResults.NoContent() : outcome.Error!.ToProblem();
    }

    private static PupilListDto ToDto(PupilListPage page) => new(
        page.Rows.Select(r => new PupilSummaryDto(r.Id, r.Name, r.LegalName, r.YearGroup, YearGroups.Label(r.YearGroup), r.TutorGroup, r.LeftOn, r.CanOpen, r.Sen, r.CareExperienced, r.PupilPremium)).ToList(),
        page.Total,
        page.Page,
        page.Pages);

    private static PupilDto ToDto(Pupil p, bool staffView) => new(
        p.Id,
        staffView ? p.Upn : null,
        p.LegalFirstName,
        p.LegalLastName,
        p.PreferredFirstName,
        p.PreferredLastName,
        p.DateOfBirth,
        p.YearGroup,
        YearGroups.Label(p.YearGroup),
        p.TutorGroup,
        p.SenStatus,
        staffView ? p.CareExperienced : null,
        staffView ? p.PupilPremium : null,
        staffView ? p.SiteId : null,
        p.LeftOn,
        p.Version);
}
