using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Rooms;

[Permits(SchoolAction.ViewRooms)]
public sealed class RoomListModel(RoomRecords records, RoomBookings bookings, Schools.SchoolClock schoolClock, CurrentUser me) : PageModel
{
    public IReadOnlyList<RoomRow> Rooms { get; private set; } = [];
    public IReadOnlyList<BookingRow> MyBookings { get; private set; } = [];
    public int NoticeDays { get; private set; }
    public bool CanManage => me.Can(SchoolAction.ManageRooms);
    public bool CanBook => me.Can(SchoolAction.BookRooms);
    public bool CanSeeDisplacements => me.Can(SchoolAction.ViewDisplacements);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Rooms = await records.ListAsync(ct);
        NoticeDays = await records.NoticeDaysAsync(ct);
        var today = schoolClock.Today;
        MyBookings = await bookings.MineAsync(today, ct);
    }
}
