using System.ComponentModel.DataAnnotations;
using SecureBase.Common;

namespace SecureBase.Schools;

/// <summary>Names of the calendar's audited changes, as they appear in the audit log.</summary>
internal static class CalendarAuditActions
{
    public const string YearAdded = "calendar.year-added";
    public const string YearChanged = "calendar.year-changed";
    public const string YearRemoved = "calendar.year-removed";
    public const string ClosureAdded = "calendar.closure-added";
    public const string ClosureRemoved = "calendar.closure-removed";
    public const string PeriodAdded = "calendar.period-added";
    public const string PeriodChanged = "calendar.period-changed";
    public const string PeriodRemoved = "calendar.period-removed";
}

/// <summary>
/// Checks an input object's DataAnnotations the way a form does, for the API, so both give the
/// same messages. Field names are the input's property names.
/// </summary>
public static class InputRules
{
    public static List<FieldError> Check(object input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        return results.SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => new FieldError(m, r.ErrorMessage ?? "This is not right"))).ToList();
    }
}

/// <summary>An academic year's dates as typed: the year's first and last days and the six half terms. Shared by the form and the API.</summary>
public sealed class AcademicYearInput
{
    [Display(Name = "The first day of the academic year")] [Needed] [SchoolText(40)]
    public string? StartDate { get; set; }

    [Display(Name = "The last day of the academic year")] [Needed] [SchoolText(40)]
    public string? EndDate { get; set; }

    [Display(Name = "The first day of Autumn 1")] [Needed] [SchoolText(40)]
    public string? Autumn1First { get; set; }

    [Display(Name = "The last day of Autumn 1")] [Needed] [SchoolText(40)]
    public string? Autumn1Last { get; set; }

    [Display(Name = "The first day of Autumn 2")] [Needed] [SchoolText(40)]
    public string? Autumn2First { get; set; }

    [Display(Name = "The last day of Autumn 2")] [Needed] [SchoolText(40)]
    public string? Autumn2Last { get; set; }

    [Display(Name = "The first day of Spring 1")] [Needed] [SchoolText(40)]
    public string? Spring1First { get; set; }

    [Display(Name = "The last day of Spring 1")] [Needed] [SchoolText(40)]
    public string? Spring1Last { get; set; }

    [Display(Name = "The first day of Spring 2")] [Needed] [SchoolText(40)]
    public string? Spring2First { get; set; }

    [Display(Name = "The last day of Spring 2")] [Needed] [SchoolText(40)]
    public string? Spring2Last { get; set; }

    [Display(Name = "The first day of Summer 1")] [Needed] [SchoolText(40)]
    public string? Summer1First { get; set; }

    [Display(Name = "The last day of Summer 1")] [Needed] [SchoolText(40)]
    public string? Summer1Last { get; set; }

    [Display(Name = "The first day of Summer 2")] [Needed] [SchoolText(40)]
    public string? Summer2First { get; set; }

    [Display(Name = "The last day of Summer 2")] [Needed] [SchoolText(40)]
    public string? Summer2Last { get; set; }

    public static AcademicYearInput From(AcademicYear year)
    {
        var input = new AcademicYearInput { StartDate = Iso(year.StartDate), EndDate = Iso(year.EndDate) };
        foreach (var h in year.HalfTerms)
        {
            input.Set(h.Name, Iso(h.FirstDay), Iso(h.LastDay));
        }

        return input;
    }

    /// <summary>The usual English year after the latest one entered: 1 September to 31 August, half terms left to fill in.</summary>
    public static AcademicYearInput Suggest(DateOnly today, IEnumerable<AcademicYear> years)
    {
        var latest = years.MaxBy(y => y.StartDate);
        var startYear = latest is not null ? latest.EndDate.AddDays(1).Year : (today.Month >= 8 ? today.Year : today.Year - 1);
        return new AcademicYearInput { StartDate = Iso(new DateOnly(startYear, 9, 1)), EndDate = Iso(new DateOnly(startYear + 1, 8, 31)) };
    }

    public (string? First, string? Last) Get(HalfTermName name) => name switch
    {
        HalfTermName.Autumn1 => (Autumn1First, Autumn1Last),
        HalfTermName.Autumn2 => (Autumn2First, Autumn2Last),
        HalfTermName.Spring1 => (Spring1First, Spring1Last),
        HalfTermName.Spring2 => (Spring2First, Spring2Last),
        HalfTermName.Summer1 => (Summer1First, Summer1Last),
        HalfTermName.Summer2 => (Summer2First, Summer2Last),
    };

    private void Set(HalfTermName name, string first, string last)
    {
        switch (name)
        {
            case HalfTermName.Autumn1: (Autumn1First, Autumn1Last) = (first, last); break;
            case HalfTermName.Autumn2: (Autumn2First, Autumn2Last) = (first, last); break;
            case HalfTermName.Spring1: (Spring1First, Spring1Last) = (first, last); break;
            case HalfTermName.Spring2: (Spring2First, Spring2Last) = (first, last); break;
            case HalfTermName.Summer1: (Summer1First, Summer1Last) = (first, last); break;
            case HalfTermName.Summer2: (Summer2First, Summer2Last) = (first, last); break;
        }
    }

