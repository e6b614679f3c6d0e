using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Schools;

/// <summary>The weekly lesson timetable: the periods in order, and a form to add one.</summary>
[Permits(SchoolAction.ManageCalendar)]
public sealed class LessonPeriodsModel(SecureBaseDb db, CurrentUser me, AuditLog audit) : PageModel
{
    [BindProperty]
    public LessonPeriodInput Input { get; set; } = new();

    public IReadOnlyList<LessonPeriod> Periods { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var details = Input.ToDetails();
        if (!details.IsSuccess)
        {
            ModelState.AddErrors(details.Error!, nameof(Input));
            return Page();
        }

        var period = LessonPeriod.Create(me.SchoolId, details.Value, Periods);
        if (!period.IsSuccess)
        {
            ModelState.AddErrors(period.Error!, nameof(Input));
            return Page();
        }

        db.LessonPeriods.Add(period.Value);
        audit.Record(CalendarAuditActions.PeriodAdded, nameof(LessonPeriod), period.Value.Id.ToString(), detail: $"{period.Value.Name} {period.Value.DaysText} {period.Value.TimesText}");
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"{period.Value.Name} ({period.Value.DaysText.ToLowerInvariant()}, {period.Value.TimesText}) was added.";
        return Redirect("/admin/calendar/periods");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var periods = await db.LessonPeriods.AsNoTracking().ToListAsync(ct);
        Periods = periods.OrderBy(p => p.Start).ThenBy(p => p.Day ?? DayOfWeek.Sunday).ToList();
    }
}
