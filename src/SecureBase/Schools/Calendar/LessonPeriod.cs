using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Schools;

/// <summary>What an administrator types for a lesson period; Day is a weekday, or null for every weekday (Monday to Friday).</summary>
public sealed record LessonPeriodDetails(string Name, DayOfWeek? Day, TimeOnly Start, TimeOnly End, bool IsTeaching);

/// <summary>
/// A slot of the school's weekly lesson timetable: "Period 1" 09:00–09:55 every weekday, "Break",
/// "Lunch", or a period on one day only. Times are the school's local (wall-clock) time, so
/// Period 1 starts at 09:00 in both GMT and BST. Teaching periods are what later decide a pupil's
/// protected lessons; all periods give the scheduler its slots.
/// </summary>
public sealed class LessonPeriod : ISchoolOwned, IPartOfCalendar
{
    public const int NameMaxLength = 40;

    /// <summary>The earliest a period may start and the latest it may end: breakfast club to after-school club.</summary>
    public static readonly TimeOnly DayOpens = new(6, 0);

    public static readonly TimeOnly DayCloses = new(21, 0);

    private LessonPeriod()
    {
    }

    public LessonPeriodId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The one weekday the period is on, or null when it is on every weekday.</summary>
    public DayOfWeek? Day { get; private set; }

    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }

    /// <summary>Lesson time (Period 1), as opposed to registration, break or lunch.</summary>
    public bool IsTeaching { get; private set; }

    public string DaysText => Day is { } d ? d.ToString() : "Every weekday";

    public string TimesText => $"{SchoolDates.Time(Start)}–{SchoolDates.Time(End)}";

    public bool IsOn(DayOfWeek day) => Day is { } d ? d == day : SchoolDates.IsWeekday(day);

    public static Result<LessonPeriod> Create(SchoolId school, LessonPeriodDetails details, IEnumerable<LessonPeriod> existing)
    {
        var period = new LessonPeriod { Id = LessonPeriodId.New(), SchoolId = school };
        var outcome = period.Change(details, existing);
        return outcome.IsSuccess ? period : outcome.Error!;
    }

    /// <summary>Changes the period; it may not overlap another period on any day they share.</summary>
    public Outcome Change(LessonPeriodDetails details, IEnumerable<LessonPeriod> others)
    {
        var errors = new List<FieldError>();
        var name = details.Name.Trim();
        if (name.Length == 0)
        {
            errors.Add(new FieldError("Name", "Enter the name of the period, for example \"Period 1\" or \"Lunch\""));
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add(new FieldError("Name", $"The name must be {NameMaxLength} characters or fewer (it has {name.Length})"));
        }

        if (details.Day is { } day && (!Enum.IsDefined(day) || !SchoolDates.IsWeekday(day)))
        {
            errors.Add(new FieldError("Day", "Choose a weekday, Monday to Friday, or every weekday"));
        }

        if (details.Start < DayOpens)
        {
            errors.Add(new FieldError("Start", $"A period cannot start before {SchoolDates.Time(DayOpens)}"));
        }

        if (details.End <= details.Start)
        {
            errors.Add(new FieldError("End", $"The period must end after it starts ({SchoolDates.Time(details.Start)})"));
        }
        else if (details.End > DayCloses)
        {
            errors.Add(new FieldError("End", $"A period must end by {SchoolDates.Time(DayCloses)}"));
        }

        if (errors.Count == 0)
        {
            var candidate = new LessonPeriod { Day = details.Day, Start = details.Start, End = details.End };
            foreach (var other in others.Where(o => o.Id != Id).OrderBy(o => o.Start))
            {
                if (candidate.SharedDay(other) is { } shared && details.Start < other.End && other.Start < details.End)
                {
                    errors.Add(new FieldError("Start",
                        $"{name} ({candidate.TimesText}) overlaps {other.Name} ({other.TimesText}) on {shared}; periods on the same day cannot overlap"));
                    break;
                }
            }
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        Name = name;
        Day = details.Day;
        Start = details.Start;
        End = details.End;
        IsTeaching = details.IsTeaching;
        return Outcome.Ok;
    }

    /// <summary>"Monday", "every weekday", or null when the two periods are never on the same day.</summary>
    private string? SharedDay(LessonPeriod other) => (Day, other.Day) switch
    {
        (null, null) => "every weekday",
        (null, { } d) => d.ToString(),
        ({ } d, null) => d.ToString(),
        ({ } a, { } b) => a == b ? a.ToString() : null,
    };
}
