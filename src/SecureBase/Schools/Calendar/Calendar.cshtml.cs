using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Schools;

/// <summary>The school calendar for everyone in the school: terms, half terms, closures and the lesson timetable, printable.</summary>
[Permits(SchoolAction.ViewCalendar)]
public sealed class CalendarModel(SecureBaseDb db, CurrentUser me, Schools.SchoolClock schoolClock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? YearId { get; set; }

    public SchoolCalendar Calendar { get; private set; } = null!;
    public AcademicYear? Year { get; private set; }
    public DateOnly Today { get; private set; }
    public string? TodayText { get; private set; }
    public bool CanManage => me.Can(SchoolAction.ManageCalendar);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Calendar = await SchoolCalendar.LoadAsync(db, ct);
        Today = schoolClock.Today;
        if (YearId is { } id)
        {
            Year = Calendar.Years.FirstOrDefault(y => y.Id.Value == id);
            if (Year is null)
            {
                return NotFound();
            }
        }
        else
        {
            Year = Calendar.YearToShow(Today);
        }

        if (Year is not null && Year.Dates.Contains(Today))
        {
            TodayText = Describe(Calendar.Describe(Today));
        }

        return Page();
    }

    public int SchoolDaysIn(HalfTerm h) => h.Dates.Days().Count(Calendar.IsSchoolDay);

    public int SchoolWeeksIn(HalfTerm h) => Calendar.SchoolWeeksBetween(h.FirstDay, h.LastDay).Count;

    private static string Describe(CalendarDay day)
    {
        var today = $"Today, {SchoolDates.Long(day.Date)},";
        var next = day.NextSchoolDay is { } n ? $" The next school day is {SchoolDates.Long(n)}." : "";
        if (day.Closure is { } closure)
        {
            return $"{today} the school is closed: {ClosureKinds.Label(closure.Kind)} ({closure.Description}).{next}";
        }

        if (day.HalfTerm is null)
        {
            return $"{today} is in a school holiday.{next}";
        }

        var week = day.WeekOfHalfTerm is { } w ? $", school week {w} of the half term" : "";
        return day.IsSchoolDay
            ? $"{today} is in {day.HalfTerm.Label}{week}."
            : $"{today} is a weekend in {day.HalfTerm.Label}.{next}";
    }
}
