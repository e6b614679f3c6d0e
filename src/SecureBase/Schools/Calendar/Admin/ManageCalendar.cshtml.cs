using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Schools;

/// <summary>The administrator's overview of the calendar: the academic years entered and the lesson timetable.</summary>
[Permits(SchoolAction.ManageCalendar)]
public sealed class ManageCalendarModel(SecureBaseDb db) : PageModel
{
    public IReadOnlyList<AcademicYear> Years { get; private set; } = [];
    public int PeriodCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = await db.AcademicYears.AsNoTracking().Include(y => y.Closures).OrderBy(y => y.StartDate).ToListAsync(ct);
        PeriodCount = await db.LessonPeriods.CountAsync(ct);
    }
}
