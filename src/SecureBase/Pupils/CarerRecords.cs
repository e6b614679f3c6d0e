using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Pupils;

/// <summary>A parent or carer and their link to a pupil, as typed into the form or sent to the API.</summary>
public sealed class CarerInput
{
    [Display(Name = "Title")]
    [SchoolText(20)]
    public string? Title { get; set; }

    [Display(Name = "First name")]
    [Needed]
    [PersonName]
    public string? FirstName { get; set; }

    [Display(Name = "Last name")]
    [Needed]
    [PersonName]
    public string? LastName { get; set; }

    [Display(Name = "Relationship to the pupil")]
    [Needed]
    [SchoolText(50)]
    public string? Relationship { get; set; }

    [Display(Name = "Parental responsibility")]
    public bool ParentalResponsibility { get; set; }

    [Display(Name = "Contact order")]
    [Range(1, 9, ErrorMessage = "Contact order is a number from 1 (contact first) to 9")]
    public int ContactPriority { get; set; } = 1;

    [Display(Name = "Email")]
    [SchoolText(254)]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com")]
    public string? Email { get; set; }

    [Display(Name = "Phone")]
    [SchoolText(30)]
    [RegularExpression(@"^\s*\+?[0-9 ()\-]{6,30}\s*$", ErrorMessage = "Enter a phone number using digits, spaces and + ( ) - only")]
    public string? Phone { get; set; }

    [Display(Name = "Address")]
    [SchoolText(300, MultiLine = true)]
    public string? Address { get; set; }

    [Display(Name = "How they prefer to be contacted")]
    public ContactPreference ContactPreference { get; set; } = ContactPreference.Email;

    [Display(Name = "Language")]
    [SchoolText(50)]
    public string? PreferredLanguage { get; set; }

    [Display(Name = "Restricted")]
    public bool Restricted { get; set; }

    [Display(Name = "Reason for the restriction")]
    [SchoolText(500)]
    public string? RestrictionReason { get; set; }

    public static CarerInput From(Carer c, CarerLink l) => new()
    {
        Title = c.Title,
        FirstName = c.FirstName,
        LastName = c.LastName,
        Relationship = l.Relationship,
        ParentalResponsibility = l.ParentalResponsibility,
        ContactPriority = l.ContactPriority,
        Email = c.Email,
        Phone = c.Phone,
        Address = c.Address,
        ContactPreference = c.ContactPreference,
        PreferredLanguage = c.PreferredLanguage,
        Restricted = l.IsRestricted,
        RestrictionReason = l.RestrictionReason,
    };
}

/// <summary>
/// Parents and carers: added to a pupil, changed, restricted (e.g. under a court order, when the
/// carer must see nothing) or unlinked. Only pupils the user may manage are reached.
/// </summary>
public sealed class CarerRecords(SecureBaseDb db, PupilAccess access, AuditLog audit)
{
    public async Task<Result<CarerLink>> AddAsync(PupilId pupilId, CarerInput input, CancellationToken ct = default)
    {
        var pupil = await access.FindAsync(pupilId, SchoolAction.ManageCarers, ct);
        if (pupil is null)
        {
            return new Error.NotFound("That pupil was not found.");
        }

        if (pupil.HasLeft)
        {
            return new Error.Conflict($"{pupil.DisplayName} has left; the record cannot be changed.");
        }

        if (Check(input) is { } invalid)
        {
            return invalid;
        }

        var carer = Carer.Create(db.CurrentSchoolId, Details(input, null));
        db.Carers.Add(carer);
        var link = CarerLink.Create(db.CurrentSchoolId, pupilId, carer.Id, TextRules.Tidy(input.Relationship)!, input.ParentalResponsibility, input.ContactPriority);
        if (input.Restricted)
        {
            link.Restrict(TextRules.Tidy(input.RestrictionReason)!);
        }

        db.CarerLinks.Add(link);
        audit.Record(PupilAuditActions.CarerAdded, "Pupil", pupilId.ToString(), detail: input.Restricted ? "restricted link" : null);
        await db.SaveChangesAsync(ct);
        return link;
    }

    public async Task<Result<CarerLink>> UpdateAsync(PupilId pupilId, CarerLinkId linkId, CarerInput input, CancellationToken ct = default)
    {
        var found = await FindAsync(pupilId, linkId, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        if (Check(input) is { } invalid)
        {
            return invalid;
        }

        var (carer, link) = found.Value;
        carer.Update(Details(input, carer.ExternalRef));
        link.Update(TextRules.Tidy(input.Relationship)!, input.ParentalResponsibility, input.ContactPriority);
        if (input.Restricted)
        {
            link.Restrict(TextRules.Tidy(input.RestrictionReason)!);
        }
        else
        {
            link.LiftRestriction();
        }

        audit.Record(PupilAuditActions.CarerUpdated, "Pupil", pupilId.ToString(), detail: input.Restricted ? "restricted link" : null);
        await db.SaveChangesAsync(ct);
        return link;
    }

    public async Task<Outcome> RemoveLinkAsync(PupilId pupilId, CarerLinkId linkId, CancellationToken ct = default)
    {
        var found = await FindAsync(pupilId, linkId, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        db.CarerLinks.Remove(found.Value.Link);
        audit.Record(PupilAuditActions.CarerLinkRemoved, "Pupil", pupilId.ToString());
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public async Task<Result<(Carer Carer, CarerLink Link)>> FindAsync(PupilId pupilId, CarerLinkId linkId, CancellationToken ct = default)
    {
        var pupil = await access.FindAsync(pupilId, SchoolAction.ManageCarers, ct);
        var link = pupil is null ? null : await db.CarerLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.PupilId == pupilId, ct);
        if (pupil is null || link is null)
        {
            return new Error.NotFound("That parent or carer was not found.");
        }

        if (pupil.HasLeft)
        {
            return new Error.Conflict($"{pupil.DisplayName} has left; the record cannot be changed.");
        }

        var carer = await db.Carers.SingleAsync(c => c.Id == link.CarerId, ct);
        return (carer, link);
    }

    private static Error.Validation? Check(CarerInput input)
    {
        if (input.Restricted && string.IsNullOrWhiteSpace(input.RestrictionReason))
        {
            return new Error.Validation(nameof(CarerInput.RestrictionReason), "Say why the link is restricted, for example \"Court order: no information to be shared\"");
        }

        if (input.ContactPreference == ContactPreference.Email && string.IsNullOrWhiteSpace(input.Email) && !input.Restricted)
        {
            return new Error.Validation(nameof(CarerInput.Email), "Enter an email address, or choose another way they prefer to be contacted");
        }

        if (input.ContactPreference == ContactPreference.Phone && string.IsNullOrWhiteSpace(input.Phone) && !input.Restricted)
        {
            return new Error.Validation(nameof(CarerInput.Phone), "Enter a phone number, or choose another way they prefer to be contacted");
        }

        return !Enum.IsDefined(input.ContactPreference)
            ? new Error.Validation(nameof(CarerInput.ContactPreference), "Choose how they prefer to be contacted")
            : null;
    }

    private static CarerDetails Details(CarerInput i, string? externalRef) => new(
        externalRef,
        TextRules.Tidy(i.Title),
        TextRules.Tidy(i.FirstName)!,
        TextRules.Tidy(i.LastName)!,
        TextRules.Tidy(i.Email),
        TextRules.Tidy(i.Phone),
        TextRules.Tidy(i.Address),
        i.ContactPreference,
        TextRules.Tidy(i.PreferredLanguage));
}
