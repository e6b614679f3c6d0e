using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;

namespace SecureBase.Sessions.Notes;

/// <summary>
/// One confidential note: its text, author, written and locked times, every version and addendum,
/// and (for its author) who else has read it. Opened through <see cref="NoteBook"/>, which decides
/// who may read and audits the read: the author and the pupil's own therapist read with the reason
/// implied; anyone else the note is open to first chooses a reason on a small form, and the text is
/// not shown until they have. The author corrects it until it locks, signs it to lock it, and after
/// that only an addendum can be added.
/// </summary>
[Permits(SchoolAction.ViewSessionNotes, OnPost = SchoolAction.WriteSessionNotes)]
public sealed class NotePageModel : PageModel
{
    /// <summary>The reason a reader with no relationship to the note gives (query "reason").</summary>
    [BindProperty(SupportsGet = true)]
    public ReadReason? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReasonOther { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public string? Addendum { get; set; }

    /// <summary>The opened note, or null when the reason form is shown (or the note could not be opened).</summary>
    internal NoteView? View { get; private set; }

    /// <summary>Whether the page asks for a reason before the note opens.</summary>
    public bool AskWhy { get; private set; }

    /// <summary>What was wrong with the reason given, if one was.</summary>
    public string? WhyProblem { get; private set; }

    /// <summary>Who or what the note is about: "Jamal Okafor, session on Thursday 3 December 2026".</summary>
    public string About { get; private set; } = "";

    public TimeZoneInfo Zone => HttpContext.RequestServices.GetRequiredService<Schools.SchoolClock>().Time.Zone;

    internal static IReadOnlyList<ReadReason> Reasons => NoteBook.Reasons;

    private NoteBook Notes => HttpContext.RequestServices.GetRequiredService<NoteBook>();

    /// <summary>"Thursday 3 December 2026 at 14:05" in the school's time.</summary>
    public string When(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
        return $"{SchoolDates.Long(DateOnly.FromDateTime(local))} at {SchoolDates.Time(TimeOnly.FromDateTime(local))}";
    }

    /// <summary>The query string that carries the reader's reason to the next page (empty for a reader with an implied reason).</summary>
    public string ReasonQuery =>
        Reason is { } r ? $"?reason={r}" + (string.IsNullOrWhiteSpace(ReasonOther) ? "" : $"&reasonOther={Uri.EscapeDataString(ReasonOther)}") : "";

    public Task<IActionResult> OnGetAsync(Guid noteId)
    {
        // A reason that is not one of the list is treated as none: the reason form says what to choose.
        ModelState.Remove(nameof(Reason));
        return ShowAsync(SessionNoteId.From(noteId), fillForm: true);
    }

    public async Task<IActionResult> OnPostEditAsync(Guid noteId)
    {
        var note = SessionNoteId.From(noteId);
        var ct = HttpContext.RequestAborted;
        var edited = await Notes.EditAsync(note, Version, Text ?? "", asAddendum: false, ct);
        return await AfterAsync(note, edited, "Text", "Your correction is saved.");
    }

    public async Task<IActionResult> OnPostSignAsync(Guid noteId)
    {
        var note = SessionNoteId.From(noteId);
        var signed = await Notes.SignAsync(note, Version, HttpContext.RequestAborted);
        return await AfterAsync(note, signed, "Text", "The note is signed and locked. Later changes are addenda.");
    }

    public async Task<IActionResult> OnPostAddendumAsync(Guid noteId)
    {
        var note = SessionNoteId.From(noteId);
        var added = await Notes.AddAddendumAsync(note, Addendum ?? "", HttpContext.RequestAborted);
        return await AfterAsync(note, added, "Addendum", "The addendum is added.");
    }

    private async Task<IActionResult> AfterAsync(SessionNoteId noteId, Result<SessionNote> changed, string field, string notice)
    {
        if (changed.IsSuccess)
        {
            TempData["Notice"] = notice;
            return Redirect($"/notes/{noteId}{ReasonQuery}");
        }

        switch (changed.Error)
        {
            case Error.NotFound:
                return NotFound();
            case Error.Validation v:
                foreach (var f in v.Fields)
                {
                    ModelState.AddModelError(field, f.Message);
                }

                break;
            case Error.Forbidden f:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                ModelState.AddModelError(string.Empty, f.Message);
                break;
            case Error.Conflict c:
                Response.StatusCode = StatusCodes.Status409Conflict;
                ModelState.AddModelError(string.Empty, c.Message);
                break;
            default:
                ModelState.AddModelError(string.Empty, changed.Error!.Message);
                break;
        }

        var status = Response.StatusCode;
        var shown = await ShowAsync(noteId, fillForm: false);
        if (shown is PageResult && status != StatusCodes.Status200OK)
        {
            Response.StatusCode = status;
        }

        return shown;
    }

    private async Task<IActionResult> ShowAsync(SessionNoteId noteId, bool fillForm)
    {
        var ct = HttpContext.RequestAborted;
        var opened = await Notes.OpenAsync(noteId, Reason, ReasonOther, "page", ct);
        if (!opened.IsSuccess)
        {
            switch (opened.Error)
            {
                case Error.NotFound:
                    return NotFound();
                case Error.Validation v when v.Fields.All(f => f.Field is "reason" or "reasonOther"):
                    AskWhy = true;
                    WhyProblem = Reason is null && !Request.Query.ContainsKey("reason") ? null : v.Message;
                    if (WhyProblem is not null)
                    {
                        Response.StatusCode = StatusCodes.Status400BadRequest;
                    }

                    return Page();
                default:
                    // A note that cannot be decrypted (a missing key, a failed integrity check) is reported, never shown.
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    ModelState.AddModelError(string.Empty, opened.Error!.Message);
                    return Page();
            }
        }

        View = opened.Value;
        About = await AboutAsync(View.Note, ct);
        if (fillForm)
        {
            Text = View.Text;
            Version = View.Note.Version;
        }
        else
        {
            Version = View.Note.Version;
        }

        return Page();
    }

    private async Task<string> AboutAsync(SessionNote note, CancellationToken ct)
    {
        var db = HttpContext.RequestServices.GetRequiredService<SecureBaseDb>();
        var pupil = note.PupilId is { } p
            ? (await db.Pupils.AsNoTracking().SingleOrDefaultAsync(x => x.Id == p, ct))?.DisplayName
            : null;
        var session = note.TherapySessionId is { } s
            ? await db.TherapySessions.AsNoTracking().Where(x => x.Id == s).Select(x => (DateOnly?)x.Date).SingleOrDefaultAsync(ct)
            : null;
        return note.Kind switch
        {
            NoteKind.Group => $"The group session on {(session is { } d ? SchoolDates.Long(d) : "a date not recorded")}",
            NoteKind.Progress => $"{pupil ?? "The pupil"}: progress in the episode",
            _ => $"{pupil ?? "The pupil"}, session on {(session is { } d2 ? SchoolDates.Long(d2) : "a date not recorded")}",
        };
    }
}
