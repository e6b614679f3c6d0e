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

    private async Task LoadAsync()
    {
        var reach = await MdtReach.ForAsync(db, me);
        var meetings = await db.MdtMeetings.AsNoTracking().OrderByDescending(m => m.HeldOn).Take(30).ToListAsync();
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

[Permits(SchoolAction.ViewMdt, OnPost = SchoolAction.RunMdt)]
public sealed class MdtMeetingModel(SecureBaseDb db, MdtMeetings meetings, CurrentUser me) : PageModel
{
    public MdtMeeting Meeting { get; private set; } = null!;

    /// <summary>The agenda items the user may see: all but safeguarding follow-ups for the team, only their own pupils' for an ELSA.</summary>
    public IReadOnlyList<MdtAgendaItem> Agenda { get; private set; } = [];

    /// <summary>The minutes discuss every pupil: the whole team sees them, an ELSA only their own items and actions.</summary>
    public bool ShowMinutes { get; private set; }

    public bool SeesFollowUps => me.Can(SchoolAction.ViewSafeguardingFollowUps);
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
        var reach = await MdtReach.ForAsync(db, me);
        Agenda = reach.Agenda(meeting);
        ShowMinutes = reach.WholeMeeting;
        Actions = (await db.MdtActions.AsNoTracking().Where(a => a.MeetingId == id).OrderBy(a => a.DueOn).ToListAsync()).Where(reach.Sees).ToList();
        Team = await meetings.TeamAsync();
        return true;
    }
}

/// <summary>
/// What of the MDT a user sees, from the policy table: the whole team (scope School) every agenda item
/// and action, with safeguarding follow-ups only for those who may see them (Head of Therapy, DSL);
/// a therapy assistant or ELSA (DeliveredBySelf) the items about pupils they work with and the actions they own.
/// </summary>
internal sealed class MdtReach
{
    private readonly bool _followUps;
    private readonly HashSet<PupilId> _pupils;
    private readonly Guid _user;

    private MdtReach(bool whole, bool followUps, HashSet<PupilId> pupils, Guid user)
    {
        WholeMeeting = whole;
        _followUps = followUps;
        _pupils = pupils;
        _user = user;
    }

    public bool WholeMeeting { get; }

    public static async Task<MdtReach> ForAsync(SecureBaseDb db, CurrentUser me)
    {
        var whole = me.ScopeFor(SchoolAction.ViewMdt).HasFlag(Scope.School);
        var pupils = whole || me.StaffId is not { } staff ? []
            : (await db.Episodes.AsNoTracking().Where(e => e.StaffId == staff && e.Status == EpisodeStatus.Open).Select(e => e.PupilId).ToListAsync()).ToHashSet();
        return new MdtReach(whole, me.Can(SchoolAction.ViewSafeguardingFollowUps), pupils, me.UserId);
    }

    public IReadOnlyList<MdtAgendaItem> Agenda(MdtMeeting m) => m.Agenda
        .Where(i => i.Kind != AgendaItemKind.SafeguardingFollowUp || _followUps)
        .Where(i => WholeMeeting || (i.PupilId is { } p && _pupils.Contains(p)))
        .ToList();

    public bool Sees(MdtAction a) => WholeMeeting || a.OwnerUserId == _user;
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
