using SecureBase.Common;
using SecureBase.Schools;
using static SecureBase.Tests.Schools.CalendarTestData;

namespace SecureBase.Tests.Schools;

/// <summary>The calendar's rules refuse what cannot be right, in the school's words, and change nothing.</summary>
public sealed class CalendarRulesTests
{
    private static readonly SchoolId School = SchoolId.New();

    private static AcademicYearDates With(AcademicYearDates dates, HalfTermName name, DateOnly first, DateOnly last) =>
        dates with { HalfTerms = new Dictionary<HalfTermName, DayRange>(dates.HalfTerms) { [name] = new(first, last) } };

    private static IReadOnlyList<FieldError> Errors(Error? error) => ((Error.Validation)error!).Fields;

    [Fact]
    public void AYear_WithOverlappingHalfTerms_IsRefused_NamingTheDayTheEarlierEnds()
    {
        var result = AcademicYear.Create(School, With(Dates2026, HalfTermName.Autumn2, D(2026, 10, 19), D(2026, 12, 18)), []);
        Errors(result.Error).ShouldBe([new FieldError("Autumn2First", "Autumn 2 must start after Autumn 1 ends (Friday 23 October 2026)")]);
    }

    [Fact]
    public void AYear_EndingBeforeItStarts_OrLongerThanAYear_IsRefused()
    {
        Errors(AcademicYear.Create(School, Dates2026 with { EndDate = D(2026, 8, 1) }, []).Error)
            .ShouldBe([new FieldError("EndDate", "The last day of the academic year must be after its first day (Tuesday 1 September 2026)")]);
        Errors(AcademicYear.Create(School, Dates2026 with { EndDate = D(2027, 9, 1) }, []).Error)
            .ShouldBe([new FieldError("EndDate", "An academic year can be at most a year long: end it by Tuesday 31 August 2027")]);
    }

    [Fact]
    public void AHalfTerm_EndingBeforeItStarts_OutsideTheYear_OrWithNoWeekday_IsRefused()
    {
        Errors(AcademicYear.Create(School, With(Dates2026, HalfTermName.Spring1, D(2027, 2, 12), D(2027, 1, 4)), []).Error)
            .ShouldContain(new FieldError("Spring1Last", "Spring 1 must end on or after its first day (Friday 12 February 2027)"));
        Errors(AcademicYear.Create(School, With(Dates2026, HalfTermName.Autumn1, D(2026, 8, 27), D(2026, 10, 23)), []).Error)
            .ShouldContain(new FieldError("Autumn1First", "Autumn 1 must start within the academic year (Tuesday 1 September 2026 to Tuesday 31 August 2027)"));
        Errors(AcademicYear.Create(School, With(Dates2026, HalfTermName.Summer2, D(2027, 6, 7), D(2027, 9, 3)), []).Error)
            .ShouldContain(new FieldError("Summer2Last", "Summer 2 must end within the academic year (Tuesday 1 September 2026 to Tuesday 31 August 2027)"));
        Errors(AcademicYear.Create(School, With(Dates2026, HalfTermName.Summer2, D(2027, 7, 24), D(2027, 7, 25)), []).Error)
            .ShouldContain(new FieldError("Summer2First", "Summer 2 (Saturday 24 July to Sunday 25 July 2027) has no weekdays; a half term needs at least one school day"));
    }

    [Fact]
    public void AYear_OverlappingAnotherOfTheSchoolsYears_IsRefused()
    {
        var existing = Year2026(School);
        var result = AcademicYear.Create(School, Dates2027 with { StartDate = D(2027, 8, 1), EndDate = D(2028, 7, 31) }, [existing]);
        Errors(result.Error).ShouldContain(new FieldError("StartDate",
            "These dates overlap the 2026/27 academic year (Tuesday 1 September 2026 to Tuesday 31 August 2027); a school's academic years cannot overlap"));
        AcademicYear.Create(School, Dates2027, [existing]).IsSuccess.ShouldBeTrue("the next year starting the day after is fine");
    }

