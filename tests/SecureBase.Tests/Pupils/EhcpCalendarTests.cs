using SecureBase.Pupils;

namespace SecureBase.Tests.Pupils;

public sealed class EhcpCalendarTests
{
    [Fact]
    public void SpecifiedProvision_IsCountedInTheSchoolsOwnWeeks_OnceItsYearIsEntered()
    {
        var calendar = SecureBase.Tests.Schools.CalendarTestData.Calendar();
        var year = calendar.YearOf(new DateOnly(2026, 11, 20))!;
        var today = new DateOnly(2026, 11, 20);
        var period = ProvisionPeriod.FromCalendar(calendar, today)!;
        period.IsEstimate.ShouldBeFalse();
        period.From.ShouldBe(year.StartDate);
        period.SchoolWeeks.ShouldBe(calendar.SchoolWeeksBetween(year.StartDate, today).Count);
        period.HalfTerms.ShouldBe(2, "Autumn 1 and Autumn 2 have begun by 20 November");
        ProvisionPeriod.FromCalendar(calendar, new DateOnly(2030, 1, 10)).ShouldBeNull("a year the school has not entered falls back to the estimate");
    }
}
