using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Caseload;

[Permits(SchoolAction.ViewMdt, OnPost = SchoolAction.RunMdt)]
public sealed class MdtListModel(SecureBaseDb db, MdtMeetings meetings, CurrentUser me, Schools.SchoolClock schoolClock) : PageModel
{
    public sealed record Row(Guid Id, DateOnly HeldOn, MdtMeetingStatus Status, int Items, int OpenActions);

    /// <summary>Meetings per page: a school year of weekly meetings on the first, the years before page by page.</summary>
    public const int PageSize = 40;

    public IReadOnlyList<Row> Meetings { get; private set; } = [];

    public int Total { get; private set; }

    private Paging _paging = Paging.Of(1, 0, PageSize);

    public int PageNumber => _paging.Page;

    public int Pages => _paging.Pages;

    internal PagerView Pager => new("Pages of meetings", _paging, p => $"/mdt?page={p}", "Later meetings", "Earlier meetings");
    public bool CanRun => me.Can(SchoolAction.RunMdt);

    [BindProperty]
    [Display(Name = "Meeting date")]
    [Needed]
    public DateOnly? HeldOn { get; set; }

    public async Task OnGetAsync()
    {
        HeldOn = NextWeekday(schoolClock.Today);
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await meetings.PrepareAsync(HeldOn!.Value, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                return Redirect($"/mdt/{result.Value.Id}");
            }

            ModelState.AddErrors(result.Error!, "");
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var reach = await MdtReach.ForAsync(db, me);
        Total = await db.MdtMeetings.CountAsync();
        _paging = Paging.Of(Paging.Requested(Request.Query["page"]), Total, PageSize);
        var meetings = await db.MdtMeetings.AsNoTracking().OrderByDescending(m => m.HeldOn).ThenBy(m => m.Id)
            .Skip(_paging.Skip).Take(PageSize).ToListAsync();
        var ids = meetings.Select(m => m.Id).ToList();
        var open = await db.MdtActions.AsNoTracking().Where(a => ids.Contains(a.MeetingId) && a.DoneAt == null).ToListAsync();
        Meetings = meetings.Select(m => new Row(m.Id, m.HeldOn, m.Status, reach.Agenda(m).Count, open.Count(a => a.MeetingId == m.Id && reach.Sees(a)))).ToList();
    }

    private static DateOnly NextWeekday(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(2),
        DayOfWeek.Sunday => d.AddDays(1),
        _ => d,
    };
}
