using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Timetable;

/// <summary>
/// The Head of Therapy moves one session (or the weekly series from that week) to another time or
/// room, checked against the scheduler's five rules and refused with the rule that blocks it, or
/// cancels one session. Sessions changed by hand stay as they are when the series changes.
/// </summary>
[Permits(SchoolAction.AdjustTimetable)]
public sealed class AdjustSessionModel(SecureBaseDb db, PlacementRules rules, OccurrencePlanner planner, AuditLog audit, CurrentUser me, TimeProvider clock, Schools.SchoolClock schoolClock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public OccurrenceId? Occurrence { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public LessonPeriodId? Period { get; set; }

    [BindProperty]
    public RoomId? Room { get; set; }

    /// <summary>"one" (this session only) or "series" (every week from this one).</summary>
    [BindProperty]
    public string? Apply { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public SessionOccurrence? Found { get; private set; }
    public WeeklySession? Session { get; private set; }
    public IReadOnlyList<LessonPeriod> Periods { get; private set; } = [];
    public IReadOnlyList<Room> Rooms { get; private set; } = [];
    public string RoomName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Occurrence is null)
        {
            return Page();
        }

        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var found = Found!;
        Date ??= found.Date.ToString("yyyy-MM-dd", SchoolDates.English);
        Room ??= found.RoomId;
        Period ??= Periods.FirstOrDefault(p => p.IsOn(found.Date.DayOfWeek) && p.Start == found.Start)?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var occurrence = Found!;
        var period = Periods.FirstOrDefault(p => p.Id == Period);
        if (!SchoolDates.TryParseDate(Date, out var date))
        {
            ModelState.AddModelError(nameof(Date), "Enter the date to move the session to, for example 08/12/2026");
        }
        else if (period is null || !period.IsOn(date.DayOfWeek))
        {
            ModelState.AddModelError(nameof(Period), $"Choose a lesson period on {date.DayOfWeek}");
        }

        if (Room is null || Rooms.All(r => r.Id != Room))
        {
            ModelState.AddModelError(nameof(Room), "Choose a room");
        }

        if (Apply is not ("one" or "series"))
        {
            ModelState.AddModelError(nameof(Apply), "Choose whether to move this session only or every week from this one");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var start = period!.Start;
        var end = start.AddMinutes(Session!.Minutes);
        var blocked = await rules.CheckAsync(Session, date, start, end, Room!.Value, occurrence.Id, ct);
        if (blocked is not null)
        {
            ModelState.AddModelError(string.Empty, $"The session was not moved. {blocked}");
            return Page();
        }

        if (Apply == "one")
        {
            var moved = occurrence.MoveTo(date, start, end, Room.Value);
            if (!moved.IsSuccess)
            {
                ModelState.AddErrors(moved.Error!, "");
                return Page();
            }

            audit.Record(TimetableAuditActions.Adjusted, "SessionOccurrence", occurrence.Id.ToString(), detail: $"moved to {date:yyyy-MM-dd} {SchoolDates.Time(start)}");
            await db.SaveChangesAsync(ct);
            TempData["Notice"] = $"Moved to {SchoolDates.Long(date)} at {SchoolDates.Time(start)} in {Rooms.First(r => r.Id == Room).Name}.";
            return Redirect($"/timetable?week={SchoolDates.MondayOf(date):yyyy-MM-dd}");
        }

        // The series: a new timetable version from this week (not before today) with this session's place changed.
        var today = schoolClock.Today;
        var from = SchoolDates.MondayOf(occurrence.OriginalDate) < today ? today : SchoolDates.MondayOf(occurrence.OriginalDate);
        var current = await planner.LatestAsync(ct);
        if (current is null)
        {
            ModelState.AddModelError(string.Empty, "The school has no accepted timetable to change");
            return Page();
        }

        var placements = current.Placements.Where(p => p.SessionId != Session.Id)
            .Select(p => new PlacementDetails(p.SessionId, p.Day, p.PeriodId, p.Start, p.End, p.RoomId))
            .Append(new PlacementDetails(Session.Id, date.DayOfWeek, period.Id, start, end, Room.Value));
        var version = TimetableVersion.Accept(db.CurrentSchoolId, current, from < current.EffectiveFrom ? current.EffectiveFrom : from, placements, me.UserId, clock.GetUtcNow().UtcDateTime);
        if (!version.IsSuccess)
        {
            ModelState.AddErrors(version.Error!, "");
            return Page();
        }

        try
        {
            await planner.ApplyAsync(version.Value, version.Value.EffectiveFrom, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, "Someone changed the timetable at the same moment, so nothing was moved: try again");
            return Page();
        }

        audit.Record(TimetableAuditActions.Adjusted, "WeeklySession", Session.Id.ToString(), detail: $"series moved to {date.DayOfWeek} {SchoolDates.Time(start)} from {version.Value.EffectiveFrom:yyyy-MM-dd} (version {version.Value.Number})");
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"Moved every week from {SchoolDates.Long(version.Value.EffectiveFrom)} to {date.DayOfWeek} at {SchoolDates.Time(start)}. Sessions already changed by hand stay as they are.";
        return Redirect($"/timetable?week={SchoolDates.MondayOf(date):yyyy-MM-dd}");
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var cancelled = Found!.Cancel(Reason ?? "");
        if (!cancelled.IsSuccess)
        {
            ModelState.AddErrors(cancelled.Error!, "");
            return Page();
        }

        audit.Record(TimetableAuditActions.Adjusted, "SessionOccurrence", Found.Id.ToString(), detail: "cancelled");
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"The session on {SchoolDates.Long(Found.Date)} is cancelled.";
        return Redirect($"/timetable?week={SchoolDates.MondayOf(Found.Date):yyyy-MM-dd}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Occurrence is not { } id)
        {
            return false;
        }

        Found = await db.SessionOccurrences.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (Found is null)
        {
            return false;
        }

        Session = await db.WeeklySessions.AsNoTracking().SingleAsync(s => s.Id == Found.SessionId, ct);
        Periods = (await db.LessonPeriods.AsNoTracking().ToListAsync(ct)).OrderBy(p => p.Start).ToList();
        Rooms = await db.Rooms.AsNoTracking().Where(r => r.SiteId == Session.SiteId).OrderBy(r => r.Name).ToListAsync(ct);
        RoomName = await db.Rooms.Where(r => r.Id == Found.RoomId).Select(r => r.Name).SingleOrDefaultAsync(ct) ?? "";
        return true;
    }
}
