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
/// The Head of Therapy asks for a proposed timetable (the scheduler on the school's live data), sees
/// every placed session by day, room and practitioner, every unplaced one with its reason and what
/// changes from the current timetable, and accepts it from a chosen date.
/// </summary>
[Permits(SchoolAction.PlanTimetable)]
public sealed class ProposeTimetableModel(TimetableProposals proposals, OccurrencePlanner planner, SecureBaseDb db, CurrentUser me, AuditLog audit, Schools.SchoolClock schoolClock) : PageModel
{
    /// <summary>The first day the new timetable applies (dd/mm/yyyy or yyyy-mm-dd).</summary>
    [BindProperty]
    public string? From { get; set; }

    /// <summary>The accepted version the proposal was built on (the accept form carries it back).</summary>
    [BindProperty]
    public int BasedOn { get; set; }

    [BindProperty]
    public string? Placements { get; set; }

    public TimetableProposal? Proposal { get; private set; }
    public TimetableVersion? Current { get; private set; }

    /// <summary>Set when accepting was refused because the timetable changed meanwhile (the page answers 409).</summary>
    public string? Conflict { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        From ??= (await DefaultFromAsync(ct)).ToString("yyyy-MM-dd", SchoolDates.English);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!SchoolDates.TryParseDate(From, out var from))
        {
            ModelState.AddModelError(nameof(From), "Enter the date the new timetable starts, for example 07/09/2026");
            return Page();
        }

        Proposal = await proposals.ProposeAsync(from, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken ct)
    {
        if (!SchoolDates.TryParseDate(From, out var from))
        {
            await LoadAsync(ct);
            ModelState.AddModelError(nameof(From), "Enter the date the new timetable starts, for example 07/09/2026");
            return Page();
        }

        var accepted = await proposals.AcceptAsync(BasedOn, from, Placements ?? "", me.UserId, ct);
        if (!accepted.IsSuccess)
        {
            await LoadAsync(ct);
            if (accepted.Error is Error.Conflict c)
            {
                Conflict = c.Message;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }

            ModelState.AddErrors(accepted.Error!, "");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var v = accepted.Value;
        audit.Record(TimetableAuditActions.Accepted, "TimetableVersion", v.Id.ToString(), detail: $"version {v.Number} from {from:yyyy-MM-dd}: {v.Placements.Count} sessions");
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"Accepted: timetable {v.Number} applies from {SchoolDates.Long(from)}, with {v.Placements.Count} session{(v.Placements.Count == 1 ? "" : "s")} a week.";
        return Redirect($"/timetable?week={SchoolDates.MondayOf(from):yyyy-MM-dd}");
    }

    private async Task LoadAsync(CancellationToken ct) => Current = await planner.LatestAsync(ct);

    private async Task<DateOnly> DefaultFromAsync(CancellationToken ct)
    {
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var today = schoolClock.Today;
        return calendar.IsSchoolDay(today) ? today : calendar.NextSchoolDay(today) ?? today;
    }
}

/// <summary>Names of the timetable's entries in the audit log.</summary>
public static class TimetableAuditActions
{
    /// <summary>A proposed timetable was accepted as a new version.</summary>
    public const string Accepted = "timetable.accepted";

    /// <summary>One occurrence (or a series from a date) was moved or cancelled by hand.</summary>
    public const string Adjusted = "timetable.adjusted";

    /// <summary>A disrupted week was re-planned and its displacements resolved.</summary>
    public const string Repaired = "timetable.repaired";
}
