using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Timetable;

/// <summary>
/// Repair of one week: the sessions displaced or left without their room or practitioner, a proposal
/// that re-plans the week keeping everything else where it was, and applying it.
/// </summary>
[Permits(SchoolAction.PlanTimetable)]
public sealed class RepairWeekModel(WeekRepair repair, SecureBaseDb db, AuditLog audit, Schools.SchoolClock schoolClock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Week { get; set; }

    [BindProperty]
    public string? Moves { get; set; }

    public DateOnly Monday { get; private set; }
    public IReadOnlyList<AffectedOccurrence> Affected { get; private set; } = [];
    public RepairProposal? Proposal { get; private set; }
    public string? Conflict { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Page();
        }

        Proposal = await repair.ProposeAsync(Monday, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Page();
        }

        var applied = await repair.ApplyAsync(Monday, Moves ?? "", ct);
        if (!applied.IsSuccess)
        {
            if (applied.Error is Error.Conflict c)
            {
                Conflict = c.Message;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }

            ModelState.AddErrors(applied.Error!, "");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        audit.Record(TimetableAuditActions.Repaired, "Week", Monday.ToString("yyyy-MM-dd", SchoolDates.English), detail: $"{applied.Value} session{(applied.Value == 1 ? "" : "s")} moved or abandoned");
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = applied.Value == 0 ? "Nothing needed to move." : $"Repaired: {applied.Value} session{(applied.Value == 1 ? "" : "s")} moved or abandoned, and their displacements recorded.";
        return Redirect($"/timetable/repair?week={Monday:yyyy-MM-dd}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Monday = SchoolDates.MondayOf(schoolClock.Today);
        var ok = true;
        if (Week is not null)
        {
            if (SchoolDates.TryParseDate(Week, out var chosen))
            {
                Monday = SchoolDates.MondayOf(chosen);
            }
            else
            {
                ModelState.AddModelError(nameof(Week), $"Write the week as yyyy-mm-dd, for example {Monday:yyyy-MM-dd}. This week is shown.");
                ok = false;
            }
        }

        Affected = await repair.AffectedAsync(Monday, ct);
        return ok;
    }
}
