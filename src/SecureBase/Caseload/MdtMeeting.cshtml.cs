using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Caseload;

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
