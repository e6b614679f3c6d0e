using SecureBase.Common;
using SecureBase.Demo;
using SecureBase.Schools;
using static SecureBase.Tests.Schools.CalendarTestData;

namespace SecureBase.Tests.Schools;

/// <summary>The calendar's computations, on the 2026/27 dates in <see cref="CalendarTestData"/>; no database.</summary>
public sealed class CalendarComputationTests
{
    [Theory]
    [InlineData("2026-09-01", HalfTermName.Autumn1)] // first day, an INSET day: in the half term all the same
    [InlineData("2026-10-23", HalfTermName.Autumn1)] // last day
    [InlineData("2026-09-05", HalfTermName.Autumn1)] // a Saturday in term
    [InlineData("2026-11-02", HalfTermName.Autumn2)]
    [InlineData("2026-12-18", HalfTermName.Autumn2)]
    [InlineData("2027-03-25", HalfTermName.Spring2)]
    [InlineData("2027-05-03", HalfTermName.Summer1)] // the bank holiday closure
    [InlineData("2027-07-21", HalfTermName.Summer2)]
    public void HalfTermOf_ADateInTerm_IsItsHalfTerm_FirstAndLastDaysIncluded(string date, HalfTermName expected)
    {
        Calendar().HalfTermOf(DateOnly.Parse(date, SchoolDates.English))!.Name.ShouldBe(expected);
    }

    [Theory]
    [InlineData("2026-08-31")] // before the year starts
    [InlineData("2026-10-24")] // the Saturday after Autumn 1
    [InlineData("2026-10-28")] // October half term
    [InlineData("2026-12-25")] // Christmas
    [InlineData("2027-02-15")] // February half term
    [InlineData("2027-03-26")] // Good Friday, in the Easter holiday
    [InlineData("2027-05-31")] // Spring bank holiday, in the May half term
    [InlineData("2027-07-22")] // summer holiday, still in the academic year
    [InlineData("2027-09-06")] // a year not entered yet
    public void HalfTermOf_AHolidayOrAnUnknownYear_IsNone(string date)
    {
        var calendar = Calendar();
        var day = DateOnly.Parse(date, SchoolDates.English);
        calendar.HalfTermOf(day).ShouldBeNull();
        calendar.IsSchoolDay(day).ShouldBeFalse();
    }

    [Fact]
    public void IsSchoolDay_IsAWeekdayInAHalfTermThatIsNotAClosure()
    {
        var calendar = Calendar();
        calendar.IsSchoolDay(D(2026, 9, 2)).ShouldBeTrue("the first day pupils are in");
        calendar.IsSchoolDay(D(2026, 10, 23)).ShouldBeTrue("the last day of Autumn 1");
        calendar.IsSchoolDay(D(2026, 9, 1)).ShouldBeFalse("an INSET day");
        calendar.IsSchoolDay(D(2027, 5, 3)).ShouldBeFalse("the early May bank holiday");
        calendar.IsSchoolDay(D(2026, 9, 5)).ShouldBeFalse("a Saturday in term");
        calendar.ClosureOn(D(2027, 5, 3))!.Kind.ShouldBe(ClosureKind.BankHoliday);
    }

    [Fact]
    public void Terms_RunFromTheFirstDayOfTheirFirstHalfTermToTheLastDayOfTheirSecond()
    {
        var terms = Calendar().Years.Single().Terms;
        terms.Select(t => (t.Name, t.FirstDay, t.LastDay)).ShouldBe(
        [
            (TermName.Autumn, D(2026, 9, 1), D(2026, 12, 18)),
            (TermName.Spring, D(2027, 1, 4), D(2027, 3, 25)),
            (TermName.Summer, D(2027, 4, 12), D(2027, 7, 21)),
        ]);
        Calendar().Years.Single().Name.ShouldBe("2026/27");
    }

