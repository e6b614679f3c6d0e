using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Schools;

/// <summary>Adds an academic year with its six half terms, in one form.</summary>
[Permits(SchoolAction.ManageCalendar)]
public sealed class NewAcademicYearModel(SecureBaseDb db, CurrentUser me, AuditLog audit, Schools.SchoolClock schoolClock) : PageModel
{
    [BindProperty]
    public AcademicYearInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var years = await db.AcademicYears.AsNoTracking().ToListAsync(ct);
        Input = AcademicYearInput.Suggest(schoolClock.Today, years);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var dates = Input.ToDates();
        if (!dates.IsSuccess)
        {
            ModelState.AddErrors(dates.Error!, "Input");
            return Page();
        }

        var others = await db.AcademicYears.AsNoTracking().ToListAsync(ct);
        var year = AcademicYear.Create(me.SchoolId, dates.Value, others);
        if (!year.IsSuccess)
        {
            ModelState.AddErrors(year.Error!, "Input");
            return Page();
        }

        db.AcademicYears.Add(year.Value);
        audit.Record(CalendarAuditActions.YearAdded, nameof(AcademicYear), year.Value.Id.ToString(), detail: year.Value.Name);
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"The {year.Value.Name} academic year was added. Add its INSET days and bank holidays in term below.";
        return Redirect($"/admin/calendar/years/{year.Value.Id}");
    }
}
