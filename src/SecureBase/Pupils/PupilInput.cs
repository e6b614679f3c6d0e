using System.ComponentModel.DataAnnotations;
using SecureBase.Common;

namespace SecureBase.Pupils;

/// <summary>A pupil's details as typed into the form or sent to the API.</summary>
public sealed class PupilInput
{
    [Display(Name = "UPN")]
    [Needed]
    [SchoolText(20)]
    [ValidUpn]
    public string? Upn { get; set; }

    [Display(Name = "Legal first name")]
    [Needed]
    [PersonName]
    public string? LegalFirstName { get; set; }

    [Display(Name = "Legal last name")]
    [Needed]
    [PersonName]
    public string? LegalLastName { get; set; }

    [Display(Name = "Preferred first name")]
    [PersonName]
    public string? PreferredFirstName { get; set; }

    [Display(Name = "Preferred last name")]
    [PersonName]
    public string? PreferredLastName { get; set; }

    [Display(Name = "Date of birth")]
    [Needed]
    public DateOnly? DateOfBirth { get; set; }

    [Display(Name = "Year group")]
    [Needed]
    public int? YearGroup { get; set; }

    [Display(Name = "Tutor group")]
    [SchoolText(20)]
    public string? TutorGroup { get; set; }

    [Display(Name = "SEN status")]
    [Needed]
    public SenStatus? SenStatus { get; set; }

    [Display(Name = "Care-experienced")]
    public bool CareExperienced { get; set; }

    [Display(Name = "Pupil premium")]
    public bool PupilPremium { get; set; }

    [Display(Name = "Site")]
    public SiteId? SiteId { get; set; }

    /// <summary>
    /// Ticked on the form when the year group does not fit the date of birth and the office keeps
    /// it (a pupil taught out of their chronological year group). See <see cref="YearGroups.BornBetween"/>.
    /// </summary>
    [Display(Name = "The year group is right")]
    [System.Text.Json.Serialization.JsonIgnore]
    public bool YearGroupConfirmed { get; set; }

    /// <summary>The version of the record the change was made on (see <see cref="Pupil.Version"/>); needed to change a pupil.</summary>
    public int? Version { get; set; }

    public static PupilInput From(Pupil p) => new()
    {
        Version = p.Version,
        Upn = p.Upn,
        LegalFirstName = p.LegalFirstName,
        LegalLastName = p.LegalLastName,
        PreferredFirstName = p.PreferredFirstName,
        PreferredLastName = p.PreferredLastName,
        DateOfBirth = p.DateOfBirth,
        YearGroup = p.YearGroup,
        TutorGroup = p.TutorGroup,
        SenStatus = p.SenStatus,
        CareExperienced = p.CareExperienced,
        PupilPremium = p.PupilPremium,
        SiteId = p.SiteId,
    };
}

/// <summary>A date of leaving, typed into the form or sent to the API.</summary>
public sealed class LeavingInput
{
    [Display(Name = "Date left")]
    [Needed]
    public DateOnly? LeftOn { get; set; }
}
