using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Timetable;

namespace SecureBase.Rooms;

/// <summary>The rooms' bookings and protected therapy hours, as the timetable reads them (<see cref="IRoomTimes"/>).</summary>
internal sealed class RoomTimes(SecureBaseDb db) : IRoomTimes
{
    public async Task<IReadOnlyList<RoomTaken>> TakenAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        (await db.RoomBookings.AsNoTracking().Where(b => b.Date >= from && b.Date <= to && b.CancelledAt == null).ToListAsync(ct))
        .OrderBy(b => b.Date).ThenBy(b => b.Start)
        .Select(b => new RoomTaken(b.RoomId, b.Date, b.Start, b.End)).ToList();

    public async Task<IReadOnlyList<RoomHours>> TherapyHoursAsync(CancellationToken ct = default) =>
        (await db.Rooms.AsNoTracking().ToListAsync(ct))
        .SelectMany(r => r.TherapyHours.Select(h => new RoomHours(r.Id, h.Day, h.Start, h.End))).ToList();
}
