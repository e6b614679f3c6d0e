using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Tests.Schools;

/// <summary>The calendar records a test school owns, for route samples.</summary>
public sealed record TestCalendar(AcademicYearId YearId, ClosureDayId ClosureId, LessonPeriodId PeriodId);

/// <summary>
/// Term dates the calendar tests use. 2026/27 (Hollybrook's): Autumn 1 Tue 1 Sep – Fri 23 Oct 2026,
/// Autumn 2 Mon 2 Nov – Fri 18 Dec, Spring 1 Mon 4 Jan – Fri 12 Feb 2027, Spring 2 Mon 22 Feb –
/// Thu 25 Mar, Summer 1 Mon 12 Apr – Fri 28 May, Summer 2 Mon 7 Jun – Wed 21 Jul 2027; INSET on
/// Tue 1 Sep 2026, early May bank holiday Mon 3 May 2027. 2027/28 starts on Wed 1 Sep 2027.
/// </summary>
public static class CalendarTestData
{
    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    public static AcademicYearDates Dates2026 => new(D(2026, 9, 1), D(2027, 8, 31), new Dictionary<HalfTermName, DayRange>
    {
        [HalfTermName.Autumn1] = new(D(2026, 9, 1), D(2026, 10, 23)),
        [HalfTermName.Autumn2] = new(D(2026, 11, 2), D(2026, 12, 18)),
        [HalfTermName.Spring1] = new(D(2027, 1, 4), D(2027, 2, 12)),
        [HalfTermName.Spring2] = new(D(2027, 2, 22), D(2027, 3, 25)),
        [HalfTermName.Summer1] = new(D(2027, 4, 12), D(2027, 5, 28)),
        [HalfTermName.Summer2] = new(D(2027, 6, 7), D(2027, 7, 21)),
    });

    public static AcademicYearDates Dates2027 => new(D(2027, 9, 1), D(2028, 8, 31), new Dictionary<HalfTermName, DayRange>
    {
        [HalfTermName.Autumn1] = new(D(2027, 9, 1), D(2027, 10, 22)),
        [HalfTermName.Autumn2] = new(D(2027, 11, 1), D(2027, 12, 17)),
        [HalfTermName.Spring1] = new(D(2028, 1, 4), D(2028, 2, 11)),
        [HalfTermName.Spring2] = new(D(2028, 2, 21), D(2028, 4, 7)),
        [HalfTermName.Summer1] = new(D(2028, 4, 24), D(2028, 5, 26)),
        [HalfTermName.Summer2] = new(D(2028, 6, 5), D(2028, 7, 21)),
    });

    /// <summary>2026/27 with its INSET day and the early May bank holiday.</summary>
    public static AcademicYear Year2026(SchoolId school)
    {
        var year = AcademicYear.Create(school, Dates2026, []).Value;
        _ = year.AddClosures(D(2026, 9, 1), null, ClosureKind.InsetDay, "Staff training").Value;
        _ = year.AddClosures(D(2027, 5, 3), null, ClosureKind.BankHoliday, "Early May bank holiday").Value;
        return year;
    }

    public static AcademicYear Year2027(SchoolId school) => AcademicYear.Create(school, Dates2027, []).Value;

    public static LessonPeriod Period(SchoolId school, string name, int startHour, int startMinute, int endHour, int endMinute, DayOfWeek? day = null, bool teaching = true) =>
        LessonPeriod.Create(school, new LessonPeriodDetails(name, day, new TimeOnly(startHour, startMinute), new TimeOnly(endHour, endMinute), teaching), []).Value;

    /// <summary>A calendar built from 2026/27 (and 2027/28 when asked), with no database.</summary>
    public static SchoolCalendar Calendar(bool withNextYear = false, Action<AcademicYear>? adjust = null)
    {
        var school = SchoolId.New();
        var year = Year2026(school);
        adjust?.Invoke(year);
        return new SchoolCalendar(withNextYear ? [year, Year2027(school)] : [year], [Period(school, "Period 1", 9, 0, 9, 55)], SchoolTime.London);
    }

    /// <summary>Gives a test school its 2026/27 calendar and a lesson period (called from <c>TestSchool.CreateAsync</c>).</summary>
    public static TestCalendar AddTo(SecureBaseDb db, SchoolId school)
    {
        var year = Year2026(school);
        var period = Period(school, "Period 1", 9, 0, 9, 55);
        db.AcademicYears.Add(year);
        db.LessonPeriods.Add(period);
        return new TestCalendar(year.Id, year.Closures[0].Id, period.Id);
    }

    /// <summary>Closes a day (or days, to <paramref name="to"/>) of the test school's 2026/27 year and saves it, as the office would.</summary>
    public static async Task CloseAsync(Support.TestApp app, Support.TestSchool school, DateOnly day, ClosureKind kind, string description, DateOnly? to = null)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var year = await db.AcademicYears.Include(y => y.HalfTerms).Include(y => y.Closures).SingleAsync(y => y.Id == school.Calendar.YearId);
        year.AddClosures(day, to, kind, description).IsSuccess.ShouldBeTrue();
        await db.SaveChangesAsync();
    }
}
