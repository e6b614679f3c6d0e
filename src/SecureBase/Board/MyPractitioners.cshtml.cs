using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Timetable;

namespace SecureBase.Board;

/// <summary>One practitioner as a pupil reads them: plain words, and never who else they are with.</summary>
public sealed record PractitionerCard(StaffId StaffId, string Name, string Initials, string What, string WhereNow, string NextFree);

/// <summary>
/// The pupil's own view (/my-practitioners): the practitioners who work with them (their open
/// episodes and the weekly sessions they are in), where each is now and when they are next free,
/// then a few questions about the rooms they have sessions in. A practitioner in a session with
/// another pupil is "with someone": never with whom, nor in which room.
/// </summary>
[Permits(SchoolAction.ViewOwnPractitioners, OnPost = SchoolAction.GiveRoomViews)]
public sealed class MyPractitionersModel(SecureBaseDb db, CurrentUser me, PractitionerBoard board, RoomVoices voices, TimetableWeek week) : PageModel
{
    public IReadOnlyList<PractitionerCard> Practitioners { get; private set; } = [];
    public string? NextSession { get; private set; }
    public IReadOnlyList<PupilRoom> Rooms { get; private set; } = [];
    public string UpdatedAt { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.PupilId is null)
        {
            return NotFound();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? room, string? likesRoom, string? quietEnough, string? likesSamePlace, string? better, CancellationToken ct)
    {
        if (me.PupilId is not { } pupil)
        {
            return NotFound();
        }

        if (!RoomId.TryParse(room, null, out var roomId))
        {
            return NotFound();
        }

        var answers = new RoomAnswers(Parse(likesRoom), Parse(quietEnough), Parse(likesSamePlace), better);
        var (now, _) = await board.NowAsync(ct);
        var outcome = await voices.GiveAsync(pupil, roomId, answers, now.Date, ct);
        if (outcome.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (!outcome.IsSuccess)
        {
            foreach (var f in ((Error.Validation)outcome.Error!).Fields)
            {
                ModelState.AddModelError($"{f.Field}-{roomId}", f.Message);
            }

            await LoadAsync(ct);
            return Page();
        }

        TempData["Notice"] = "Thank you for telling us. The therapy team will read it.";
        return Redirect("/my-practitioners");
    }

    private static VoiceAnswer? Parse(string? value) =>
        Enum.TryParse<VoiceAnswer>(value, ignoreCase: false, out var a) && Enum.IsDefined(a) ? a : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        var pupil = me.PupilId!.Value;
        var (now, _) = await board.NowAsync(ct);
        UpdatedAt = now.Time.ToString("HH\\:mm");
        var mySessions = await week.BetweenAsync(now.Date, now.Date.AddDays(14), new OccurrenceFilter(Pupil: pupil), ct);
        var staffIds = await db.Episodes.AsNoTracking().Where(e => e.PupilId == pupil && e.Status == EpisodeStatus.Open).Select(e => e.StaffId).ToListAsync(ct);
        staffIds = staffIds.Concat(mySessions.Select(s => s.StaffId)).Distinct().ToList();

        var read = await board.ReadAsync(staffIds, ct);
        Practitioners = read.Rows.Select(r => Card(r, pupil, read.Now)).ToList();

        var next = mySessions.Where(s => s.Date > now.Date || s.End > now.Time).OrderBy(s => s.Date).ThenBy(s => s.Start).FirstOrDefault();
        if (next is not null)
        {
            var day = next.Date == now.Date ? "Today" : next.Date == now.Date.AddDays(1) ? "Tomorrow" : next.Date.ToString("dddd d MMMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
            NextSession = $"{day} at {next.Start:HH\\:mm}, in {next.RoomName}, with {next.StaffName}.";
        }

        Rooms = await voices.RoomsOfAsync(pupil, now.Date, ct);
    }

    internal static PractitionerCard Card(BoardRow r, PupilId me, SchoolMoment now)
    {
        var withMe = r.WithPupils.Contains(me);
        var where = r.Presence switch
        {
            Presence.InSession when r.Room is not null && withMe => $"With you in {r.Room}" + (r.Until is { } u ? $" until {u:HH\\:mm}." : "."),
            Presence.InSession => "With someone" + (r.Until is { } u ? $" until {u:HH\\:mm}." : "."),
            Presence.FreeForDropIn => "Free now.",
            Presence.InMeeting => "In a meeting" + Back(r),
            Presence.AtLunch => "Having lunch" + Back(r),
            Presence.OffSite => "Out of school" + Back(r),
            Presence.NotInToday when r.BackAt is { } b && b > now.Time => $"Not here yet. In at {b:HH\\:mm}.",
            Presence.NotInToday => "Not in school today.",
        };
        var next = r.FreeNow ? "Free now." : r.NextFree is { } f ? $"Free at {f:HH\\:mm}." : r.Presence == Presence.NotInToday ? "Not today." : "We don't know yet.";
        var words = r.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var initials = string.Concat(words.Where(w => w.Length > 0 && char.IsLetter(w[0])).Select(w => char.ToUpperInvariant(w[0]))).PadRight(1);
        return new PractitionerCard(r.StaffId, r.Name, initials.Length > 2 ? initials[^2..] : initials, r.Role, where, next);
    }

    private static string Back(BoardRow r) => r.BackAt is { } b ? $". Back at {b:HH\\:mm}." : ".";
}
