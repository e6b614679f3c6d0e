using System.ComponentModel.DataAnnotations;
using SecureBase.Common;

namespace SecureBase.Staff;

/// <summary>A member of staff as typed into the form or sent to the API.</summary>
public sealed class StaffInput
{
    [Display(Name = "Staff code")]
    [Needed]
    [SchoolText(20)]
    [RegularExpression(@"^\s*[A-Za-z0-9][A-Za-z0-9\-_]*\s*$", ErrorMessage = "A staff code is letters and digits, as in the school's information system")]
    public string? StaffCode { get; set; }

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

    [Display(Name = "Email")]
    [SchoolText(254)]
    [EmailAddress(ErrorMessage = "Enter an email address like name@school.example")]
    public string? Email { get; set; }

    [Display(Name = "Job title")]
    [SchoolText(100)]
    public string? JobTitle { get; set; }

    [Display(Name = "Discipline")]
    public Discipline? Discipline { get; set; }

    [Display(Name = "Professional register")]
    public RegistrationBody RegistrationBody { get; set; }

    [Display(Name = "Registration number")]
    [SchoolText(30)]
    public string? RegistrationNumber { get; set; }

    [Display(Name = "Registration renewal date")]
    public DateOnly? RegistrationRenewal { get; set; }

    [Display(Name = "Caseload capacity")]
    [Range(0, 200, ErrorMessage = "Caseload capacity is a number of pupils from 0 to 200")]
    public int? CaseloadCapacity { get; set; }

    [Display(Name = "Tutor group")]
    [SchoolText(StaffMember.TutorGroupMaxLength)]
    public string? TutorGroup { get; set; }

    [Display(Name = "Responsibilities")]
    public List<StaffResponsibility> Responsibilities { get; set; } = [];

    [Display(Name = "Working pattern")]
    public List<WorkingBlockInput> WorkingPattern { get; set; } = [];

    public static StaffInput From(StaffMember s) => new()
    {
        StaffCode = s.StaffCode,
        Title = s.Title,
        FirstName = s.FirstName,
        LastName = s.LastName,
        Email = s.Email,
        JobTitle = s.JobTitle,
        Discipline = s.Discipline,
        RegistrationBody = s.RegistrationBody,
        RegistrationNumber = s.RegistrationNumber,
        RegistrationRenewal = s.RegistrationRenewal,
        CaseloadCapacity = s.CaseloadCapacity,
        TutorGroup = s.TutorGroup,
        Responsibilities = Enum.GetValues<StaffResponsibility>().Where(r => r != StaffResponsibility.None && s.Responsibilities.HasFlag(r)).ToList(),
        WorkingPattern = s.WorkingPattern.Select(b => new WorkingBlockInput { Day = b.Day, Start = b.Start, End = b.End, SiteId = b.SiteId }).ToList(),
    };
}

/// <summary>One stretch of the working week: a day, start and end times and the site.</summary>
public sealed class WorkingBlockInput
{
    public DayOfWeek? Day { get; set; }
    public TimeOnly? Start { get; set; }
    public TimeOnly? End { get; set; }
    public SiteId? SiteId { get; set; }

    public bool IsEmpty => Start is null && End is null;
}
