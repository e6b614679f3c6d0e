using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Staff;

public sealed record WorkingBlockDto(DayOfWeek Day, TimeOnly Start, TimeOnly End, SiteId SiteId);

public sealed record StaffDto(StaffId Id, string StaffCode, string? Title, string FirstName, string LastName, string? Email, string? JobTitle, Discipline? Discipline,
    RegistrationBody RegistrationBody, string? RegistrationNumber, DateOnly? RegistrationRenewal, int? CaseloadCapacity, int Caseload,
    IReadOnlyList<StaffResponsibility> Responsibilities, IReadOnlyList<WorkingBlockDto> WorkingPattern, DateOnly? LeftOn, string? TutorGroup = null);

public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder api)
    {
        var staff = api.MapGroup("/staff").WithTags("Staff");
        staff.MapGet("/", ListAsync).Permits(SchoolAction.ViewStaff)
            .WithSummary("Staff of the school, optionally one discipline or the therapy team only");
        staff.MapGet("/{staffId:guid}", GetAsync).Permits(SchoolAction.ViewStaff)
            .WithSummary("One member of staff: discipline, registration, caseload and working pattern");
        staff.MapPost("/", CreateAsync).Permits(SchoolAction.ManageStaff)
            .WithSummary("Add a member of staff (registration must fit the discipline)");
        staff.MapPut("/{staffId:guid}", UpdateAsync).Permits(SchoolAction.ManageStaff)
            .WithSummary("Change a member of staff; the staff code cannot change");
        return api;
    }

    private static async Task<IReadOnlyList<StaffDto>> ListAsync(SecureBaseDb db, StaffRecords records, Discipline? discipline, bool? team, bool? includeLeft, CancellationToken ct)
    {
        var rows = await records.ListAsync(discipline, team ?? false, null, includeLeft ?? false, ct);
        var ids = rows.Select(r => r.Id).ToList();
        var members = await db.StaffMembers.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var caseloads = rows.ToDictionary(r => r.Id, r => r.Caseload);
        return members.OrderBy(m => m.LastName, StringComparer.CurrentCulture).ThenBy(m => m.FirstName, StringComparer.CurrentCulture).Select(m => ToDto(m, caseloads[m.Id])).ToList();
    }

    private static async Task<IResult> GetAsync(StaffId staffId, SecureBaseDb db, StaffRecords records, CancellationToken ct)
    {
        var member = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, ct);
        return member is null
            ? new Error.NotFound("That member of staff was not found.").ToProblem()
            : TypedResults.Ok(ToDto(member, await records.CaseloadAsync(staffId, ct)));
    }

    private static async Task<IResult> CreateAsync(StaffInput body, StaffRecords records, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var result = await records.CreateAsync(body, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/staff/{result.Value.Id}", ToDto(result.Value, 0)) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateAsync(StaffId staffId, StaffInput body, StaffRecords records, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var result = await records.UpdateAsync(staffId, body, ct);
        return result.IsSuccess ? TypedResults.Ok(ToDto(result.Value, await records.CaseloadAsync(staffId, ct))) : result.Error!.ToProblem();
    }

    private static StaffDto ToDto(StaffMember s, int caseload) => new(
        s.Id, s.StaffCode, s.Title, s.FirstName, s.LastName, s.Email, s.JobTitle, s.Discipline, s.RegistrationBody, s.RegistrationNumber, s.RegistrationRenewal,
        s.CaseloadCapacity, caseload,
        Enum.GetValues<StaffResponsibility>().Where(r => r != StaffResponsibility.None && s.Responsibilities.HasFlag(r)).ToList(),
        s.WorkingPattern.Select(b => new WorkingBlockDto(b.Day, b.Start, b.End, b.SiteId)).ToList(),
        s.LeftOn, s.TutorGroup);
}