    [Fact]
    public void SchoolWeeksBetween_IncludesBothEnds_AndSkipsTheHalfTermHoliday()
    {
        var calendar = Calendar();
        calendar.SchoolWeeksBetween(D(2026, 10, 21), D(2026, 11, 4)).Select(w => w.Monday).ShouldBe([D(2026, 10, 19), D(2026, 11, 2)]);
        calendar.SchoolWeeksBetween(D(2026, 10, 23), D(2026, 11, 2)).Count.ShouldBe(2, "Friday before and Monday after half term: both ends count");
        calendar.SchoolWeeksBetween(D(2026, 10, 24), D(2026, 11, 1)).ShouldBeEmpty("only the half-term holiday lies between");
        calendar.SchoolWeeksBetween(D(2026, 10, 19), D(2026, 10, 19)).Count.ShouldBe(1, "a single school day is a week");
        calendar.SchoolWeeksBetween(D(2026, 11, 4), D(2026, 10, 21)).ShouldBeEmpty("an end before the start is nothing");
        calendar.SchoolWeeksBetween(D(2026, 9, 1), D(2026, 12, 18)).Count.ShouldBe(15, "the autumn term: 8 weeks, then 7");
    }

    [Fact]
    public void SchoolWeeksBetween_SkipsAWeekWhollyClosed_ButCountsAWeekWithOneClosureDay()
    {
        var calendar = Calendar(adjust: y => y.AddClosures(D(2026, 11, 9), D(2026, 11, 13), ClosureKind.OtherClosure, "Heating failure").Value.Count.ShouldBe(5));
        calendar.SchoolWeeksBetween(D(2026, 11, 2), D(2026, 11, 20)).Select(w => w.Monday).ShouldBe([D(2026, 11, 2), D(2026, 11, 16)]);
        calendar.WeekOf(D(2026, 11, 11)).ShouldBeNull();

        var bankHolidayWeek = calendar.WeekOf(D(2027, 5, 5))!;
        bankHolidayWeek.Monday.ShouldBe(D(2027, 5, 3));
        bankHolidayWeek.SchoolDays.Count.ShouldBe(4, "Tuesday to Friday, after the bank holiday Monday");
        bankHolidayWeek.HalfTerm.Name.ShouldBe(HalfTermName.Summer1);
        calendar.SchoolWeeksBetween(D(2027, 4, 26), D(2027, 5, 14)).Count.ShouldBe(3);

        var firstWeek = calendar.WeekOf(D(2026, 9, 1))!;
        firstWeek.Monday.ShouldBe(D(2026, 8, 31), "the week the year starts in begins on the Monday before");
        firstWeek.SchoolDays.ShouldBe([D(2026, 9, 2), D(2026, 9, 3), D(2026, 9, 4)]);
    }

    [Fact]
    public void NthSchoolWeek_OfAnEpisodeStartingTheWeekBeforeHalfTerm_HasWeekTwoAfterTheHoliday()
    {
        var calendar = Calendar();
        calendar.NthSchoolWeek(D(2026, 10, 19), 1)!.Monday.ShouldBe(D(2026, 10, 19));
        calendar.NthSchoolWeek(D(2026, 10, 19), 2)!.Monday.ShouldBe(D(2026, 11, 2));
        calendar.NthSchoolWeek(D(2026, 10, 22), 2)!.Monday.ShouldBe(D(2026, 11, 2), "a Thursday start still makes that week week 1");
        calendar.NthSchoolWeek(D(2026, 10, 27), 1)!.Monday.ShouldBe(D(2026, 11, 2), "starting in the holiday, week 1 is the first week back");
        calendar.NthSchoolWeek(D(2026, 10, 24), 1)!.Monday.ShouldBe(D(2026, 11, 2), "a Saturday start: that week has no school day left");

        // A 12-week cycle from 2 November: 7 weeks of Autumn 2, the Christmas holiday skipped, 5 of Spring 1.
        calendar.NthSchoolWeek(D(2026, 11, 2), 12)!.Monday.ShouldBe(D(2027, 2, 1));
        calendar.NthSchoolWeek(D(2026, 11, 2), 6)!.ToString().ShouldBe("week beginning Monday 7 December 2026");
        Should.Throw<ArgumentOutOfRangeException>(() => calendar.NthSchoolWeek(D(2026, 11, 2), 0));
    }