    [Fact]
    public void AClosure_OnAWeekendOutsideTermOrTwice_IsRefused_AndNothingIsAdded()
    {
        var year = Year2026(School);
        var before = year.Closures.Count;
        Errors(year.AddClosures(D(2026, 9, 5), null, ClosureKind.InsetDay, "Staff training").Error)
            .ShouldBe([new FieldError("FirstDay", "Saturday 5 September 2026 is a Saturday; closure days are weekdays the school would otherwise be open")]);
        Errors(year.AddClosures(D(2026, 10, 28), null, ClosureKind.InsetDay, "Staff training").Error)
            .ShouldBe([new FieldError("FirstDay", "Wednesday 28 October 2026 is not in term time (it is in the holiday between Autumn 1 and Autumn 2), so the school is closed anyway; closures are only for days in a half term")]);
        Errors(year.AddClosures(D(2027, 8, 2), null, ClosureKind.OtherClosure, "Works").Error)
            .ShouldBe([new FieldError("FirstDay", "Monday 2 August 2027 is not in term time (it is after Summer 2 ends), so the school is closed anyway; closures are only for days in a half term")]);
        Errors(year.AddClosures(D(2027, 9, 6), null, ClosureKind.OtherClosure, "Works").Error)
            .ShouldBe([new FieldError("FirstDay", "Monday 6 September 2027 is not in the 2026/27 academic year (Tuesday 1 September 2026 to Tuesday 31 August 2027); add it to that year's calendar")]);
        Errors(year.AddClosures(D(2027, 5, 3), null, ClosureKind.BankHoliday, "Bank holiday").Error)
            .ShouldBe([new FieldError("FirstDay", "There is already a closure on Monday 3 May 2027 (Early May bank holiday)")]);
        Errors(year.AddClosures(D(2026, 10, 19), D(2026, 10, 30), ClosureKind.OtherClosure, "Works").Error)
            .ShouldBe([new FieldError("FirstDay", "Monday 26 October 2026 is not in term time (it is in the holiday between Autumn 1 and Autumn 2), so the school is closed anyway; closures are only for days in a half term")]);
        Errors(year.AddClosures(D(2026, 10, 19), D(2026, 10, 16), ClosureKind.OtherClosure, "Works").Error)
            .ShouldContain(new FieldError("LastDay", "The last day of the closure must be on or after its first day (Monday 19 October 2026)"));
        Errors(year.AddClosures(D(2026, 10, 19), null, ClosureKind.OtherClosure, "  ").Error)
            .ShouldContain(new FieldError("Description", "Enter a short description, for example \"Staff training\""));
        Errors(year.AddClosures(D(2026, 10, 19), null, (ClosureKind)42, "Works").Error)
            .ShouldContain(new FieldError("Kind", "Choose the kind of closure from the list"));
        year.Closures.Count.ShouldBe(before);
    }

    [Fact]
    public void AClosureOfSeveralDays_ClosesEachWeekday_AndSkipsTheWeekend()
    {
        var year = Year2026(School);
        var added = year.AddClosures(D(2026, 11, 12), D(2026, 11, 17), ClosureKind.OtherClosure, "Boiler replacement").Value;
        added.Select(c => c.Date).ShouldBe([D(2026, 11, 12), D(2026, 11, 13), D(2026, 11, 16), D(2026, 11, 17)]);
        year.RemoveClosure(added[1].Id).IsSuccess.ShouldBeTrue();
        year.RemoveClosure(added[1].Id).Error.ShouldBeOfType<Error.NotFound>();
        year.Closures.Select(c => c.Date).ShouldNotContain(D(2026, 11, 13));
    }

    [Fact]
    public void ChangingTheDates_SoAClosureFallsOutOfTerm_IsRefused_AndTheDatesStay()
    {
        var year = Year2026(School);
        var outcome = year.ChangeDates(With(Dates2026, HalfTermName.Summer1, D(2027, 5, 4), D(2027, 5, 28)), []);
        Errors(outcome.Error).ShouldBe([new FieldError("", "The closure on Monday 3 May 2027 (Early May bank holiday) would no longer be in term; remove it first, or keep that day inside a half term")]);
        year.HalfTermNamed(HalfTermName.Summer1).FirstDay.ShouldBe(D(2027, 4, 12));

        year.ChangeDates(With(Dates2026, HalfTermName.Summer1, D(2027, 4, 13), D(2027, 5, 28)), []).IsSuccess.ShouldBeTrue();
        year.HalfTermNamed(HalfTermName.Summer1).FirstDay.ShouldBe(D(2027, 4, 13));
    }

