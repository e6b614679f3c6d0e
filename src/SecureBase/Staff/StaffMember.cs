using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Staff;

/// <summary>The therapy disciplines a school's team can offer.</summary>
public enum Discipline
{
    SpeechAndLanguage,
    OccupationalTherapy,
    Counselling,
    Psychotherapy,
    PlayTherapy,
    ArtTherapy,
    DramaTherapy,
    MusicTherapy,
    Cbt,
    ClinicalPsychology,
    Elsa,
    TherapyAssistant,
}

public static class Disciplines
{
    public static string Name(Discipline d) => d switch
    {
        Discipline.SpeechAndLanguage => "Speech and language therapy",
        Discipline.OccupationalTherapy => "Occupational therapy",
        Discipline.Counselling => "Counselling",
        Discipline.Psychotherapy => "Psychotherapy",
        Discipline.PlayTherapy => "Play therapy",
        Discipline.ArtTherapy => "Art therapy",
        Discipline.DramaTherapy => "Drama therapy",
        Discipline.MusicTherapy => "Music therapy",
        Discipline.Cbt => "CBT/REBT",
        Discipline.ClinicalPsychology => "Clinical psychology",
        Discipline.Elsa => "ELSA",
        Discipline.TherapyAssistant => "Therapy assistant",
    };

    /// <summary>The discipline as it reads inside a sentence: "speech and language therapy", but "CBT/REBT" and "ELSA".</summary>
    public static string InSentence(Discipline d) => Web.PlainWords.InSentence(Name(d));

    /// <summary>The professional a discipline's practitioner is called (a "speech and language therapist").</summary>
    public static string Practitioner(Discipline d) => d switch
    {
        Discipline.SpeechAndLanguage => "Speech and language therapist",
        Discipline.OccupationalTherapy => "Occupational therapist",
        Discipline.Counselling => "Counsellor",
        Discipline.Psychotherapy => "Psychotherapist",
        Discipline.PlayTherapy => "Play therapist",
        Discipline.ArtTherapy => "Art therapist",
        Discipline.DramaTherapy => "Drama therapist",
        Discipline.MusicTherapy => "Music therapist",
        Discipline.Cbt => "CBT therapist",
        Discipline.ClinicalPsychology => "Clinical psychologist",
        Discipline.Elsa => "ELSA",
        Discipline.TherapyAssistant => "Therapy assistant",
    };

    /// <summary>Disciplines whose practitioners must be on the HCPC register to practise.</summary>
    public static bool RequiresHcpc(Discipline d) => d is Discipline.SpeechAndLanguage or Discipline.OccupationalTherapy
        or Discipline.ArtTherapy or Discipline.DramaTherapy or Discipline.MusicTherapy or Discipline.ClinicalPsychology;
}

/// <summary>The register a practitioner is on. Counsellors, play therapists and ELSAs are not HCPC-registered.</summary>
public enum RegistrationBody
{
    None,
    Hcpc,
    Bacp,
    Ukcp,
    Bapt,
    Other,
}

/// <summary>A member of staff: teachers and leaders as well as the therapy team.</summary>
public sealed class StaffMember : ISchoolOwned
{
    private readonly List<WorkingBlock> _workingPattern = [];

    private StaffMember()
    {
    }