    [Fact]
    public void NthSchoolWeek_AcrossTheSummer_NeedsNextYearsDates_AndSkipsTheHoliday()
    {
        var thisYearOnly = Calendar();
        thisYearOnly.NthSchoolWeek(D(2027, 7, 12), 2)!.Monday.ShouldBe(D(2027, 7, 19), "the last week: Monday to Wednesday");
        thisYearOnly.NthSchoolWeek(D(2027, 7, 12), 3).ShouldBeNull("next year's dates are not known yet");

        var bothYears = Calendar(withNextYear: true);
        var third = bothYears.NthSchoolWeek(D(2027, 7, 12), 3)!;
        third.Monday.ShouldBe(D(2027, 8, 30));
        third.SchoolDays.First().ShouldBe(D(2027, 9, 1), "2027/28 starts on a Wednesday");
        third.HalfTerm.Name.ShouldBe(HalfTermName.Autumn1);
        bothYears.SchoolWeekNumber(D(2027, 7, 12), D(2027, 9, 8)).ShouldBe(4);
        bothYears.SchoolWeeksBetween(D(2027, 7, 1), D(2027, 9, 10)).Count.ShouldBe(6, "4 in July (from Thursday 1st), 2 in September");
    }

    [Fact]
    public void SchoolWeekNumber_IsTheInverseOfNthSchoolWeek()
    {
        var calendar = Calendar();
        var start = D(2026, 10, 19);
        calendar.SchoolWeekNumber(start, D(2026, 10, 23)).ShouldBe(1);
        calendar.SchoolWeekNumber(start, D(2026, 11, 4)).ShouldBe(2);
        calendar.SchoolWeekNumber(start, D(2026, 11, 8)).ShouldBe(2, "the Sunday belongs to its week");
        calendar.SchoolWeekNumber(start, D(2026, 10, 28)).ShouldBeNull("half term is no school week");
        calendar.SchoolWeekNumber(start, D(2026, 10, 12)).ShouldBeNull("before the start");
        for (var n = 1; n <= 20; n++)
        {
            var week = calendar.NthSchoolWeek(start, n)!;
            calendar.SchoolWeekNumber(start, week.SchoolDays[^1]).ShouldBe(n);
        }
    }

    [Fact]
    public void SchoolWeeks_AreCountedAsTheDefinitionSays_ForEveryStartAndDateOfTwoYears()
    {
        // The calendar keeps its school weeks worked out once; this counts them day by day from the definition (a
        // Monday-to-Sunday week with a school day from the start on) for every pair of dates in two years and a summer.
        var calendar = Calendar(withNextYear: true);
        var first = D(2026, 8, 24);
        var last = D(2028, 8, 6);
        bool IsSchoolWeekFrom(DateOnly monday, DateOnly start, DateOnly until) =>
            Enumerable.Range(0, 5).Select(i => monday.AddDays(i)).Any(d => d >= start && d <= until && calendar.IsSchoolDay(d));

        var checkedPairs = 0;
        for (var start = first; start <= last; start = start.AddDays(3))
        {
            var count = 0;
            var nth = new List<DateOnly>();
            for (var monday = SchoolDates.MondayOf(start); monday <= last; monday = monday.AddDays(7))
            {
                var isWeek = IsSchoolWeekFrom(monday, start, monday.AddDays(6));
                if (isWeek)
                {
                    count++;
                    nth.Add(monday);
                }

                for (var date = monday; date < monday.AddDays(7); date = date.AddDays(1))
                {
                    if (date < start)
                    {
                        continue;
                    }

                    calendar.SchoolWeekNumber(start, date).ShouldBe(isWeek ? count : null, $"from {start} to {date}");
                    calendar.SchoolWeeksBetween(start, date).Count.ShouldBe(count - (isWeek && !IsSchoolWeekFrom(monday, start, date) ? 1 : 0), $"from {start} to {date}");
                    checkedPairs++;
                }
            }

            for (var n = 1; n <= nth.Count + 1; n++)
            {
                (calendar.NthSchoolWeek(start, n)?.Monday).ShouldBe(n <= nth.Count ? nth[n - 1] : null, $"week {n} from {start}");
            }
        }

        checkedPairs.ShouldBeGreaterThan(50_000);
    }

