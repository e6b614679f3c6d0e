using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;

namespace SecureBase.Timetable;

/// <summary>
/// A week's therapy sessions by room and by practitioner. A practitioner sees the sessions they
/// deliver; senior staff see every one. Pupils are named only to those who may see the caseload
/// (the Head of Therapy, and a practitioner for their own sessions).
/// </summary>
[Permits(SchoolAction.ViewTimetable)]
public sealed class WeekTimetableModel(TimetableWeek timetable, SecureBaseDb db, CurrentUser me, Schools.SchoolClock schoolClock) : PageModel
{
    public sealed record Row(OccurrenceView Occurrence, string? Pupils);

    public DateOnly Monday { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanAdjust => me.Can(SchoolAction.AdjustTimetable);
    public bool CanPlan => me.Can(SchoolAction.PlanTimetable);
    public bool OwnOnly { get; private set; }

    public async Task OnGetAsync(string? week, CancellationToken ct)
    {
        var today = schoolClock.Today;
        Monday = SchoolDates.MondayOf(today);
        if (week is not null)
        {
            if (SchoolDates.TryParseDate(week, out var chosen))
            {
                Monday = SchoolDates.MondayOf(chosen);
            }
            else
            {
                ModelState.AddModelError("week", $"\"{(week.Length > 20 ? week[..20] : week)}\" is not a date: write the week as yyyy-mm-dd, for example {Monday:yyyy-MM-dd}. This week is shown.");
            }
        }

        var scope = me.ScopeFor(SchoolAction.ViewTimetable);
        OwnOnly = !scope.HasFlag(Scope.School);
        if (OwnOnly && me.StaffId is null)
        {
            return;
        }

        var filter = OwnOnly ? new OccurrenceFilter(Staff: me.StaffId) : new OccurrenceFilter();
        var list = await timetable.BetweenAsync(Monday, Monday.AddDays(4), filter with { IncludeCancelled = true }, ct);

        // Pupils are named to whoever sees the caseload the session belongs to.
        var caseload = me.ScopeFor(SchoolAction.ViewCaseload);
        var named = caseload.HasFlag(Scope.School) ? list.SelectMany(o => o.PupilIds).ToHashSet()
            : caseload != Scope.None && me.StaffId is { } self ? list.Where(o => o.StaffId == self).SelectMany(o => o.PupilIds).ToHashSet()
            : [];
        var names = (await db.Pupils.AsNoTracking().Select(p => new { p.Id, p.PreferredFirstName, p.LegalFirstName, p.PreferredLastName, p.LegalLastName }).ToListAsync(ct))
            .Where(p => named.Contains(p.Id)).ToDictionary(p => p.Id, p => $"{p.PreferredFirstName ?? p.LegalFirstName} {p.PreferredLastName ?? p.LegalLastName}");
        Rows = list.Select(o => new Row(o, o.PupilIds.All(names.ContainsKey) && o.PupilIds.Count > 0 ? string.Join(", ", o.PupilIds.Select(p => names[p])) : null)).ToList();
    }

    public static string Status(OccurrenceView o) => o.Status switch
    {
        OccurrenceStatus.Cancelled => "Cancelled",
        OccurrenceStatus.Moved => o.Date != o.OriginalDate ? $"Moved from {SchoolDates.Brief(o.OriginalDate)}" : "Moved",
        _ => "",
    };
}
