using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Pupils;

/// <summary>Special educational needs status as the school census records it.</summary>
public enum SenStatus
{
    /// <summary>N: no special educational need recorded.</summary>
    None,

    /// <summary>K: SEN support.</summary>
    SenSupport,

    /// <summary>E: an Education, Health and Care Plan.</summary>
    Ehcp,
}

/// <summary>
/// A pupil on the school's roll. A pupil who leaves stays in the record, read-only and marked as
/// left, and is never shown as current.
/// </summary>
public sealed class Pupil : ISchoolOwned
{
    private Pupil()
    {
    }

    public PupilId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public string Upn { get; private set; } = "";
    public string LegalFirstName { get; private set; } = "";
    public string LegalLastName { get; private set; } = "";
    public string? PreferredFirstName { get; private set; }
    public string? PreferredLastName { get; private set; }
    public DateOnly DateOfBirth { get; private set; }

    /// <summary>National curriculum year: -1 nursery, 0 reception, 1 to 14 (special schools teach to 19).</summary>
    public int YearGroup { get; private set; }

    public string? TutorGroup { get; private set; }
    public bool CareExperienced { get; private set; }
    public SenStatus SenStatus { get; private set; }
    public bool PupilPremium { get; private set; }
    public SiteId? SiteId { get; private set; }
    public DateOnly? LeftOn { get; private set; }

    /// <summary>The pupil's own sign-in, where they have one.</summary>
    public Guid? UserId { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>
    /// Goes up with every change. Whoever changes the record says which version they read: a change
    /// made on an older version is refused rather than silently overwriting someone else's.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>Names and UPN folded by <see cref="SearchText"/>, so a search works the same on both databases and in any script.</summary>
    public string SearchKey { get; private set; } = "";

    /// <summary>
    /// <see cref="SearchKey"/> squashed (<see cref="SearchText.Squash"/>: without apostrophes, hyphens and spaces), which
    /// the directory's search matches against: kept with the record, so a search does not work it out again for every
    /// pupil of the school.
    /// </summary>
    public string SearchSquashed { get; private set; } = "";

    public string FirstName => PreferredFirstName ?? LegalFirstName;
    public string LastName => PreferredLastName ?? LegalLastName;
    public string DisplayName => $"{FirstName} {LastName}";
    public bool HasLeft => LeftOn is not null;

    public static Pupil Create(SchoolId school, Upn upn, PupilDetails details, DateTime now)
    {
        var pupil = new Pupil { Id = PupilId.New(), SchoolId = school, Upn = upn.Value, CreatedAt = now };
        pupil.Apply(details, now);
        return pupil;
    }

    /// <summary>Updates the pupil from the school's information system or a form; a pupil who has left is read-only.</summary>
    public Outcome Update(PupilDetails details, DateTime now)
    {
        if (HasLeft)
        {
            return ReadOnly;
        }

        Apply(details, now);
        return Outcome.Ok;
    }

    public Outcome MarkLeft(DateOnly leftOn, DateTime now)
    {
        if (HasLeft)
        {
            return new Error.Conflict($"{DisplayName} is already recorded as having left on {LeftOn:d MMMM yyyy}.");
        }

        LeftOn = leftOn;
        UpdatedAt = now;
        Version++;
        return Outcome.Ok;
    }

    public void LinkAccount(Guid userId) => UserId = userId;

    private Error ReadOnly => new Error.Conflict($"{DisplayName} left on {LeftOn:d MMMM yyyy}; their record is read-only.");

    /// <summary>Whether a change made by someone who read <paramref name="seen"/> may be saved.</summary>
    public Outcome CheckVersion(int? seen) =>
        HasLeft ? ReadOnly
        : seen is null ? new Error.Validation("Version", "Send the version of the record you read (from GET), so that nobody else's change is overwritten")
        : seen != Version ? new Error.Conflict($"{DisplayName}'s record was changed by someone else after you opened it; nothing was changed. Open it again to see the latest, then make your change if it is still needed.")
        : Outcome.Ok;

    /// <summary>Corrects a UPN typed wrongly; the caller has checked it is valid and not another pupil's.</summary>
    public void CorrectUpn(Upn upn, DateTime now)
    {
        Upn = upn.Value;
        UpdatedAt = now;
        Version++;
        Index();
    }

    private void Index()
    {
        SearchKey = SearchText.Fold(LegalFirstName, LegalLastName, PreferredFirstName, PreferredLastName, Upn);
        SearchSquashed = SearchText.Squash(SearchKey);
    }

    private void Apply(PupilDetails d, DateTime now)
    {
        LegalFirstName = d.LegalFirstName;
        LegalLastName = d.LegalLastName;
        PreferredFirstName = string.IsNullOrWhiteSpace(d.PreferredFirstName) || d.PreferredFirstName == d.LegalFirstName ? null : d.PreferredFirstName;
        PreferredLastName = string.IsNullOrWhiteSpace(d.PreferredLastName) || d.PreferredLastName == d.LegalLastName ? null : d.PreferredLastName;
        DateOfBirth = d.DateOfBirth;
        YearGroup = d.YearGroup;
        TutorGroup = d.TutorGroup;
        CareExperienced = d.CareExperienced;
        SenStatus = d.SenStatus;
        PupilPremium = d.PupilPremium;
        SiteId = d.SiteId;
        UpdatedAt = now;
        Version++;
        Index();
    }
}

/// <summary>The details of a pupil that the school's information system owns.</summary>
public sealed record PupilDetails(
    string LegalFirstName,
    string LegalLastName,
    string? PreferredFirstName,
    string? PreferredLastName,
    DateOnly DateOfBirth,
    int YearGroup,
    string? TutorGroup,
    bool CareExperienced,
    SenStatus SenStatus,
    bool PupilPremium,
    SiteId? SiteId);

public static class YearGroups
{
    public const int Nursery = -1;
    public const int Reception = 0;
    public const int Highest = 14;

    public static string Label(int year) => year switch
    {
        Nursery => "Nursery",
        Reception => "Reception",
        _ => $"Year {year}",
    };

    public static bool IsValid(int year) => year is >= Nursery and <= Highest;

    /// <summary>
    /// The dates of birth usual for a year group in the academic year that includes
    /// <paramref name="today"/> (England: a year runs from 1 September to 31 August). In 2025/26,
    /// Year 7 pupils were born between 1 September 2013 and 31 August 2014; Reception pupils
    /// between 1 September 2020 and 31 August 2021.
    /// </summary>
    public static (DateOnly From, DateOnly To) BornBetween(int year, DateOnly today)
    {
        var academicYearStarts = today.Month >= 9 ? today.Year : today.Year - 1;
        var from = new DateOnly(academicYearStarts - year - 5, 9, 1);
        return (from, from.AddYears(1).AddDays(-1));
    }

    /// <summary>The warning, in the school's words, when a year group does not fit a date of birth; null when it fits.</summary>
    public static string? MismatchWarning(int year, DateOnly dateOfBirth, DateOnly today)
    {
        if (!IsValid(year))
        {
            return null;
        }

        var (from, to) = BornBetween(year, today);
        return dateOfBirth >= from && dateOfBirth <= to
            ? null
            : $"{Label(year)} pupils are usually born between {from.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} and {to.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}: check the year group or date of birth. If both are right (for example a pupil taught out of their year group), tick \u201cThe year group is right\u201d and save again.";
    }
}
