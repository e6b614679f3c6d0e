using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Timetable;
using SecureBase.Web;

namespace SecureBase.Sessions;

/// <summary>
/// Records one session for all its pupils on one form: attendance (everyone "Attended" to begin with,
/// or "Displaced from room" when the room was taken), engagement for those who came, minutes (the
/// session's length to begin with). A recorded session opens with its record to correct, carrying the
/// stamp: if someone else changed it meanwhile, nothing is changed and the user is told.
/// </summary>
[Permits(SchoolAction.ViewSessions, OnPost = SchoolAction.RecordSessions)]
public sealed class RecordSessionModel(SessionDesk desk) : PageModel
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

    public RecordingForm? Form { get; private set; }

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

        TempData["Notice"] = Stamp is null ? "The session is recorded." : "The session's record is corrected.";
        return Redirect($"/sessions?week={Form.Row.Date:yyyy-MM-dd}");
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
