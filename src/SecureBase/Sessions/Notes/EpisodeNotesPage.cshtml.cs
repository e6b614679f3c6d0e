using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Sessions.Notes;

/// <summary>One line of an episode's notes: what it is about, who wrote it and when, whether it is locked; never its text.</summary>
internal sealed record EpisodeNoteLine(Guid Id, string What, DateTime WrittenAt, string Author, bool Locked);

/// <summary>
/// An episode's notes by date (session, group and progress notes) for whoever <see cref="NoteBook"/>
/// lets see them: dates, authors and whether each is locked, never the text (a note opens on its own
/// page, with its reason rule). The episode's practitioner writes a progress note here in weeks 5–10
/// of the cycle.
/// </summary>
[Permits(SchoolAction.ViewSessionNotes, OnPost = SchoolAction.WriteSessionNotes)]
public sealed class EpisodeNotesPageModel(CurrentUser me, SecureBaseDb db, TimeProvider clock, Schools.SchoolClock schoolClock) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    internal IReadOnlyList<EpisodeNoteLine> Lines { get; private set; } = [];

    public string Pupil { get; private set; } = "";

    public Guid EpisodeId { get; private set; }

    /// <summary>Whether the user is the practitioner of this open episode (who writes its progress notes).</summary>
    public bool IsPractitioner { get; private set; }

    /// <summary>Why a progress note cannot be written today (outside weeks 5–10), or null when it can.</summary>
    public string? ProgressClosed { get; private set; }

    public TimeZoneInfo Zone => schoolClock.Time.Zone;

    private NoteBook Notes => HttpContext.RequestServices.GetRequiredService<NoteBook>();

    public Task<IActionResult> OnGetAsync(EpisodeId episodeId) => ShowAsync(episodeId);

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        var ct = HttpContext.RequestAborted;
        var written = await Notes.WriteAsync(new NoteRequest(null, null, episodeId, false, Text), ct);
        if (written.IsSuccess)
        {
            TempData["Notice"] = $"Progress note written. It locks at {Schools.SchoolDates.Time(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(written.Value.LocksAt, Zone)))} tomorrow unless you sign it first.";
            return Redirect($"/notes/{written.Value.Id}");
        }

        switch (written.Error)
        {
            case Error.NotFound:
                return NotFound();
            case Error.Validation v:
                foreach (var f in v.Fields)
                {
                    ModelState.AddModelError(nameof(Text), f.Message);
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Error.Forbidden f:
                ModelState.AddModelError(string.Empty, f.Message);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            default:
                ModelState.AddModelError(string.Empty, written.Error!.Message);
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }

        var status = Response.StatusCode;
        var shown = await ShowAsync(episodeId);
        if (shown is PageResult)
        {
            Response.StatusCode = status;
        }

        return shown;
    }

    public string When(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
        return $"{Schools.SchoolDates.Brief(DateOnly.FromDateTime(local))} {Schools.SchoolDates.Time(TimeOnly.FromDateTime(local))}";
    }

    private async Task<IActionResult> ShowAsync(EpisodeId episodeId)
    {
        var ct = HttpContext.RequestAborted;
        var notes = await Notes.ListForEpisodeAsync(episodeId, ct);
        if (!notes.IsSuccess)
        {
            return NotFound();
        }

        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == episodeId, ct);
        EpisodeId = episode.Id.Value;
        Pupil = (await db.Pupils.AsNoTracking().SingleOrDefaultAsync(p => p.Id == episode.PupilId, ct))?.DisplayName ?? "The pupil";
        IsPractitioner = episode.IsOpen && me.StaffId == episode.StaffId && me.Can(SchoolAction.WriteSessionNotes);
        if (IsPractitioner)
        {
            var inWeeks = await Notes.ProgressWeekAsync(episode, ct);
            ProgressClosed = inWeeks.IsSuccess ? null : inWeeks.Error!.Message;
        }

        var sessionIds = notes.Value.Where(n => n.TherapySessionId is not null).Select(n => n.TherapySessionId!.Value).Distinct().ToList();
        var dates = await db.TherapySessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Date, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Lines = notes.Value.OrderByDescending(n => n.WrittenAt).Select(n => new EpisodeNoteLine(n.Id.Value,
                n.Kind switch
                {
                    NoteKind.Progress => "Progress note",
                    NoteKind.Group => $"Group session note, {SessionDate(n)}",
                    _ => $"Session note, {SessionDate(n)}",
                },
                n.WrittenAt, n.AuthorName, n.IsLockedAt(now)))
            .ToList();
        return Page();

        string SessionDate(SessionNote n) =>
            n.TherapySessionId is { } s && dates.TryGetValue(s, out var d) ? Schools.SchoolDates.Brief(d) : "session";
    }
}
