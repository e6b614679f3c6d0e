using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Rooms;
using SecureBase.Web;

namespace SecureBase.Timetable;

/// <summary>
/// The weekly session each open episode needs (45 minutes 1:1 with its practitioner by default):
/// the Head of Therapy changes its length or the room features it needs, or joins pupils of the same
/// practitioner, therapy and site into a group.
/// </summary>
[Permits(SchoolAction.PlanTimetable)]
public sealed class WeeklySessionsModel(SecureBaseDb db, WeekInstanceBuilder builder, Schools.SchoolClock schoolClock) : PageModel
{
    public sealed record Row(WeeklySession Session, string Practitioner, string Pupils);

    [BindProperty]
    public WeeklySessionId? SessionId { get; set; }

    [BindProperty]
    public int? Minutes { get; set; }

    [BindProperty]
    public List<RoomFeature> Features { get; set; } = [];

    /// <summary>The session whose pupils join <see cref="SessionId"/>'s to make a group.</summary>
    [BindProperty]
    public WeeklySessionId? JoinId { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Open episodes that have no weekly session yet (they get one here, or when a timetable is proposed).</summary>
    public int Missing { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var made = await builder.EnsureSessionsAsync(ct);
        TempData["Notice"] = made == 0 ? "Every open episode already has its weekly session." : $"{made} open episode{(made == 1 ? " was" : "s were")} given a weekly session.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken ct)
    {
        var session = SessionId is { } id ? await db.WeeklySessions.SingleOrDefaultAsync(s => s.Id == id && s.EndedOn == null, ct) : null;
        if (session is null)
        {
            return NotFound();
        }

        var changed = session.ChangeLength(Minutes ?? 0);
        if (!changed.IsSuccess)
        {
            ModelState.AddErrors(changed.Error!, "");
            await LoadAsync(ct);
            return Page();
        }

        session.RequireFeatures(Features.Where(Enum.IsDefined));
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = "Saved. The next proposed timetable uses the new length and room features.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostGroupAsync(CancellationToken ct)
    {
        var sessions = await db.WeeklySessions.Where(s => s.EndedOn == null && (s.Id == SessionId || s.Id == JoinId)).ToListAsync(ct);
        var into = sessions.SingleOrDefault(s => s.Id == SessionId);
        var join = sessions.SingleOrDefault(s => s.Id == JoinId);
        if (into is null)
        {
            return NotFound();
        }

        string? problem = join is null ? "Choose the session to join into this group"
            : join.Id == into.Id ? "Choose another session to join into this group"
            : join.StaffId != into.StaffId || join.Discipline != into.Discipline ? "A group is of one practitioner and one therapy: choose a session of the same practitioner and therapy"
            : null;
        if (problem is null)
        {
            foreach (var p in join!.Pupils.ToList())
            {
                var added = into.AddPupil(p.PupilId, p.EpisodeId, join.SiteId);
                if (!added.IsSuccess)
                {
                    problem = added.Error!.Message;
                    break;
                }
            }
        }

        if (problem is not null)
        {
            ModelState.AddModelError(nameof(JoinId), problem);
            await LoadAsync(ct);
            return Page();
        }

        join!.End(schoolClock.Today.AddDays(-1));
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = "The pupils are now one group session. The next proposed timetable places the group.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var sessions = await db.WeeklySessions.AsNoTracking().Where(s => s.EndedOn == null).ToListAsync(ct);
        var covered = sessions.SelectMany(s => s.Pupils.Select(p => p.EpisodeId)).ToHashSet();
        Missing = (await db.Episodes.AsNoTracking().Where(e => e.Status == Caseload.EpisodeStatus.Open).Select(e => e.Id).ToListAsync(ct)).Count(id => !covered.Contains(id));
        var staff = await db.StaffMembers.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        var pupils = await db.Pupils.AsNoTracking().Select(p => new { p.Id, Name = (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName) }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        Rows = sessions.Select(s => new Row(s, staff.GetValueOrDefault(s.StaffId, "a practitioner"), string.Join(", ", s.Pupils.Select(p => pupils.GetValueOrDefault(p.PupilId, "a pupil")))))
            .OrderBy(r => r.Practitioner, StringComparer.CurrentCulture).ThenBy(r => r.Pupils, StringComparer.CurrentCulture).ToList();
    }
}