    [Fact]
    public void LessonPeriods_MayNotOverlapOnADayTheyShare_OrEndBeforeTheyStart()
    {
        var period1 = Period(School, "Period 1", 9, 0, 9, 55);
        var fridayAssembly = Period(School, "Assembly", 14, 45, 15, 15, DayOfWeek.Friday);
        var existing = new[] { period1, fridayAssembly };

        Errors(LessonPeriod.Create(School, new("Break", null, new(9, 50), new(10, 10), false), existing).Error)
            .ShouldBe([new FieldError("Start", "Break (09:50–10:10) overlaps Period 1 (09:00–09:55) on every weekday; periods on the same day cannot overlap")]);
        Errors(LessonPeriod.Create(School, new("Period 6", DayOfWeek.Friday, new(14, 30), new(15, 0), true), existing).Error)
            .ShouldBe([new FieldError("Start", "Period 6 (14:30–15:00) overlaps Assembly (14:45–15:15) on Friday; periods on the same day cannot overlap")]);
        LessonPeriod.Create(School, new("Period 6", DayOfWeek.Thursday, new(14, 30), new(15, 20), true), existing).IsSuccess.ShouldBeTrue("Thursday has no assembly");
        LessonPeriod.Create(School, new("Period 2", null, new(9, 55), new(10, 50), true), existing).IsSuccess.ShouldBeTrue("touching is not overlapping");

        Errors(LessonPeriod.Create(School, new("Period 2", null, new(10, 50), new(9, 55), true), []).Error)
            .ShouldBe([new FieldError("End", "The period must end after it starts (10:50)")]);
        Errors(LessonPeriod.Create(School, new("Late", null, new(20, 30), new(21, 30), true), []).Error)
            .ShouldBe([new FieldError("End", "A period must end by 21:00")]);
        Errors(LessonPeriod.Create(School, new("Weekend club", DayOfWeek.Saturday, new(10, 0), new(11, 0), true), []).Error)
            .ShouldBe([new FieldError("Day", "Choose a weekday, Monday to Friday, or every weekday")]);

        var changed = period1.Change(new("Period 1", null, new(9, 0), new(15, 0), true), existing);
        Errors(changed.Error).ShouldContain(e => e.Message.StartsWith("Period 1 (09:00–15:00) overlaps Assembly (14:45–15:15) on Friday", StringComparison.Ordinal));
        period1.End.ShouldBe(new TimeOnly(9, 55));
    }

    [Theory]
    [InlineData("2026-10-23")]
    [InlineData("23/10/2026")]
    [InlineData("23 October 2026")]
    [InlineData(" 23  Oct 2026 ")]
    [InlineData("Friday 23 October 2026")]
    public void TypedDates_InTheFormsPeopleUse_AreRead(string text)
    {
        SchoolDates.TryParseDate(text, out var date).ShouldBeTrue();
        date.ShouldBe(D(2026, 10, 23));
    }

    [Theory]
    [InlineData("31/02/2027")]
    [InlineData("2026-13-01")]
    [InlineData("10/23/2026")]
    [InlineData("next Friday")]
    [InlineData("1899-12-31")]
    [InlineData("2026-10-23'; DROP TABLE academic_years;--")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("")]
    public void TypedDates_ThatAreNotRealDates_AreNotGuessed(string text) =>
        SchoolDates.TryParseDate(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("09:00", 9, 0)]
    [InlineData("9:00", 9, 0)]
    [InlineData("9.05", 9, 5)]
    [InlineData("2:30pm", 14, 30)]
    [InlineData("13:45:00", 13, 45)]
    public void TypedTimes_AreRead(string text, int hour, int minute)
    {
        SchoolDates.TryParseTime(text, out var time).ShouldBeTrue();
        time.ShouldBe(new TimeOnly(hour, minute));
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("nine")]
    [InlineData("9")]
    [InlineData("")]
    public void TypedTimes_ThatAreNotTimes_AreRefused(string text) => SchoolDates.TryParseTime(text, out _).ShouldBeFalse();
}
