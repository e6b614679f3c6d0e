using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Staff;

public static class StaffAuditActions
{
    public const string Created = "staff.created";
    public const string Updated = "staff.updated";
}

/// <summary>A line of the staff list.</summary>
public sealed record StaffRow(StaffId Id, string Name, string? JobTitle, Discipline? Discipline, RegistrationBody Body, DateOnly? Renewal, int? Capacity, int Caseload, bool HasAccount, DateOnly? LeftOn);

/// <summary>
/// Staff records for the form and the API: professional registration that fits the discipline
/// (SaLT, OT, arts therapists and clinical psychologists must be on the HCPC register; counsellors,
/// play therapists and ELSAs are not), a caseload capacity, and a weekly working pattern.
/// </summary>
public sealed partial class StaffRecords(SecureBaseDb db, AuditLog audit)
{
    public async Task<IReadOnlyList<StaffRow>> ListAsync(Discipline? discipline, bool practitionersOnly, string? search, bool includeLeft, CancellationToken ct = default)
    {
        var q = db.StaffMembers.AsNoTracking();
        if (!includeLeft)
        {
            q = q.Where(s => s.LeftOn == null);
        }

        if (discipline is { } d)
        {
            q = q.Where(s => s.Discipline == d);
        }
        else if (practitionersOnly)
        {
            q = q.Where(s => s.Discipline != null);
        }

        if (SearchText.Fold(search) is { Length: > 0 } term)
        {
            q = q.Where(s => s.SearchKey.Contains(term));
        }

        var rows = await q.OrderBy(s => s.LastName).ThenBy(s => s.FirstName)
            .Select(s => new
            {
                s.Id, s.Title, s.FirstName, s.LastName, s.JobTitle, s.Discipline, s.RegistrationBody, s.RegistrationRenewal, s.CaseloadCapacity, s.UserId, s.LeftOn,
                Caseload = db.Episodes.Count(e => e.StaffId == s.Id && e.Status == EpisodeStatus.Open),
            })
            .ToListAsync(ct);
        return rows.Select(s => new StaffRow(s.Id, $"{s.FirstName} {s.LastName}", s.JobTitle, s.Discipline, s.RegistrationBody, s.RegistrationRenewal, s.CaseloadCapacity, s.Caseload, s.UserId != null, s.LeftOn)).ToList();
    }

    public Task<int> CaseloadAsync(StaffId id, CancellationToken ct = default) =>
        db.Episodes.CountAsync(e => e.StaffId == id && e.Status == EpisodeStatus.Open, ct);

    public async Task<Result<StaffMember>> CreateAsync(StaffInput input, CancellationToken ct = default)
    {
        var (details, pattern, errors) = await CheckAsync(input, null, ct);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var staff = StaffMember.Create(db.CurrentSchoolId, input.StaffCode!.Trim().ToUpperInvariant(), details);
        var set = staff.SetWorkingPattern(pattern);
        if (!set.IsSuccess)
        {
            return set.Error!;
        }

        staff.SetResponsibilities(Combine(input.Responsibilities));
        staff.SetTutorGroup(input.TutorGroup);
        db.StaffMembers.Add(staff);
        audit.Record(StaffAuditActions.Created, "Staff", staff.Id.ToString());
        await db.SaveChangesAsync(ct);
        return staff;
    }

    public async Task<Result<StaffMember>> UpdateAsync(StaffId id, StaffInput input, CancellationToken ct = default)
    {
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null)
        {
            return new Error.NotFound("That member of staff was not found.");
        }

        var (details, pattern, errors) = await CheckAsync(input, staff, ct);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var set = staff.SetWorkingPattern(pattern);
        if (!set.IsSuccess)
        {
            return set.Error!;
        }