    [Fact]
    public void Describe_GivesTheHalfTermWeekNumbersAndTheNextSchoolDay()
    {
        var calendar = Calendar();
        var inTerm = calendar.Describe(D(2026, 10, 20));
        (inTerm.Year!.Name, inTerm.HalfTerm!.Name, inTerm.IsSchoolDay, inTerm.WeekOfHalfTerm, inTerm.WeekOfYear).ShouldBe(("2026/27", HalfTermName.Autumn1, true, 8, 8));

        var afterHalfTerm = calendar.Describe(D(2026, 11, 4));
        (afterHalfTerm.HalfTerm!.Name, afterHalfTerm.WeekOfHalfTerm, afterHalfTerm.WeekOfYear).ShouldBe((HalfTermName.Autumn2, 1, 9));

        var holiday = calendar.Describe(D(2026, 10, 28));
        holiday.HalfTerm.ShouldBeNull();
        holiday.Week.ShouldBeNull();
        holiday.Year!.Name.ShouldBe("2026/27");
        holiday.NextSchoolDay.ShouldBe(D(2026, 11, 2));

        var bankHoliday = calendar.Describe(D(2027, 5, 3));
        bankHoliday.IsSchoolDay.ShouldBeFalse();
        bankHoliday.Closure!.Description.ShouldBe("Early May bank holiday");
        bankHoliday.Week.ShouldNotBeNull("the rest of the week is open");
        bankHoliday.NextSchoolDay.ShouldBe(D(2027, 5, 4));
    }

    [Fact]
    public void LessonsOn_ASchoolDay_AreThePeriods_AndNoneOnAClosureOrAWeekend()
    {
        var calendar = Calendar();
        calendar.LessonsOn(D(2026, 10, 20)).Select(p => p.Name).ShouldBe(["Period 1"]);
        calendar.LessonsOn(D(2026, 9, 1)).ShouldBeEmpty("INSET day");
        calendar.LessonsOn(D(2026, 10, 24)).ShouldBeEmpty("Saturday");
    }

    [Fact]
    public void AWeekly0900Series_AcrossTheOctoberClockChange_StaysAt0900_SoItsUtcMovesByAnHour()
    {
        var calendar = Calendar();
        // Mondays from 12 October to 9 November 2026; 26 October is half term. The clocks go back on Sunday 25 October.
        var dates = calendar.WeeklySchoolDays(D(2026, 10, 12), D(2026, 11, 9));
        dates.ShouldBe([D(2026, 10, 12), D(2026, 10, 19), D(2026, 11, 2), D(2026, 11, 9)]);
        dates.Select(d => calendar.ToUtc(d, new TimeOnly(9, 0))).ShouldBe(
        [
            Utc(2026, 10, 12, 8, 0), Utc(2026, 10, 19, 8, 0), // BST: 09:00 is 08:00Z
            Utc(2026, 11, 2, 9, 0), Utc(2026, 11, 9, 9, 0), // GMT: 09:00 is 09:00Z
        ]);
        dates.Select(d => calendar.ToLocal(calendar.ToUtc(d, new TimeOnly(9, 0))).Time).ShouldAllBe(t => t == new TimeOnly(9, 0));

        // Either side of the change itself.
        calendar.ToUtc(D(2026, 10, 24), new TimeOnly(9, 0)).ShouldBe(Utc(2026, 10, 24, 8, 0));
        calendar.ToUtc(D(2026, 10, 25), new TimeOnly(9, 0)).ShouldBe(Utc(2026, 10, 25, 9, 0));
    }

    [Fact]
    public void AWeekly0900Series_AcrossTheMarchClockChange_StaysAt0900_SoItsUtcMovesByAnHour()
    {
        var calendar = Calendar();
        // Tuesdays: 23 March 2027 (GMT); the clocks go forward on Sunday 28 March; Easter holiday; 13 April (BST).
        var dates = calendar.WeeklySchoolDays(D(2027, 3, 16), D(2027, 4, 20));
        dates.ShouldBe([D(2027, 3, 16), D(2027, 3, 23), D(2027, 4, 13), D(2027, 4, 20)]);
        dates.Select(d => calendar.ToUtc(d, new TimeOnly(9, 0)).Hour).ShouldBe([9, 9, 8, 8]);
        calendar.ToUtc(D(2027, 3, 27), new TimeOnly(9, 0)).ShouldBe(Utc(2027, 3, 27, 9, 0));
        calendar.ToUtc(D(2027, 3, 28), new TimeOnly(9, 0)).ShouldBe(Utc(2027, 3, 28, 8, 0));
    }

