using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Schools;

/// <summary>Changes or removes one lesson period.</summary>
[Permits(SchoolAction.ManageCalendar)]
public sealed class EditLessonPeriodModel(SecureBaseDb db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid PeriodId { get; set; }

    [BindProperty]
    public LessonPeriodInput Input { get; set; } = new();

    public LessonPeriod Period { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = LessonPeriodInput.From(Period);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

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

        var others = await db.LessonPeriods.AsNoTracking().Where(p => p.Id != Period.Id).ToListAsync(ct);
        var outcome = Period.Change(details.Value, others);
        if (!outcome.IsSuccess)
        {
            ModelState.AddErrors(outcome.Error!, nameof(Input));
            return Page();
        }

        audit.Record(CalendarAuditActions.PeriodChanged, nameof(LessonPeriod), Period.Id.ToString(), detail: $"{Period.Name} {Period.DaysText} {Period.TimesText}");
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"{Period.Name} was saved.";
        return Redirect("/admin/calendar/periods");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        db.LessonPeriods.Remove(Period);
        audit.Record(CalendarAuditActions.PeriodRemoved, nameof(LessonPeriod), Period.Id.ToString(), detail: $"{Period.Name} {Period.DaysText} {Period.TimesText}");
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"{Period.Name} ({Period.DaysText.ToLowerInvariant()}, {Period.TimesText}) was removed.";
        return Redirect("/admin/calendar/periods");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var id = LessonPeriodId.From(PeriodId);
        var period = await db.LessonPeriods.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (period is null)
        {
            return false;
        }

        Period = period;
        return true;
    }
}