    public StaffId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }

    /// <summary>The staff code in the school's information system, used to match on re-import.</summary>
    public string StaffCode { get; private set; } = "";

    public string? Title { get; private set; }
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string? Email { get; private set; }
    public string? JobTitle { get; private set; }
    public Discipline? Discipline { get; private set; }
    public RegistrationBody RegistrationBody { get; private set; }
    public string? RegistrationNumber { get; private set; }
    public DateOnly? RegistrationRenewal { get; private set; }

    /// <summary>How many pupils the practitioner can hold at once.</summary>
    public int? CaseloadCapacity { get; private set; }

    public Guid? UserId { get; private set; }
    public DateOnly? LeftOn { get; private set; }

    /// <summary>Duties beyond the job title that decide who is told what (e.g. the EHCP review co-ordinator).</summary>
    public StaffResponsibility Responsibilities { get; private set; }

    /// <summary>
    /// The tutor group this person is tutor or pastoral lead for (as on pupils' records, e.g. "9K"): they are
    /// told when one of its pupils keeps refusing therapy sessions. A pastoral lead with no group set covers the school.
    /// </summary>
    public string? TutorGroup { get; private set; }

    public const int TutorGroupMaxLength = 20;

    /// <summary>Names and staff code folded by <see cref="SearchText"/>.</summary>
    public string SearchKey { get; private set; } = "";

    public IReadOnlyList<WorkingBlock> WorkingPattern => _workingPattern;

    public string DisplayName => DisplayNameOf(Title, FirstName, LastName);

    /// <summary>"Ms Okafor" with a title, "Amara Okafor" without: <see cref="DisplayName"/> for a read that has the parts only.</summary>
    public static string DisplayNameOf(string? title, string firstName, string lastName) => title is null ? $"{firstName} {lastName}" : $"{title} {lastName}";
    public string FullName => $"{FirstName} {LastName}";
    public bool IsPractitioner => Discipline is not null;

    public static StaffMember Create(SchoolId school, string staffCode, StaffDetails details)
    {
        var staff = new StaffMember { Id = StaffId.New(), SchoolId = school, StaffCode = staffCode };
        staff.Update(details);
        return staff;
    }

    public void Update(StaffDetails d)
    {
        Title = d.Title;
        FirstName = d.FirstName;
        LastName = d.LastName;
        Email = d.Email;
        JobTitle = d.JobTitle;
        Discipline = d.Discipline;
        RegistrationBody = d.RegistrationBody;
        RegistrationNumber = d.RegistrationBody == RegistrationBody.None ? null : d.RegistrationNumber;
        RegistrationRenewal = d.RegistrationBody == RegistrationBody.None ? null : d.RegistrationRenewal;
        CaseloadCapacity = d.CaseloadCapacity;
        SearchKey = SearchText.Fold(FirstName, LastName, StaffCode);
    }

    public void SetResponsibilities(StaffResponsibility responsibilities) => Responsibilities = responsibilities;

    public void SetTutorGroup(string? tutorGroup) => TutorGroup = TextRules.Tidy(tutorGroup);

    /// <summary>Whether this person is the tutor or pastoral lead of a pupil in <paramref name="pupilTutorGroup"/>.</summary>
    public bool IsPastoralFor(string? pupilTutorGroup) =>
        TutorGroup is { } mine
            ? string.Equals(mine, pupilTutorGroup?.Trim(), StringComparison.OrdinalIgnoreCase)
            : Responsibilities.HasFlag(StaffResponsibility.PastoralLead);

    /// <summary>Replaces the weekly working pattern; blocks on one day may not overlap.</summary>
    public Outcome SetWorkingPattern(IEnumerable<WorkingBlock> blocks)
    {
        var list = blocks.OrderBy(b => b.Day).ThenBy(b => b.Start).ToList();
        foreach (var b in list.Where(b => b.End <= b.Start))
        {
            return new Error.Validation("WorkingPattern", $"On {b.Day} the working time ends ({b.End:HH\\:mm}) before it starts ({b.Start:HH\\:mm})");
        }

        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Day == list[i - 1].Day && list[i].Start < list[i - 1].End)
            {
                return new Error.Validation("WorkingPattern", $"On {list[i].Day} two working times overlap ({list[i - 1].Start:HH\\:mm}–{list[i - 1].End:HH\\:mm} and {list[i].Start:HH\\:mm}–{list[i].End:HH\\:mm})");
            }
        }

        _workingPattern.Clear();
        _workingPattern.AddRange(list);
        return Outcome.Ok;
    }

    public void LinkAccount(Guid userId) => UserId = userId;

    public void MarkLeft(DateOnly on) => LeftOn = on;
}

public sealed record StaffDetails(
    string? Title,
    string FirstName,
    string LastName,
    string? Email,
    string? JobTitle,
    Discipline? Discipline,
    RegistrationBody RegistrationBody,
    string? RegistrationNumber,
    DateOnly? RegistrationRenewal,
    int? CaseloadCapacity);

/// <summary>Duties that decide who is told about what.</summary>
[Flags]
public enum StaffResponsibility
{
    None = 0,

    /// <summary>Co-ordinates EHCP annual reviews: told when a plan is out of date.</summary>
    ReviewCoordinator = 1,

    /// <summary>Leads a school or phase (West Heath's "relevant Head of School"): told when a plan is out of date.</summary>
    HeadOfSchool = 2,

    /// <summary>Pastoral lead or tutor: told when a pupil is close to the disengagement limit.</summary>
    PastoralLead = 4,
}

/// <summary>A stretch of a working week: e.g. Tuesday 08:45–15:30 at the main site.</summary>
public sealed record WorkingBlock(DayOfWeek Day, TimeOnly Start, TimeOnly End, SiteId SiteId);