    /// <summary>The typed dates, or a message for each one that is not a date (the field rules have run already).</summary>
    public Result<AcademicYearDates> ToDates()
    {
        var errors = new List<FieldError>();
        var start = Date(StartDate, nameof(StartDate), "The first day of the academic year", errors);
        var end = Date(EndDate, nameof(EndDate), "The last day of the academic year", errors);
        var halfTerms = new Dictionary<HalfTermName, DayRange>();
        foreach (var name in HalfTermNames.InOrder)
        {
            var (first, last) = Get(name);
            var label = HalfTermNames.Label(name);
            var f = Date(first, $"{name}First", $"The first day of {label}", errors);
            var l = Date(last, $"{name}Last", $"The last day of {label}", errors);
            if (f is { } fd && l is { } ld)
            {
                halfTerms[name] = new DayRange(fd, ld);
            }
        }

        return errors.Count > 0 ? new Error.Validation(errors) : new AcademicYearDates(start!.Value, end!.Value, halfTerms);
    }

    internal static DateOnly? Date(string? text, string field, string label, List<FieldError> errors)
    {
        if (SchoolDates.TryParseDate(text, out var date))
        {
            return date;
        }

        errors.Add(new FieldError(field, string.IsNullOrWhiteSpace(text)
            ? $"Enter {char.ToLowerInvariant(label[0])}{label[1..]}"
            : $"{label} must be a real date, for example 2 September 2026"));
        return null;
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", SchoolDates.English);
}

/// <summary>One closure day, or a run of them, as typed. Shared by the form and the API.</summary>
public sealed class ClosureInput
{
    [Display(Name = "The first day of the closure")] [Needed] [SchoolText(40)]
    public string? FirstDay { get; set; }

    /// <summary>Only for a closure of several days; empty for one day.</summary>
    [Display(Name = "The last day of the closure")] [SchoolText(40)]
    public string? LastDay { get; set; }

    [Display(Name = "The kind of closure")] [SchoolText(20)]
    public string? Kind { get; set; }

    [Display(Name = "The description")] [Needed] [SchoolText(ClosureDay.DescriptionMaxLength)]
    public string? Description { get; set; }

    public Result<(DateOnly First, DateOnly? Last, ClosureKind Kind, string Description)> ToClosure()
    {
        var errors = new List<FieldError>();
        var first = AcademicYearInput.Date(FirstDay, nameof(FirstDay), "The first day of the closure", errors);
        DateOnly? last = string.IsNullOrWhiteSpace(LastDay) ? null : AcademicYearInput.Date(LastDay, nameof(LastDay), "The last day of the closure", errors);
        if (!Enum.TryParse<ClosureKind>(Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(Kind, out _))
        {
            errors.Add(new FieldError(nameof(Kind), "Choose the kind of closure from the list"));
        }

        return errors.Count > 0 ? new Error.Validation(errors) : (first!.Value, last, kind, TextRules.Tidy(Description) ?? "");
    }
}

/// <summary>A lesson period as typed. Shared by the form and the API.</summary>
public sealed class LessonPeriodInput
{
    public const string EveryWeekday = "";

    [Display(Name = "The name of the period")] [Needed] [SchoolText(LessonPeriod.NameMaxLength)]
    public string? Name { get; set; }

    /// <summary>Monday to Friday, or empty for every weekday.</summary>
    [Display(Name = "The day")] [SchoolText(20)]
    public string? Day { get; set; }

    [Display(Name = "The start time")] [Needed] [SchoolText(20)]
    public string? Start { get; set; }

    [Display(Name = "The end time")] [Needed] [SchoolText(20)]
    public string? End { get; set; }

    /// <summary>Lesson time rather than registration, break or lunch.</summary>
    [Display(Name = "Teaching time")]
    public bool IsTeaching { get; set; } = true;

    public static LessonPeriodInput From(LessonPeriod p) => new()
    {
        Name = p.Name,
        Day = p.Day?.ToString() ?? EveryWeekday,
        Start = SchoolDates.Time(p.Start),
        End = SchoolDates.Time(p.End),
        IsTeaching = p.IsTeaching,
    };

    public Result<LessonPeriodDetails> ToDetails()
    {
        var errors = new List<FieldError>();
        DayOfWeek? day = null;
        if (!string.IsNullOrWhiteSpace(Day))
        {
            if (Enum.TryParse<DayOfWeek>(Day.Trim(), ignoreCase: true, out var d) && !int.TryParse(Day, out _) && SchoolDates.IsWeekday(d))
            {
                day = d;
            }
            else
            {
                errors.Add(new FieldError(nameof(Day), "Choose a weekday, Monday to Friday, or every weekday"));
            }
        }

        var start = Time(Start, nameof(Start), "The start time", errors);
        var end = Time(End, nameof(End), "The end time", errors);
        return errors.Count > 0 ? new Error.Validation(errors) : new LessonPeriodDetails(TextRules.Tidy(Name) ?? "", day, start!.Value, end!.Value, IsTeaching);
    }

    private static TimeOnly? Time(string? text, string field, string label, List<FieldError> errors)
    {
        if (SchoolDates.TryParseTime(text, out var time))
        {
            return time;
        }

        errors.Add(new FieldError(field, $"{label} must be a time of day, for example 09:00 or 13:45"));
        return null;
    }
}
