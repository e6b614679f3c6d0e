using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Demo;

/// <summary>
/// The demo schools' calendars: 2025/26 and 2026/27 in the English pattern (autumn from early
/// September, half terms in late October and February, Christmas and Easter holidays, the May half
/// term in the week of the Spring bank holiday, summer from late July), with INSET days and the
/// early May bank holiday, which falls in term; Christmas, New Year, Good Friday, Easter Monday and
/// the Spring bank holiday fall in holidays. Hollybrook is an academy and sets its own dates, which
/// differ slightly from Meadowside's local-authority calendar. Each year has 190 days for pupils,
/// as English maintained schools do.
/// </summary>
internal static class DemoCalendar
{
    public static void AddTo(SecureBaseDb db, SchoolId school, bool hollybrook)
    {
        db.AcademicYears.AddRange(YearsFor(school, hollybrook));
        db.LessonPeriods.AddRange(PeriodsFor(school, hollybrook));
    }

    /// <summary>The academic years the demo gives a school (Hollybrook's or Meadowside's dates).</summary>
    public static IReadOnlyList<AcademicYear> YearsFor(SchoolId school, bool hollybrook) => (hollybrook ? Hollybrook(school) : Meadowside(school)).ToList();

    /// <summary>The demo lesson timetable of a school.</summary>
    public static IReadOnlyList<LessonPeriod> PeriodsFor(SchoolId school, bool hollybrook)
    {
        var periods = new List<LessonPeriod>();
        foreach (var (name, day, start, end, teaching) in hollybrook ? HollybrookDay : MeadowsideDay)
        {
            periods.Add(LessonPeriod.Create(school, new LessonPeriodDetails(name, day, start, end, teaching), periods).Value);
        }

        return periods;
    }

    private static IEnumerable<AcademicYear> Hollybrook(SchoolId school)
    {
        var y2025 = Year(school, new(2025, 9, 1), new(2026, 8, 31),
            (new(2025, 9, 2), new(2025, 10, 24)), (new(2025, 11, 3), new(2025, 12, 19)),
            (new(2026, 1, 5), new(2026, 2, 13)), (new(2026, 2, 23), new(2026, 3, 27)),
            (new(2026, 4, 13), new(2026, 5, 22)), (new(2026, 6, 1), new(2026, 7, 21)));
        Close(y2025, ClosureKind.InsetDay, "Staff training", D(2025, 9, 2), D(2025, 11, 3), D(2026, 1, 5), D(2026, 2, 13), D(2026, 7, 21));
        Close(y2025, ClosureKind.BankHoliday, "Early May bank holiday", D(2026, 5, 4));

        var y2026 = Year(school, new(2026, 9, 1), new(2027, 8, 31),
            (new(2026, 9, 1), new(2026, 10, 23)), (new(2026, 11, 2), new(2026, 12, 18)),
            (new(2027, 1, 4), new(2027, 2, 12)), (new(2027, 2, 22), new(2027, 3, 25)),
            (new(2027, 4, 12), new(2027, 5, 28)), (new(2027, 6, 7), new(2027, 7, 21)));
        Close(y2026, ClosureKind.InsetDay, "Staff training", D(2026, 9, 1), D(2026, 9, 2), D(2026, 11, 2), D(2027, 1, 4));
        Close(y2026, ClosureKind.InsetDay, "Staff training: safeguarding update", D(2027, 6, 7));
        Close(y2026, ClosureKind.BankHoliday, "Early May bank holiday", D(2027, 5, 3));
        return [y2025, y2026];
    }

