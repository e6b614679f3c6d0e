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
public sealed class MdtListModel(SecureBaseDb db, MdtMeetings meetings, CurrentUser me, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, DateOnly HeldOn, MdtMeetingStatus Status, int Items, int OpenActions);

    public IReadOnlyList<Row> Meetings { get; private set; } = [];
    public bool CanRun => me.Can(SchoolAction.RunMdt);

    [BindProperty]
    [Display(Name = "Meeting date")]
    [Needed]
    public DateOnly? HeldOn { get; set; }

    public async Task OnGetAsync()
    {
        HeldOn = NextWeekday(Schools.SchoolTime.London.Today(clock));
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

    private async Task LoadAsync() =>
        Meetings = await db.MdtMeetings.AsNoTracking().OrderByDescending(m => m.HeldOn).Take(30)
            .Select(m => new Row(m.Id, m.HeldOn, m.Status, m.Agenda.Count, db.MdtActions.Count(a => a.MeetingId == m.Id && a.DoneAt == null))).ToListAsync();

    private static DateOnly NextWeekday(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(2),
        DayOfWeek.Sunday => d.AddDays(1),
        _ => d,
    };
}

[Permits(SchoolAction.ViewMdt, OnPost = SchoolAction.RunMdt)]
public sealed class MdtMeetingModel(SecureBaseDb db, MdtMeetings meetings, CurrentUser me) : PageModel
{
    public MdtMeeting Meeting { get; private set; } = null!;
    public IReadOnlyList<MdtAction> Actions { get; private set; } = [];
    public Dictionary<Guid, string> Team { get; private set; } = [];
    public bool CanRun => me.Can(SchoolAction.RunMdt);
    public bool CanOpenReferrals => me.Can(SchoolAction.ViewReferrals);

    [BindProperty]
    public MdtRecordInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid meetingId)
    {
        if (!await LoadAsync(meetingId))
        {
            return NotFound();
        }

        Input = new MdtRecordInput
        {
            Attendees = Meeting.Attendees,
            Apologies = Meeting.Apologies,
            DiscussionPoints = Meeting.DiscussionPoints,
            Decisions = Meeting.Decisions,
        };
        PadActions();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid meetingId)
    {
        if (ModelState.IsValid)
        {
            var result = await meetings.RecordAsync(meetingId, Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = "The meeting is recorded. Actions now show on their owners' home pages.";
                return Redirect($"/mdt/{meetingId}");
            }

            if (result.Error is Error.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        if (!await LoadAsync(meetingId))
        {
            return NotFound();
        }

        PadActions();
        return Page();
    }

    private void PadActions()
    {
        while (Input.Actions.Count < 5)
        {
            Input.Actions.Add(new MdtActionInput());
        }
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var meeting = await db.MdtMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        Actions = await db.MdtActions.AsNoTracking().Where(a => a.MeetingId == id).OrderBy(a => a.DueOn).ToListAsync();
        Team = await meetings.TeamAsync();
        return true;
    }
}

/// <summary>Marks one of the user's own MDT actions as done (from their home page).</summary>
[Permits(SchoolAction.CompleteOwnActions)]
public sealed class CompleteActionModel(MdtMeetings meetings) : PageModel
{
    // Marking done is a POST from the home page; there is nothing to show here.
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(Guid actionId)
    {
        var outcome = await meetings.CompleteActionAsync(actionId, HttpContext.RequestAborted);
        if (outcome.Error is Error.NotFound)
        {
            return NotFound();
        }

        TempData["Notice"] = outcome.IsSuccess ? "Action marked as done." : outcome.Error!.Message;
        return Redirect("/");
    }
}