    [Fact]
    public void OneThirty_OnTheMarchSunday_DoesNotExist_AndIsReadAsHalfPastTwoBst()
    {
        var calendar = Calendar();
        var utc = calendar.ToUtc(D(2027, 3, 28), new TimeOnly(1, 30));
        utc.ShouldBe(Utc(2027, 3, 28, 1, 30));
        utc.Kind.ShouldBe(DateTimeKind.Utc);
        calendar.ToLocal(utc).ShouldBe((D(2027, 3, 28), new TimeOnly(2, 30)));
        calendar.ToUtc(D(2027, 3, 28), new TimeOnly(0, 59)).ShouldBe(Utc(2027, 3, 28, 0, 59), "just before the gap is still GMT");
        calendar.ToUtc(D(2027, 3, 28), new TimeOnly(2, 0)).ShouldBe(Utc(2027, 3, 28, 1, 0), "02:00 BST, straight after the gap");
    }

    [Fact]
    public void OneThirty_OnTheOctoberSunday_HappensTwice_AndTheFirstBstOneIsTaken()
    {
        var calendar = Calendar();
        calendar.ToUtc(D(2026, 10, 25), new TimeOnly(1, 30)).ShouldBe(Utc(2026, 10, 25, 0, 30));
        calendar.ToLocal(Utc(2026, 10, 25, 0, 30)).ShouldBe((D(2026, 10, 25), new TimeOnly(1, 30)), "01:30 BST");
        calendar.ToLocal(Utc(2026, 10, 25, 1, 30)).ShouldBe((D(2026, 10, 25), new TimeOnly(1, 30)), "01:30 GMT, an hour later");
        calendar.ToUtc(D(2026, 10, 25), new TimeOnly(2, 0)).ShouldBe(Utc(2026, 10, 25, 2, 0), "after the repeat: GMT");
    }

    [Fact]
    public void TwoSchools_KeepTheirOwnCalendars()
    {
        var hollybrook = new SchoolCalendar(DemoCalendar.YearsFor(SchoolId.New(), hollybrook: true), [], SchoolTime.London);
        var meadowside = new SchoolCalendar(DemoCalendar.YearsFor(SchoolId.New(), hollybrook: false), [], SchoolTime.London);

        hollybrook.IsSchoolDay(D(2026, 11, 2)).ShouldBeFalse("Hollybrook's INSET day");
        meadowside.IsSchoolDay(D(2026, 11, 2)).ShouldBeTrue();
        hollybrook.IsSchoolDay(D(2026, 11, 27)).ShouldBeTrue();
        meadowside.ClosureOn(D(2026, 11, 27))!.Kind.ShouldBe(ClosureKind.InsetDay);
        hollybrook.HalfTermOf(D(2027, 7, 22)).ShouldBeNull("Hollybrook breaks up on Wednesday 21 July");
        meadowside.HalfTermOf(D(2027, 7, 22))!.Name.ShouldBe(HalfTermName.Summer2);
        meadowside.ClosureOn(D(2027, 5, 6))!.Kind.ShouldBe(ClosureKind.OtherClosure);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheDemoCalendars_AreEnglishSchoolYears_With190DaysForPupils(bool hollybrook)
    {
        var calendar = new SchoolCalendar(DemoCalendar.YearsFor(SchoolId.New(), hollybrook), DemoCalendar.PeriodsFor(SchoolId.New(), hollybrook), SchoolTime.London);
        calendar.Years.Select(y => y.Name).ShouldBe(["2025/26", "2026/27"]);
        foreach (var year in calendar.Years)
        {
            year.Dates.Days().Count(calendar.IsSchoolDay).ShouldBe(190, year.Name);
            year.Closures.Count(c => c.Kind == ClosureKind.InsetDay).ShouldBeInRange(4, 5);
        }

        foreach (var holiday in new[] { D(2026, 12, 25), D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 31), D(2026, 8, 31) })
        {
            calendar.HalfTermOf(holiday).ShouldBeNull($"{holiday} is a bank holiday in a school holiday");
        }

        calendar.ClosureOn(D(2027, 5, 3))!.Kind.ShouldBe(ClosureKind.BankHoliday);
        calendar.ClosureOn(D(2026, 5, 4))!.Kind.ShouldBe(ClosureKind.BankHoliday);
        var day = calendar.LessonsOn(D(2026, 11, 3));
        day.Count(p => p.IsTeaching).ShouldBeGreaterThanOrEqualTo(5);
        day[0].Start.ShouldBeLessThan(new TimeOnly(9, 0));
        day[^1].End.ShouldBeInRange(new TimeOnly(15, 0), new TimeOnly(15, 30));
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