    private static IEnumerable<AcademicYear> Meadowside(SchoolId school)
    {
        var y2025 = Year(school, new(2025, 9, 1), new(2026, 8, 31),
            (new(2025, 9, 3), new(2025, 10, 24)), (new(2025, 11, 3), new(2025, 12, 19)),
            (new(2026, 1, 5), new(2026, 2, 13)), (new(2026, 2, 23), new(2026, 3, 27)),
            (new(2026, 4, 13), new(2026, 5, 22)), (new(2026, 6, 1), new(2026, 7, 21)));
        Close(y2025, ClosureKind.InsetDay, "Staff training", D(2025, 9, 3), D(2025, 10, 24), D(2026, 1, 5), D(2026, 6, 1));
        Close(y2025, ClosureKind.BankHoliday, "Early May bank holiday", D(2026, 5, 4));

        var y2026 = Year(school, new(2026, 9, 1), new(2027, 8, 31),
            (new(2026, 9, 2), new(2026, 10, 23)), (new(2026, 11, 2), new(2026, 12, 18)),
            (new(2027, 1, 4), new(2027, 2, 12)), (new(2027, 2, 22), new(2027, 3, 25)),
            (new(2027, 4, 12), new(2027, 5, 28)), (new(2027, 6, 7), new(2027, 7, 23)));
        Close(y2026, ClosureKind.InsetDay, "Staff training", D(2026, 9, 2), D(2027, 1, 4), D(2027, 7, 22), D(2027, 7, 23));
        Close(y2026, ClosureKind.InsetDay, "Cluster training day with Riverside schools", D(2026, 11, 27));
        Close(y2026, ClosureKind.BankHoliday, "Early May bank holiday", D(2027, 5, 3));
        Close(y2026, ClosureKind.OtherClosure, "Polling station in the school hall", D(2027, 5, 6));
        return [y2025, y2026];
    }

    // Secondary: registration, six periods of 50-55 minutes, break and lunch, to 15:20.
    private static readonly (string, DayOfWeek?, TimeOnly, TimeOnly, bool)[] HollybrookDay =
    [
        ("Registration", null, new(8, 45), new(9, 0), false),
        ("Period 1", null, new(9, 0), new(9, 55), true),
        ("Period 2", null, new(9, 55), new(10, 50), true),
        ("Break", null, new(10, 50), new(11, 10), false),
        ("Period 3", null, new(11, 10), new(12, 5), true),
        ("Period 4", null, new(12, 5), new(13, 0), true),
        ("Lunch", null, new(13, 0), new(13, 40), false),
        ("Period 5", null, new(13, 40), new(14, 30), true),
        ("Period 6", null, new(14, 30), new(15, 20), true),
    ];

    // Primary: a morning of literacy and maths, assembly, afternoon lessons; Friday ends with a celebration assembly.
    private static readonly (string, DayOfWeek?, TimeOnly, TimeOnly, bool)[] MeadowsideDay =
    [
        ("Registration", null, new(8, 50), new(9, 0), false),
        ("Lesson 1", null, new(9, 0), new(10, 0), true),
        ("Assembly", null, new(10, 0), new(10, 20), false),
        ("Break", null, new(10, 20), new(10, 35), false),
        ("Lesson 2", null, new(10, 35), new(11, 35), true),
        ("Lesson 3", null, new(11, 35), new(12, 15), true),
        ("Lunch", null, new(12, 15), new(13, 15), false),
        ("Lesson 4", null, new(13, 15), new(14, 15), true),
        ("Lesson 5", DayOfWeek.Monday, new(14, 15), new(15, 15), true),
        ("Lesson 5", DayOfWeek.Tuesday, new(14, 15), new(15, 15), true),
        ("Lesson 5", DayOfWeek.Wednesday, new(14, 15), new(15, 15), true),
        ("Lesson 5", DayOfWeek.Thursday, new(14, 15), new(15, 15), true),
        ("Lesson 5", DayOfWeek.Friday, new(14, 15), new(14, 45), true),
        ("Celebration assembly", DayOfWeek.Friday, new(14, 45), new(15, 15), false),
    ];

    private static AcademicYear Year(SchoolId school, DateOnly start, DateOnly end, params (DateOnly First, DateOnly Last)[] halfTerms)
    {
        var dates = new AcademicYearDates(start, end, HalfTermNames.InOrder.Zip(halfTerms).ToDictionary(x => x.First, x => new DayRange(x.Second.First, x.Second.Last)));
        return AcademicYear.Create(school, dates, []).Value;
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static void Close(AcademicYear year, ClosureKind kind, string description, params DateOnly[] days)
    {
        foreach (var day in days)
        {
            _ = year.AddClosures(day, null, kind, description).Value;
        }
    }
}
