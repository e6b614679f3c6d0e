using SecureBase.Common;

namespace SecureBase.Timetable;

/// <summary>A time a room is booked for something other than therapy.</summary>
public sealed record RoomTaken(RoomId RoomId, DateOnly Date, TimeOnly Start, TimeOnly End);

/// <summary>A block of a weekday in which a room is protected for therapy.</summary>
public sealed record RoomHours(RoomId RoomId, DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>
/// What the timetable needs to know of rooms beyond their features: when they are booked and when
/// they are protected for therapy. The rooms module implements it, so that the timetable never
/// reads the rooms module's tables.
/// </summary>
public interface IRoomTimes
{
    Task<IReadOnlyList<RoomTaken>> TakenAsync(DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>Rooms with no therapy hours declared are usable for therapy all day.</summary>
    Task<IReadOnlyList<RoomHours>> TherapyHoursAsync(CancellationToken ct = default);
}
