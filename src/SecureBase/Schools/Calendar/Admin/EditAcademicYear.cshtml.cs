using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Schools;

/// <summary>One academic year: its dates, its closure days, and removing it.</summary>
[Permits(SchoolAction.ManageCalendar)]
public sealed class EditAcademicYearModel(SecureBaseDb db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid YearId { get; set; }

    public AcademicYear Year { get; private set; } = null!;

    public AcademicYearInput Input { get; set; } = new();

    public ClosureInput Closure { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = AcademicYearInput.From(Year);
        return Page();
    }

    public async Task<IActionResult> OnPostDatesAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!await TryUpdateModelAsync(Input, nameof(Input)))
        {
            return Page();
        }

        var dates = Input.ToDates();
        if (!dates.IsSuccess)
        {
            ModelState.AddErrors(dates.Error!, nameof(Input));
            return Page();
        }

        var others = await db.AcademicYears.AsNoTracking().Where(y => y.Id != Year.Id).ToListAsync(ct);
        var outcome = Year.ChangeDates(dates.Value, others);
        if (!outcome.IsSuccess)
        {
            ModelState.AddErrors(outcome.Error!, nameof(Input));
            return Page();
        }

        audit.Record(CalendarAuditActions.YearChanged, nameof(AcademicYear), Year.Id.ToString(), detail: Year.Name);
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"The dates of {Year.Name} were saved.";
        return Redirect($"/admin/calendar/years/{Year.Id}");
    }

    public async Task<IActionResult> OnPostAddClosureAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = AcademicYearInput.From(Year);
        if (!await TryUpdateModelAsync(Closure, nameof(Closure)))
        {
            return Page();
        }

        var closure = Closure.ToClosure();
        if (!closure.IsSuccess)
        {
            ModelState.AddErrors(closure.Error!, nameof(Closure));
            return Page();
        }

        var (first, last, kind, description) = closure.Value;
        var added = Year.AddClosures(first, last, kind, description);
        if (!added.IsSuccess)
        {
            ModelState.AddErrors(added.Error!, nameof(Closure));
            return Page();
        }

        db.ClosureDays.AddRange(added.Value);
        foreach (var c in added.Value)
        {
            audit.Record(CalendarAuditActions.ClosureAdded, nameof(ClosureDay), c.Id.ToString(), detail: $"{c.Date:yyyy-MM-dd} {c.Kind}");
        }

        await db.SaveChangesAsync(ct);
        TempData["Notice"] = added.Value.Count == 1
            ? $"The school is closed on {SchoolDates.Long(added.Value[0].Date)}."
            : $"The school is closed on {added.Value.Count} days, {SchoolDates.Range(added.Value[0].Date, added.Value[^1].Date)}.";
        return Redirect($"/admin/calendar/years/{Year.Id}");
    }

    public async Task<IActionResult> OnPostRemoveClosureAsync(string? closureId, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !ClosureDayId.TryParse(closureId, null, out var id))
        {
            return NotFound();
        }

        var removed = Year.RemoveClosure(id);
        if (!removed.IsSuccess)
        {
            return NotFound();
        }

        db.ClosureDays.Remove(removed.Value);
        audit.Record(CalendarAuditActions.ClosureRemoved, nameof(ClosureDay), removed.Value.Id.ToString(), detail: $"{removed.Value.Date:yyyy-MM-dd} {removed.Value.Kind}");
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"The closure on {SchoolDates.Long(removed.Value.Date)} was removed: the school is open that day.";
        return Redirect($"/admin/calendar/years/{Year.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        db.AcademicYears.Remove(Year);
        audit.Record(CalendarAuditActions.YearRemoved, nameof(AcademicYear), Year.Id.ToString(), detail: Year.Name);
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"The {Year.Name} academic year and its closure days were removed.";
        return Redirect("/admin/calendar");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var year = await CalendarApi.FindYearAsync(db, YearId, ct);
        if (year is null)
        {
            return false;
        }

        Year = year;
        return true;
    }
}
