using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Rooms;

[Permits(SchoolAction.ViewRooms, OnPost = SchoolAction.BookRooms)]
public sealed class RoomDetailModel(RoomRecords records, RoomBookings bookings, Schools.SchoolClock schoolClock, CurrentUser me) : PageModel
{
    public RoomRow Row { get; private set; } = null!;
    public IReadOnlyList<RoomBooking> Upcoming { get; private set; } = [];
    public bool CanManage => me.Can(SchoolAction.ManageRooms);
    public bool CanBook => me.Can(SchoolAction.BookRooms);

    public bool MayCancel(RoomBooking b) => bookings.MayCancel(b);

    public async Task<IActionResult> OnGetAsync(RoomId roomId) => await LoadAsync(roomId) ? Page() : NotFound();

    /// <summary>Cancels one of the room's bookings (the booker's own, or any for those who keep the rooms).</summary>
    public async Task<IActionResult> OnPostCancelAsync(RoomId roomId, Guid? bookingId)
    {
        if (!await LoadAsync(roomId))
        {
            return NotFound();
        }

        if (bookingId is not { } id)
        {
            ModelState.AddModelError(string.Empty, "Choose the booking to cancel.");
            return Page();
        }

        var cancelled = await bookings.CancelAsync(roomId, RoomBookingId.From(id), HttpContext.RequestAborted);
        if (!cancelled.IsSuccess)
        {
            ModelState.AddErrors(cancelled.Error!, "Input");
            return Page();
        }

        TempData["Notice"] = $"Your booking of {Row.Room.Name} on {SchoolDates.Long(cancelled.Value.Date)}, {cancelled.Value.TimesText}, has been cancelled.";
        return Redirect($"/rooms/{roomId}");
    }

    private async Task<bool> LoadAsync(RoomId roomId)
    {
        var ct = HttpContext.RequestAborted;
        if (await records.FindAsync(roomId, ct) is not { } row)
        {
            return false;
        }

        Row = row;
        var today = schoolClock.Today;
        Upcoming = await bookings.ForRoomAsync(roomId, today, today.AddDays(56), ct);
        return true;
    }
}
