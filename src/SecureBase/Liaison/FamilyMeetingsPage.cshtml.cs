using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Liaison;

/// <summary>
/// Meetings with a pupil's family (the meeting-spaces guide's stance): the agenda, who attends, private notes for the
/// team, and a summary written for the family in plain words, shared to the parent portal once approved by the
/// practitioner who wrote it or the Head of Therapy. For the Head of Therapy and the pupil's own practitioners; audited.
/// </summary>
[Permits(SchoolAction.ViewLiaison, OnPost = SchoolAction.RecordLiaison)]
public sealed class FamilyMeetingsPageModel : PageModel
{
    private LiaisonDesk Desk => HttpContext.RequestServices.GetRequiredService<LiaisonDesk>();

    [BindProperty]
    public MeetingForm Meeting { get; set; } = new();

    [BindProperty]
    public string? SummaryText { get; set; }

    internal PupilLiaison Liaison { get; private set; } = null!;

    /// <summary>The meeting whose summary form had a problem.</summary>
    internal FamilyMeetingId? Editing { get; private set; }

    internal bool CanApproveAny { get; private set; }

    internal Guid Me { get; private set; }

    public async Task<IActionResult> OnGetAsync(PupilId pupilId)
    {
        Meeting = new MeetingForm { HeldOn = Desk.Today };
        return await LoadAsync(pupilId) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(PupilId pupilId)
    {
        var recorded = await Desk.RecordMeetingAsync(pupilId, Meeting.ToInput(), Meeting.Summary, HttpContext.RequestAborted);
        if (recorded.IsSuccess)
        {
            TempData["Notice"] = $"Meeting of {recorded.Value.HeldOn:d MMMM yyyy} recorded.";
            return Redirect($"/pupils/{pupilId}/family-meetings#meeting-{recorded.Value.Id}");
        }

        if (recorded.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (recorded.Error is Error.Validation v)
        {
            // The summary's field is "Text" in the domain; on this form it is the meeting's Summary.
            ModelState.AddErrors(new Error.Validation(v.Fields.Select(f => f.Field == "Text" ? f with { Field = "Summary" } : f).ToList()), "Meeting");
        }
        else
        {
            ModelState.AddErrors(recorded.Error!, "Meeting");
        }

        return await LoadAsync(pupilId) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSummaryAsync(PupilId pupilId, Guid meetingId)
    {
        var written = await Desk.WriteSummaryAsync(FamilyMeetingId.From(meetingId), SummaryText, HttpContext.RequestAborted);
        if (written.IsSuccess)
        {
            TempData["Notice"] = written.Value.Version > 1 && !written.Value.IsApproved
                ? $"Saved as version {written.Value.Version}, a draft: the family still sees the approved version until this one is approved."
                : "Summary saved as a draft: approve it to share it with the family.";
            return Redirect($"/pupils/{pupilId}/family-meetings#meeting-{meetingId}");
        }

        return await ProblemAsync(pupilId, meetingId, written.Error!);
    }

    public async Task<IActionResult> OnPostApproveAsync(PupilId pupilId, Guid meetingId)
    {
        var approved = await Desk.ApproveSummaryAsync(FamilyMeetingId.From(meetingId), HttpContext.RequestAborted);
        if (approved.IsSuccess)
        {
            TempData["Notice"] = $"Version {approved.Value.Version} approved: the family can read it in their portal.";
            return Redirect($"/pupils/{pupilId}/family-meetings#meeting-{meetingId}");
        }

        return await ProblemAsync(pupilId, meetingId, approved.Error!);
    }

    private async Task<IActionResult> ProblemAsync(PupilId pupilId, Guid meetingId, Error error)
    {
        if (error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddModelError(nameof(SummaryText), error is Error.Validation v ? v.Fields[0].Message : error.Message);
        Editing = FamilyMeetingId.From(meetingId);
        return await LoadAsync(pupilId) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(PupilId pupilId)
    {
        if (await Desk.ReadAsync(pupilId, "page", HttpContext.RequestAborted) is not { } liaison)
        {
            return false;
        }

        var me = HttpContext.RequestServices.GetRequiredService<CurrentUser>();
        Liaison = liaison;
        Me = me.UserId;
        CanApproveAny = me.ScopeFor(SchoolAction.ApproveFamilySummary).HasFlag(Scope.School);
        return true;
    }

    /// <summary>The form for recording a meeting with the family.</summary>
    public sealed class MeetingForm
    {
        public DateOnly? HeldOn { get; set; }
        public string? Place { get; set; }
        public string? Agenda { get; set; }
        public string? FamilyAttendees { get; set; }
        public string? StaffAttendees { get; set; }
        public string? OtherAttendees { get; set; }
        public string? TeamNotes { get; set; }
        public string? Summary { get; set; }

        internal FamilyMeetingInput ToInput() => new(HeldOn, Place, Agenda, FamilyAttendees, StaffAttendees, OtherAttendees, TeamNotes);
    }
}
