using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Pupils;

public static class PupilAuditActions
{
    public const string Created = "pupil.created";
    public const string Updated = "pupil.updated";
    public const string Left = "pupil.left";
    public const string CarerAdded = "carer.added";
    public const string CarerUpdated = "carer.updated";
    public const string CarerLinkRemoved = "carer.link-removed";
    public const string PhotoChanged = "pupil.photo-changed";
    public const string PhotoRemoved = "pupil.photo-removed";
}

/// <summary>
/// Adding, changing and marking pupils as left, for the form and the API alike. The rules here are
/// the ones the school's information system would apply: a valid UPN (with its check letter), one
/// pupil per UPN, a believable date of birth and year group, a site of this school.
/// </summary>
public sealed class PupilRecords(SecureBaseDb db, PupilAccess access, AuditLog audit, TimeProvider clock, Schools.SchoolClock schoolClock)
{
    public async Task<Result<Pupil>> CreateAsync(PupilInput input, CancellationToken ct = default)
    {
        var (upn, details, errors) = await CheckAsync(input, null, ct);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var pupil = Pupil.Create(db.CurrentSchoolId, upn, details, clock.GetUtcNow().UtcDateTime);
        db.Pupils.Add(pupil);
        audit.Record(PupilAuditActions.Created, "Pupil", pupil.Id.ToString());
        await db.SaveChangesAsync(ct);
        return pupil;
    }

    public async Task<Result<Pupil>> UpdateAsync(PupilId id, PupilInput input, CancellationToken ct = default)
    {
        var pupil = await access.FindAsync(id, SchoolAction.ManagePupils, ct);
        if (pupil is null)
        {
            return new Error.NotFound("That pupil was not found.");
        }

        // Two people (or the information system's import and a person) changing the record at once:
        // the change made on an older version is refused, here or by the database's check at save.
        var current = pupil.CheckVersion(input.Version);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        var (upn, details, errors) = await CheckAsync(input, pupil, ct);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var outcome = pupil.Update(details, clock.GetUtcNow().UtcDateTime);
        if (!outcome.IsSuccess)
        {
            return outcome.Error!;
        }

        if (upn.Value != pupil.Upn)
        {
            pupil.CorrectUpn(upn, clock.GetUtcNow().UtcDateTime);
        }

        audit.Record(PupilAuditActions.Updated, "Pupil", pupil.Id.ToString());
        await db.SaveChangesAsync(ct);
        return pupil;
    }

    public async Task<Result<Pupil>> MarkLeftAsync(PupilId id, LeavingInput input, CancellationToken ct = default)
    {
        var pupil = await access.FindAsync(id, SchoolAction.ManagePupils, ct);
        if (pupil is null)
        {
            return new Error.NotFound("That pupil was not found.");
        }

        var today = schoolClock.Today;
        if (input.LeftOn is not { } leftOn)
        {
            return new Error.Validation("LeftOn", "Enter the date they left");
        }

        if (leftOn > today.AddDays(60))
        {
            return new Error.Validation("LeftOn", "The date left can be at most 60 days ahead");
        }

        if (leftOn < pupil.DateOfBirth)
        {
            return new Error.Validation("LeftOn", "The date left must be after the date of birth");
        }

        var outcome = pupil.MarkLeft(leftOn, clock.GetUtcNow().UtcDateTime);
        if (!outcome.IsSuccess)
        {
            return outcome.Error!;
        }

        audit.Record(PupilAuditActions.Left, "Pupil", pupil.Id.ToString(), detail: leftOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return pupil;
    }

    private async Task<(Upn Upn, PupilDetails Details, List<FieldError> Errors)> CheckAsync(PupilInput input, Pupil? existing, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (!Upn.TryParse(input.Upn, out var upn, out var upnProblem))
        {
            errors.Add(new FieldError(nameof(PupilInput.Upn), upnProblem));
        }
        else
        {
            var holder = await db.Pupils.AsNoTracking().Where(p => p.Upn == upn.Value && (existing == null || p.Id != existing.Id))
                .Select(p => new { p.LegalFirstName, p.LegalLastName, p.PreferredFirstName, p.PreferredLastName, p.LeftOn }).FirstOrDefaultAsync(ct);
            if (holder is not null)
            {
                errors.Add(new FieldError(nameof(PupilInput.Upn),
                    $"UPN {upn.Value} already belongs to {holder.PreferredFirstName ?? holder.LegalFirstName} {holder.PreferredLastName ?? holder.LegalLastName}{(holder.LeftOn is null ? "" : " (who has left)")}; each pupil has their own UPN"));
            }
        }

        var today = schoolClock.Today;
        if (input.DateOfBirth is { } dob)
        {
            var age = today.Year - dob.Year - (today.DayOfYear < dob.DayOfYear ? 1 : 0);
            if (dob > today)
            {
                errors.Add(new FieldError(nameof(PupilInput.DateOfBirth), "The date of birth cannot be in the future"));
            }
            else if (age is < 2 or > 25)
            {
                errors.Add(new FieldError(nameof(PupilInput.DateOfBirth), $"A pupil aged {age} is outside the ages a school teaches (2 to 25); check the date of birth"));
            }
        }

        if (input.YearGroup is { } year && !YearGroups.IsValid(year))
        {
            errors.Add(new FieldError(nameof(PupilInput.YearGroup), "Choose a year group from Nursery to Year 14"));
        }

        if (input.SenStatus is { } sen && !Enum.IsDefined(sen))
        {
            errors.Add(new FieldError(nameof(PupilInput.SenStatus), "Choose N (none), K (SEN support) or E (EHCP)"));
        }

        if (input.SiteId is { } site && !await db.Sites.AnyAsync(s => s.Id == site, ct))
        {
            errors.Add(new FieldError(nameof(PupilInput.SiteId), "Choose one of this school's sites"));
        }

        var details = new PupilDetails(
            TextRules.Tidy(input.LegalFirstName) ?? "",
            TextRules.Tidy(input.LegalLastName) ?? "",
            TextRules.Tidy(input.PreferredFirstName),
            TextRules.Tidy(input.PreferredLastName),
            input.DateOfBirth ?? default,
            input.YearGroup ?? 0,
            TextRules.Tidy(input.TutorGroup),
            input.CareExperienced,
            input.SenStatus ?? SenStatus.None,
            input.PupilPremium,
            input.SiteId);
        return (upn, details, errors);
    }
}
