using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Schools;

/// <summary>The three terms of an English school year.</summary>
public enum TermName
{
    Autumn,
    Spring,
    Summer,
}

/// <summary>The six half terms, in the order they come in the year.</summary>
public enum HalfTermName
{
    Autumn1,
    Autumn2,
    Spring1,
    Spring2,
    Summer1,
    Summer2,
}

public static class HalfTermNames
{
    public static IReadOnlyList<HalfTermName> InOrder { get; } = Enum.GetValues<HalfTermName>();

    /// <summary>"Autumn 1".</summary>
    public static string Label(HalfTermName name) => name switch
    {
        HalfTermName.Autumn1 => "Autumn 1",
        HalfTermName.Autumn2 => "Autumn 2",
        HalfTermName.Spring1 => "Spring 1",
        HalfTermName.Spring2 => "Spring 2",
        HalfTermName.Summer1 => "Summer 1",
        HalfTermName.Summer2 => "Summer 2",
    };

    public static TermName TermOf(HalfTermName name) => name switch
    {
        HalfTermName.Autumn1 or HalfTermName.Autumn2 => TermName.Autumn,
        HalfTermName.Spring1 or HalfTermName.Spring2 => TermName.Spring,
        HalfTermName.Summer1 or HalfTermName.Summer2 => TermName.Summer,
    };

    /// <summary>"Autumn term".</summary>
    public static string Label(TermName term) => $"{term} term";
}

