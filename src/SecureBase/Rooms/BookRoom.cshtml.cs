using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Rooms;

[Permits(SchoolAction.BookRooms)]
public sealed class BookRoomModel(RoomRecords records, RoomBookings bookings, RoomDisplacer displacer, SecureBaseDb db, Schools.SchoolClock schoolClock) : PageModel
{
    [BindProperty]
    public BookingInput Input { get; set; } = new();

    public RoomRow Row { get; private set; } = null!;
    public int NoticeDays { get; private set; }

    public async Task<IActionResult> OnGetAsync(RoomId roomId)
    {
        if (!await LoadAsync(roomId))
        {
            return NotFound();
        }

        var calendar = await SchoolCalendar.LoadAsync(db, HttpContext.RequestAborted);
        var today = schoolClock.Today;
        var first = calendar.IsSchoolDay(today) ? today : calendar.NextSchoolDay(today);
        Input.Date = first?.ToString("yyyy-MM-dd", SchoolDates.English);
        Input.Kind = nameof(BookingKind.Meeting);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(RoomId roomId)
    {
        if (!await LoadAsync(roomId))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var request = Input.ToRequest();
            var made = request.IsSuccess ? await bookings.BookAsync(roomId, request.Value, HttpContext.RequestAborted) : request.Error!;
            if (made.IsSuccess)
            {
                var b = made.Value;
                var moved = displacer.LastDisplaced;
                TempData["Notice"] = $"{Row.Room.Name} is booked for you on {SchoolDates.Long(b.Date)}, {b.TimesText}{(b.IsEmergency ? ", as an emergency" : "")}." +
                                     (moved > 0 ? $" {moved} therapy {(moved == 1 ? "session was" : "sessions were")} displaced; the practitioners have been told." : "");
                return Redirect($"/rooms/{roomId}");
            }

            ModelState.AddErrors(made.Error!, "Input");
        }

        return Page();
    }

    private async Task<bool> LoadAsync(RoomId roomId)
    {
        if (await records.FindAsync(roomId, HttpContext.RequestAborted) is not { } row)
        {
            return false;
        }

        Row = row;
        NoticeDays = await records.NoticeDaysAsync(HttpContext.RequestAborted);
        return true;
    }
}
