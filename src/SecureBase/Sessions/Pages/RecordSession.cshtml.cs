using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Sessions.Notes;
using SecureBase.Timetable;
using SecureBase.Web;

namespace SecureBase.Sessions;

/// <summary>
/// Records one session for all its pupils on one form: attendance (everyone "Attended" to begin with,
/// or "Displaced from room" when the room was taken), engagement for those who came, minutes (the
/// session's length to begin with). A recorded session opens with its record to correct, carrying the
/// stamp: if someone else changed it meanwhile, nothing is changed and the user is told.
/// The practitioner who held the session may write a confidential note on the same form (one note,
/// or for a group a group note and a note per pupil where needed), written through <see cref="NoteBook"/>
/// when the session is saved; the page then links to each note and says when it locks.
/// </summary>
[Permits(SchoolAction.ViewSessions, OnPost = SchoolAction.RecordSessions)]
public sealed class RecordSessionModel(SessionDesk desk, CurrentUser me, TimeProvider clock, Schools.SchoolClock schoolClock) : PageModel
{
    [BindProperty]
    public string? Minutes { get; set; }

    [BindProperty]
    public Guid? Stamp { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Attendance { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string?> Engagement { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string?> MemberMinutes { get; set; } = [];

    /// <summary>The note: about the pupil for a one-to-one session, about the group as a whole for a group.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>A group's notes per pupil, by pupil id (optional).</summary>
    [BindProperty]
    public Dictionary<string, string?> MemberNote { get; set; } = [];

    public RecordingForm? Form { get; private set; }

    /// <summary>The notes this session has already: links, never text.</summary>
    internal IReadOnlyList<SessionNoteLink> Notes { get; private set; } = [];

    /// <summary>Whether the user writes this session's notes: the practitioner who held it, if the policy table lets them write notes.</summary>
    public bool CanWriteNotes => Form is { InFuture: false } f && me.StaffId == f.Row.StaffId && me.Can(SchoolAction.WriteSessionNotes);

    /// <summary>Whether the session is for more than one pupil (a group note, and optional notes per pupil).</summary>
    public bool IsGroup => Form is { } f && (f.Row.IsRecorded ? f.Row.Members.Count : f.Pupils.Count) > 1;

    public bool HasGroupNote => Notes.Any(n => n.PupilId is null);

    public bool HasNoteFor(PupilId pupil) => Notes.Any(n => n.PupilId == pupil);

    private NoteBook NoteBook => HttpContext.RequestServices.GetRequiredService<NoteBook>();

    public static string ErrorId(string field) => Microsoft.AspNetCore.Mvc.Rendering.TagBuilder.CreateSanitizedId(field, "_") + "-error";

    /// <summary>A pupil's field's error (the field names carry the pupil's id, so they have no model expression).</summary>
    public (string Field, string? Message) ErrorOf(string field) =>
        (field, ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null);

    public async Task<IActionResult> OnGetAsync(OccurrenceId occurrenceId, CancellationToken ct)
    {
        Form = await desk.FormAsync(occurrenceId, ct);
        if (Form is null)
        {
            return NotFound();
        }

        Fill(Form);
        await LoadNotesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(OccurrenceId occurrenceId, CancellationToken ct)
    {
        Form = await desk.FormAsync(occurrenceId, ct);
        if (Form is null)
        {
            return NotFound();
        }

        int? minutes = null;
        if (!string.IsNullOrWhiteSpace(Minutes))
        {
            if (int.TryParse(Minutes.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                minutes = m;
            }
            else
            {
                ModelState.AddModelError(nameof(Minutes), "Enter the session's length in minutes, for example 45");
            }
        }

        var members = new List<MemberRecording>();
        foreach (var pupil in Form.Pupils)
        {
            var key = pupil.PupilId.ToString();
            Sessions.Attendance? attendance = null;
            if (Attendance.GetValueOrDefault(key) is { Length: > 0 } a)
            {
                if (Enum.TryParse<Sessions.Attendance>(a, out var parsed) && Enum.IsDefined(parsed))
                {
                    attendance = parsed;
                }
                else
                {
                    ModelState.AddModelError($"Attendance[{key}]", $"Choose whether {pupil.Name} attended");
                }
            }

            Sessions.Engagement? engagement = null;
            if (Engagement.GetValueOrDefault(key) is { Length: > 0 } e)
            {
                if (int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Enum.IsDefined((Sessions.Engagement)n))
                {
                    engagement = (Sessions.Engagement)n;
                }
                else
                {
                    ModelState.AddModelError($"Engagement[{key}]", $"Choose how {pupil.Name} engaged, from 1 to 5");
                }
            }

            int? own = null;
            if (MemberMinutes.GetValueOrDefault(key) is { Length: > 0 } mm)
            {
                if (int.TryParse(mm.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    own = n;
                }
                else
                {
                    ModelState.AddModelError($"MemberMinutes[{key}]", $"Enter {pupil.Name}'s minutes, for example 45");
                }
            }

            members.Add(new MemberRecording(pupil.PupilId, attendance, engagement, own));
        }

        await LoadNotesAsync(ct);
        var notes = CheckNotes();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var saved = await desk.RecordAsync(occurrenceId, minutes, members, Stamp, ct);
        if (!saved.IsSuccess)
        {
            ModelState.AddErrors(saved.Error!, "");
            if (saved.Error is Error.Conflict)
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
            }
            else if (saved.Error is Error.NotFound)
            {
                return NotFound();
            }

            return Page();
        }

        var recordedNotice = Stamp is null ? "The session is recorded." : "The session's record is corrected.";
        if (notes.Count == 0)
        {
            TempData["Notice"] = recordedNotice;
            return Redirect($"/sessions?week={Form.Row.Date:yyyy-MM-dd}");
        }

        // The session is saved; its notes are written through the note book (the one place notes are written and audited).
        var problems = new List<string>();
        foreach (var (pupil, text) in notes)
        {
            var group = pupil is null && saved.Value.IsGroup;
            var written = await NoteBook.WriteAsync(new NoteRequest(saved.Value.Id, group ? null : pupil, null, group, text), ct);
            if (!written.IsSuccess)
            {
                problems.Add(written.Error!.Message);
            }
        }

        TempData["Notice"] = problems.Count == 0
            ? $"{recordedNotice} Note written."
            : $"{recordedNotice} A note was not saved: {string.Join(" ", problems)}";
        return Redirect($"/sessions/{occurrenceId}/record");
    }

    /// <summary>"Note written — locks at 14:05 on Saturday 5 December 2026", or "Note written — locked".</summary>
    internal string LockWords(SessionNoteLink note)
    {
        if (note.Locked)
        {
            return "locked";
        }

        var local = schoolClock.ToLocal(note.LocksAt);
        return $"locks at {Schools.SchoolDates.Time(TimeOnly.FromDateTime(local))} on {Schools.SchoolDates.Long(DateOnly.FromDateTime(local))}";
    }

    /// <summary>The notes typed on the form, checked before anything is saved: (pupil, text), the pupil null for the session's one note or the group note.</summary>
    private List<(PupilId? Pupil, string Text)> CheckNotes()
    {
        var notes = new List<(PupilId?, string)>();
        var typed = !string.IsNullOrWhiteSpace(Note) || MemberNote.Values.Any(v => !string.IsNullOrWhiteSpace(v));
        if (!typed)
        {
            return notes;
        }

        if (!CanWriteNotes)
        {
            ModelState.AddModelError(nameof(Note), "Only the practitioner who held this session writes its notes");
            return notes;
        }

        if (!string.IsNullOrWhiteSpace(Note))
        {
            var single = !IsGroup && Form!.Pupils.Count == 1 ? Form.Pupils[0].PupilId : (PupilId?)null;
            if (IsGroup ? HasGroupNote : single is { } p && HasNoteFor(p))
            {
                ModelState.AddModelError(nameof(Note), "This session has a note already: open it to correct it or add an addendum");
            }
            else if (SessionNote.CheckText(Note) is { IsSuccess: false } bad)
            {
                ModelState.AddModelError(nameof(Note), bad.Error!.Message);
            }
            else
            {
                notes.Add((single, Note.Trim()));
            }
        }

        if (!IsGroup)
        {
            return notes;
        }

        foreach (var pupil in Form!.Pupils)
        {
            var key = pupil.PupilId.ToString();
            if (MemberNote.GetValueOrDefault(key) is not { } text || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (HasNoteFor(pupil.PupilId))
            {
                ModelState.AddModelError($"MemberNote[{key}]", $"{pupil.Name} has a note for this session already: open it to correct it or add an addendum");
            }
            else if (SessionNote.CheckText(text) is { IsSuccess: false } bad)
            {
                ModelState.AddModelError($"MemberNote[{key}]", bad.Error!.Message);
            }
            else
            {
                notes.Add((pupil.PupilId, text.Trim()));
            }
        }

        return notes;
    }

    private async Task LoadNotesAsync(CancellationToken ct)
    {
        if (Form?.Row.SessionId is not { } session)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var names = Form.Pupils.ToDictionary(p => p.PupilId, p => p.Name);
        Notes = (await NoteBook.OfSessionAsync(session, ct))
            .Select(n => new SessionNoteLink(n.Id.Value, n.Kind == NoteKind.Group ? null : n.PupilId,
                n.Kind == NoteKind.Group ? "Group note" : n.PupilId is { } p && IsGroup && names.TryGetValue(p, out var name) ? $"Note on {name}" : "Note",
                n.LocksAt, n.IsLockedAt(now)))
            .ToList();
    }

    private void Fill(RecordingForm form)
    {
        Minutes ??= (form.Row.Members.Count > 0 ? form.Row.Members.Max(m => m.Minutes) : (int)(form.Row.End - form.Row.Start).TotalMinutes).ToString(CultureInfo.InvariantCulture);
        if (form.Row.IsRecorded)
        {
            Minutes = ((int)(form.Row.End - form.Row.Start).TotalMinutes).ToString(CultureInfo.InvariantCulture);
            Stamp = form.Row.Stamp;
        }

        foreach (var p in form.Pupils)
        {
            var key = p.PupilId.ToString();
            var recorded = form.Row.Members.FirstOrDefault(m => m.PupilId == p.PupilId);
            Attendance[key] = (recorded?.Attendance ?? (form.Row.DisplacementId is not null ? Sessions.Attendance.DisplacedFromRoom : Sessions.Attendance.Attended)).ToString();
            Engagement[key] = recorded?.Engagement is { } e ? ((int)e).ToString(CultureInfo.InvariantCulture) : null;
            MemberMinutes[key] = recorded is { Attendance: Sessions.Attendance.Attended } ? recorded.Minutes.ToString(CultureInfo.InvariantCulture) : null;
        }
    }
}

/// <summary>A link to one of a session's notes: which note, when it locks, whether it is locked.</summary>
internal sealed record SessionNoteLink(Guid Id, PupilId? PupilId, string Label, DateTime LocksAt, bool Locked);
