using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Rooms;

/// <summary>Displaces the therapy sessions a booking takes the room from (filled in once the timetable core lands).</summary>
public sealed class RoomDisplacer(SecureBaseDb db)
{
    /// <summary>How many sessions the last booking made in this request displaced.</summary>
    public int LastDisplaced { get; private set; }

    public Task<int> DisplaceAsync(Room room, RoomBooking booking, SchoolCalendar calendar, CancellationToken ct)
    {
        _ = db;
        LastDisplaced = 0;
        return Task.FromResult(0);
    }
}
