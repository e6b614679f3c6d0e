using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Sessions;

/// <summary>
/// A practitioner's week of sessions: each timetabled occurrence (recorded, with its attendance, or
/// "to record") and sessions added on the day; previous and next weeks by link. The Head of Therapy
/// chooses whose week (or everyone's): fifty sessions a page.
/// </summary>
[Permits(SchoolAction.ViewSessions)]
public sealed class SessionsWeekModel(SessionDesk desk, CurrentUser me) : PageModel
{
    public SessionWeek Week { get; private set; } = new(default, default, default, null, []);
    public IReadOnlyList<(Guid Id, string Name)> Practitioners { get; private set; } = [];
    public Guid? Staff { get; private set; }
    public bool CanRecord => me.Can(SchoolAction.RecordSessions);
    public bool CanAdd => CanRecord && me.StaffId is not null;

    public async Task OnGetAsync(string? week, Guid? staff, CancellationToken ct)
    {
        var (today, _) = desk.Now;
        var day = today;
        if (week is not null)
        {
            if (SchoolDates.TryParseDate(week, out var chosen))
            {
                day = chosen;
            }
            else
            {
                ModelState.AddModelError("week", $"\"{(week.Length > 20 ? week[..20] : week)}\" is not a date: write the week as yyyy-mm-dd, for example {SchoolDates.MondayOf(today):yyyy-MM-dd}. This week is shown.");
            }
        }

        Practitioners = await desk.PractitionersAsync(ct);
        Staff = Practitioners.Any(p => p.Id == staff) ? staff : null;
        var requested = Paging.Requested(Request.Query["page"]);
        Week = await desk.WeekAsync(day, Staff is { } s ? Common.StaffId.From(s) : null, ct, requested);
        _paging = Paging.Of(requested, Week.Total, SessionDesk.PageSize);
    }

    private Paging _paging = Paging.Of(1, 0, SessionDesk.PageSize);

    internal PagerView Pager => new("Pages of the week's sessions", _paging, p => WeekLink(Week.Monday) + $"&page={p}");

    public string WeekLink(DateOnly monday) => $"/sessions?week={monday:yyyy-MM-dd}" + (Staff is { } s ? $"&staff={s}" : "");
}