        staff.Update(details);
        staff.SetResponsibilities(Combine(input.Responsibilities));
        staff.SetTutorGroup(input.TutorGroup);
        audit.Record(StaffAuditActions.Updated, "Staff", staff.Id.ToString());
        await db.SaveChangesAsync(ct);
        return staff;
    }

    private async Task<(StaffDetails Details, List<WorkingBlock> Pattern, List<FieldError> Errors)> CheckAsync(StaffInput input, StaffMember? existing, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var code = input.StaffCode?.Trim().ToUpperInvariant() ?? "";
        if (existing is null && code.Length > 0 && await db.StaffMembers.AnyAsync(s => s.StaffCode == code, ct))
        {
            errors.Add(new FieldError(nameof(StaffInput.StaffCode), $"Staff code {code} is already used by someone else in this school"));
        }

        if (existing is not null && code.Length > 0 && code != existing.StaffCode)
        {
            errors.Add(new FieldError(nameof(StaffInput.StaffCode), "The staff code matches the school's information system and cannot be changed here"));
        }

        if (input.Discipline is { } d && !Enum.IsDefined(d))
        {
            errors.Add(new FieldError(nameof(StaffInput.Discipline), "Choose a discipline from the list"));
        }

        if (!Enum.IsDefined(input.RegistrationBody))
        {
            errors.Add(new FieldError(nameof(StaffInput.RegistrationBody), "Choose a professional register from the list"));
        }
        else if (input.Discipline is { } discipline && Disciplines.RequiresHcpc(discipline) && input.RegistrationBody != RegistrationBody.Hcpc)
        {
            errors.Add(new FieldError(nameof(StaffInput.RegistrationBody), $"{Disciplines.Practitioner(discipline)}s must be registered with the HCPC to practise"));
        }

        var number = input.RegistrationNumber?.Trim().ToUpperInvariant();
        if (input.RegistrationBody != RegistrationBody.None)
        {
            if (string.IsNullOrEmpty(number))
            {
                errors.Add(new FieldError(nameof(StaffInput.RegistrationNumber), "Enter the registration number"));
            }
            else if (input.RegistrationBody == RegistrationBody.Hcpc && !HcpcNumber().IsMatch(number))
            {
                errors.Add(new FieldError(nameof(StaffInput.RegistrationNumber), "An HCPC registration number is the profession's letters then digits, for example SL031244 or PYL40127"));
            }

            if (input.RegistrationBody == RegistrationBody.Hcpc && input.RegistrationRenewal is null)
            {
                errors.Add(new FieldError(nameof(StaffInput.RegistrationRenewal), "Enter when the HCPC registration is due for renewal (every two years)"));
            }
        }

        if (input.Responsibilities.Any(r => r == StaffResponsibility.None || !Enum.IsDefined(r)))
        {
            errors.Add(new FieldError(nameof(StaffInput.Responsibilities), "Choose responsibilities from the list"));
        }

        var pattern = new List<WorkingBlock>();
        var sites = await db.Sites.Select(s => s.Id).ToListAsync(ct);
        foreach (var (block, i) in input.WorkingPattern.Select((b, i) => (b, i)).Where(x => !x.b.IsEmpty))
        {
            var field = $"{nameof(StaffInput.WorkingPattern)}[{i}]";
            if (block.Day is not { } day || !Enum.IsDefined(day))
            {
                errors.Add(new FieldError(field, "Choose the day"));
            }
            else if (block.Start is not { } start || block.End is not { } end)
            {
                errors.Add(new FieldError(field, $"Give both a start and an end time for {day}"));
            }
            else if (block.SiteId is not { } site || !sites.Contains(site))
            {
                errors.Add(new FieldError(field, $"Choose the site they work at on {day}"));
            }
            else
            {
                pattern.Add(new WorkingBlock(day, start, end, site));
            }
        }

        var details = new StaffDetails(
            TextRules.Tidy(input.Title),
            TextRules.Tidy(input.FirstName) ?? "",
            TextRules.Tidy(input.LastName) ?? "",
            TextRules.Tidy(input.Email),
            TextRules.Tidy(input.JobTitle),
            input.Discipline,
            input.RegistrationBody,
            number,
            input.RegistrationRenewal,
            input.CaseloadCapacity);
        return (details, pattern, errors);
    }

    private static StaffResponsibility Combine(IEnumerable<StaffResponsibility> list) =>
        list.Aggregate(StaffResponsibility.None, (all, r) => all | r);

    [GeneratedRegex(@"^[A-Z]{2,3}\d{4,6}$")]
    private static partial Regex HcpcNumber();
}
