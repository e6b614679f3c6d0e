using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Sessions;

/// <summary>
/// A drop-in or crisis session added on the day, for a pupil on the practitioner's own caseload:
/// when, how long, where, and whether and how the pupil engaged. Not for a day still to come.
/// </summary>
[Permits(SchoolAction.RecordSessions)]
public sealed class NewSessionModel(SessionDesk desk) : PageModel
{
    [BindProperty] public PupilId? PupilId { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Start { get; set; }
    [BindProperty] public string? Minutes { get; set; }
    [BindProperty] public RoomId? RoomId { get; set; }
    [BindProperty] public string? Attendance { get; set; }
    [BindProperty] public string? Engagement { get; set; }

    public IReadOnlyList<(PupilId Id, string Name)> Pupils { get; private set; } = [];
    public IReadOnlyList<(RoomId Id, string Name)> Rooms { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var (today, now) = desk.Now;
        Date ??= today.ToString("dd/MM/yyyy", SchoolDates.English);
        Start ??= SchoolDates.Time(new TimeOnly(now.Hour, now.Minute));
        Minutes ??= "30";
        Kind ??= nameof(SessionKind.DropIn);
        Attendance ??= nameof(Sessions.Attendance.Attended);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (PupilId is null)
        {
            ModelState.AddModelError(nameof(PupilId), "Choose the pupil");
        }

        if (!Enum.TryParse<SessionKind>(Kind, out var kind) || kind == SessionKind.Timetabled)
        {
            ModelState.AddModelError(nameof(Kind), "Choose drop-in or crisis session");
        }

        if (!SchoolDates.TryParseDate(Date, out var date))
        {
            ModelState.AddModelError(nameof(Date), "Enter the date of the session, for example 04/12/2026");
        }

        if (!TimeOnly.TryParseExact(Start?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            ModelState.AddModelError(nameof(Start), "Enter the time it started, for example 13:15");
        }

        if (!int.TryParse(Minutes?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            ModelState.AddModelError(nameof(Minutes), "Enter how many minutes it lasted, for example 30");
        }

        if (!Enum.TryParse<Attendance>(Attendance, out var attendance) || !Enum.IsDefined(attendance))
        {
            ModelState.AddModelError(nameof(Attendance), "Choose whether the pupil attended");
        }

        Engagement? engagement = null;
        if (!string.IsNullOrEmpty(Engagement))
        {
            if (int.TryParse(Engagement, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Enum.IsDefined((Engagement)n))
            {
                engagement = (Engagement)n;
            }
            else
            {
                ModelState.AddModelError(nameof(Engagement), "Choose how the pupil engaged, from 1 to 5");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var added = await desk.AddAsync(new AdHocSession(PupilId!.Value, kind, date, start, minutes, RoomId, attendance, engagement), ct);
        if (!added.IsSuccess)
        {
            ModelState.AddErrors(added.Error!, "");
            return Page();
        }

        TempData["Notice"] = $"The {SessionWords.Of(kind).ToLowerInvariant()} is recorded.";
        return Redirect($"/sessions?week={date:yyyy-MM-dd}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Pupils = await desk.OwnCaseloadAsync(ct);
        Rooms = await desk.RoomsAsync(ct);
    }
}