/// <summary>
/// Days from <see cref="FirstDay"/> to <see cref="LastDay"/>, both included: Autumn 1 from
/// Tuesday 1 September to Friday 23 October 2026 contains both the 1st and the 23rd.
/// </summary>
public readonly record struct DayRange(DateOnly FirstDay, DateOnly LastDay)
{
    public bool Contains(DateOnly date) => FirstDay <= date && date <= LastDay;

    public bool Overlaps(DayRange other) => FirstDay <= other.LastDay && other.FirstDay <= LastDay;

    public IEnumerable<DateOnly> Days()
    {
        for (var d = FirstDay; d <= LastDay; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    public override string ToString() => SchoolDates.Range(FirstDay, LastDay);
}

/// <summary>The dates an administrator gives an academic year: its first and last days and the six half terms.</summary>
public sealed record AcademicYearDates(DateOnly StartDate, DateOnly EndDate, IReadOnlyDictionary<HalfTermName, DayRange> HalfTerms);

/// <summary>
/// One school's academic year, e.g. 2026/27: from its first to its last day (1 September 2026 to
/// 31 August 2027 in most schools), three terms of two half terms each, and the days the school
/// is closed during term (INSET days, bank holidays). Dates differ by authority and academy, so
/// each school has its own years, and a school's years never overlap.
/// </summary>
public sealed class AcademicYear : ISchoolOwned, IPartOfCalendar
{
    /// <summary>Adding a longer closure is more likely a typing slip than a plan; longer ones are added in parts.</summary>
    public const int MaxClosureDays = 31;

    private readonly List<HalfTerm> _halfTerms = [];
    private readonly List<ClosureDay> _closures = [];

    private AcademicYear()
    {
    }

    public AcademicYearId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }

    /// <summary>"2026/27": the calendar years the academic year starts and ends in.</summary>
    public string Name => $"{StartDate.Year}/{(StartDate.Year + 1) % 100:00}";

    public DayRange Dates => new(StartDate, EndDate);

    public IReadOnlyList<HalfTerm> HalfTerms => _halfTerms.OrderBy(h => h.Name).ToList();

    public IReadOnlyList<ClosureDay> Closures => _closures.OrderBy(c => c.Date).ToList();

    /// <summary>Each term runs from the first day of its first half term to the last day of its second.</summary>
    public IReadOnlyList<Term> Terms => HalfTerms.GroupBy(h => h.Term).Select(g => new Term(g.Key, g.First(), g.Last())).ToList();

    public HalfTerm HalfTermNamed(HalfTermName name) => _halfTerms.Single(h => h.Name == name);

    public static Result<AcademicYear> Create(SchoolId school, AcademicYearDates dates, IEnumerable<AcademicYear> otherYears)
    {
        var year = new AcademicYear { Id = AcademicYearId.New(), SchoolId = school };
        var errors = Check(dates, otherYears.Where(y => y.Id != year.Id), []);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        year.StartDate = dates.StartDate;
        year.EndDate = dates.EndDate;
        foreach (var name in HalfTermNames.InOrder)
        {
            year._halfTerms.Add(HalfTerm.Create(school, year.Id, name, dates.HalfTerms[name]));
        }

        return year;
    }

    /// <summary>Moves the year's and half terms' dates. Closures already entered must still fall in term.</summary>
    public Outcome ChangeDates(AcademicYearDates dates, IEnumerable<AcademicYear> otherYears)
    {
        var errors = Check(dates, otherYears.Where(y => y.Id != Id), _closures);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        StartDate = dates.StartDate;
        EndDate = dates.EndDate;
        foreach (var halfTerm in _halfTerms)
        {
            halfTerm.Move(dates.HalfTerms[halfTerm.Name]);
        }

        return Outcome.Ok;
    }

    /// <summary>
    /// Closes the school on each weekday from <paramref name="first"/> to <paramref name="last"/>
    /// (both included; Saturdays and Sundays in between are skipped). Every such day must be in a
    /// half term of this year and not closed already.
    /// </summary>
    public Result<IReadOnlyList<ClosureDay>> AddClosures(DateOnly first, DateOnly? last, ClosureKind kind, string description)
    {
        var errors = new List<FieldError>();
        var text = description.Trim();
        if (text.Length == 0)
        {
            errors.Add(new FieldError("Description", "Enter a short description, for example \"Staff training\""));
        }
        else if (text.Length > ClosureDay.DescriptionMaxLength)
        {
            errors.Add(new FieldError("Description", $"The description must be {ClosureDay.DescriptionMaxLength} characters or fewer (it has {text.Length})"));
        }

        if (!Enum.IsDefined(kind))
        {
            errors.Add(new FieldError("Kind", "Choose the kind of closure from the list"));
        }

        var end = last ?? first;
        if (end < first)
        {
            errors.Add(new FieldError("LastDay", $"The last day of the closure must be on or after its first day ({SchoolDates.Long(first)})"));
            return new Error.Validation(errors);
        }

        if (end.DayNumber - first.DayNumber + 1 > MaxClosureDays)
        {
            errors.Add(new FieldError("LastDay", $"Add at most {MaxClosureDays} days at a time; add a longer closure in parts"));
            return new Error.Validation(errors);
        }

        var days = new DayRange(first, end).Days().Where(SchoolDates.IsWeekday).ToList();
        if (days.Count == 0)
        {
            errors.Add(new FieldError("FirstDay", first == end
                ? $"{SchoolDates.Long(first)} is a {first.DayOfWeek}; closure days are weekdays the school would otherwise be open"
                : $"{SchoolDates.Range(first, end)} is a weekend; closure days are weekdays the school would otherwise be open"));
        }

        foreach (var day in days)
        {
            if (!Dates.Contains(day))
            {
                errors.Add(new FieldError("FirstDay", $"{SchoolDates.Long(day)} is not in the {Name} academic year ({Dates}); add it to that year's calendar"));
                break;
            }

            if (HalfTermOf(day) is null)
            {
                errors.Add(new FieldError("FirstDay", $"{SchoolDates.Long(day)} is not in term time ({HolidayText(day)}), so the school is closed anyway; closures are only for days in a half term"));
                break;
            }

            if (_closures.FirstOrDefault(c => c.Date == day) is { } existing)
            {
                errors.Add(new FieldError("FirstDay", $"There is already a closure on {SchoolDates.Long(day)} ({existing.Description})"));
                break;
            }
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var added = days.Select(d => ClosureDay.Create(SchoolId, Id, d, kind, text)).ToList();
        _closures.AddRange(added);
        return added;
    }

    public Result<ClosureDay> RemoveClosure(ClosureDayId id)
    {
        var closure = _closures.FirstOrDefault(c => c.Id == id);
        if (closure is null)
        {
            return new Error.NotFound("That closure day was not found in this academic year.");
        }

        _closures.Remove(closure);
        return closure;
    }

    public HalfTerm? HalfTermOf(DateOnly date) => _halfTerms.FirstOrDefault(h => h.Dates.Contains(date));

    /// <summary>"the holiday between Autumn 1 and Autumn 2", "before Autumn 1 starts".</summary>
    private string HolidayText(DateOnly date)
    {
        var before = _halfTerms.Where(h => h.LastDay < date).MaxBy(h => h.LastDay);
        var after = _halfTerms.Where(h => h.FirstDay > date).MinBy(h => h.FirstDay);
        return (before, after) switch
        {
            ({ } b, { } a) => $"it is in the holiday between {b.Label} and {a.Label}",
            (null, { } a) => $"it is before {a.Label} starts",
            ({ } b, null) => $"it is after {b.Label} ends",
            _ => "it is in a holiday",
        };
    }

    /// <summary>The year's rules, each broken one named against the field to correct.</summary>
    private static List<FieldError> Check(AcademicYearDates dates, IEnumerable<AcademicYear> otherYears, IReadOnlyList<ClosureDay> closures)
    {
        var errors = new List<FieldError>();
        var (start, end) = (dates.StartDate, dates.EndDate);
        if (end <= start)
        {
            errors.Add(new FieldError("EndDate", $"The last day of the academic year must be after its first day ({SchoolDates.Long(start)})"));
            return errors;
        }

        if (end >= start.AddYears(1))
        {
            errors.Add(new FieldError("EndDate", $"An academic year can be at most a year long: end it by {SchoolDates.Long(start.AddYears(1).AddDays(-1))}"));
            return errors;
        }

        var year = new DayRange(start, end);
        HalfTermName? previous = null;
        DayRange? previousDates = null;
        foreach (var name in HalfTermNames.InOrder)
        {
            if (!dates.HalfTerms.TryGetValue(name, out var range))
            {
                errors.Add(new FieldError($"{name}First", $"Enter the dates of {HalfTermNames.Label(name)}"));
                continue;
            }

            var label = HalfTermNames.Label(name);
            var fieldErrors = errors.Count;
            if (range.LastDay < range.FirstDay)
            {
                errors.Add(new FieldError($"{name}Last", $"{label} must end on or after its first day ({SchoolDates.Long(range.FirstDay)})"));
            }
            else if (!year.Contains(range.FirstDay))
            {
                errors.Add(new FieldError($"{name}First", $"{label} must start within the academic year ({year})"));
            }
            else if (!year.Contains(range.LastDay))
            {
                errors.Add(new FieldError($"{name}Last", $"{label} must end within the academic year ({year})"));
            }
            else if (previousDates is { } p && range.FirstDay <= p.LastDay)
            {
                errors.Add(new FieldError($"{name}First", $"{label} must start after {HalfTermNames.Label(previous!.Value)} ends ({SchoolDates.Long(p.LastDay)})"));
            }
            else if (!range.Days().Any(SchoolDates.IsWeekday))
            {
                errors.Add(new FieldError($"{name}First", $"{label} ({range}) has no weekdays; a half term needs at least one school day"));
            }

            if (errors.Count == fieldErrors)
            {
                previous = name;
                previousDates = range;
            }
        }

        if (otherYears.FirstOrDefault(y => y.Dates.Overlaps(year)) is { } clash)
        {
            errors.Add(new FieldError("StartDate", $"These dates overlap the {clash.Name} academic year ({clash.Dates}); a school's academic years cannot overlap"));
        }

        if (errors.Count == 0)
        {
            foreach (var closure in closures.OrderBy(c => c.Date))
            {
                if (!dates.HalfTerms.Values.Any(r => r.Contains(closure.Date)))
                {
                    errors.Add(new FieldError("", $"The closure on {SchoolDates.Long(closure.Date)} ({closure.Description}) would no longer be in term; remove it first, or keep that day inside a half term"));
                }
            }
        }

        return errors;
    }
}

/// <summary>One of the year's six half terms, from its first to its last day (both included).</summary>
public sealed class HalfTerm : ISchoolOwned, IPartOfCalendar
{
    private HalfTerm()
    {
    }

    public HalfTermId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public AcademicYearId AcademicYearId { get; private set; }
    public HalfTermName Name { get; private set; }
    public DateOnly FirstDay { get; private set; }
    public DateOnly LastDay { get; private set; }

    public string Label => HalfTermNames.Label(Name);
    public TermName Term => HalfTermNames.TermOf(Name);
    public DayRange Dates => new(FirstDay, LastDay);

    internal static HalfTerm Create(SchoolId school, AcademicYearId year, HalfTermName name, DayRange dates) => new()
    {
        Id = HalfTermId.New(),
        SchoolId = school,
        AcademicYearId = year,
        Name = name,
        FirstDay = dates.FirstDay,
        LastDay = dates.LastDay,
    };

    internal void Move(DayRange dates)
    {
        FirstDay = dates.FirstDay;
        LastDay = dates.LastDay;
    }
}

/// <summary>A term: its two half terms, from the first day of the first to the last day of the second.</summary>
public sealed record Term(TermName Name, HalfTerm First, HalfTerm Second)
{
    public string Label => HalfTermNames.Label(Name);
    public DateOnly FirstDay => First.FirstDay;
    public DateOnly LastDay => Second.LastDay;
}

/// <summary>Why the school is closed on a day in term.</summary>
public enum ClosureKind
{
    /// <summary>A staff training day: staff in school, pupils not.</summary>
    InsetDay,

    /// <summary>A bank holiday that falls in term, e.g. the early May bank holiday.</summary>
    BankHoliday,

    /// <summary>Anything else: a polling day, building works, severe weather.</summary>
    OtherClosure,
}

internal static class ClosureKinds
{
    public static string Label(ClosureKind kind) => kind switch
    {
        ClosureKind.InsetDay => "INSET day",
        ClosureKind.BankHoliday => "Bank holiday",
        ClosureKind.OtherClosure => "Other closure",
    };
}

/// <summary>A weekday in a half term when the school is closed to pupils: no lessons and no therapy sessions.</summary>
public sealed class ClosureDay : ISchoolOwned, IPartOfCalendar
{
    public const int DescriptionMaxLength = 100;

    private ClosureDay()
    {
    }

    public ClosureDayId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public AcademicYearId AcademicYearId { get; private set; }
    public DateOnly Date { get; private set; }
    public ClosureKind Kind { get; private set; }
    public string Description { get; private set; } = "";

    internal static ClosureDay Create(SchoolId school, AcademicYearId year, DateOnly date, ClosureKind kind, string description) => new()
    {
        Id = ClosureDayId.New(),
        SchoolId = school,
        AcademicYearId = year,
        Date = date,
        Kind = kind,
        Description = description,
    };
}
