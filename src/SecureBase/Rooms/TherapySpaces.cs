using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Timetable;

namespace SecureBase.Rooms;

/// <summary>A cause of displacement in words, and how many sessions it displaced.</summary>
public sealed record DisplacementsByCause(string Cause, int Sessions);

/// <summary>
/// The rooms module's published read for the dashboards (issue 12): how many dedicated therapy rooms the school
/// has, and how many sessions lost their room between two days, by cause (never a pupil). No policy check: the caller's.
/// </summary>
public interface ITherapySpaces
{
    Task<int> DedicatedRoomsAsync(CancellationToken ct);

    /// <summary>Every cause, in the rooms module's order, with zero where none.</summary>
    Task<IReadOnlyList<DisplacementsByCause>> DisplacementsAsync(DateOnly from, DateOnly to, CancellationToken ct);
}

internal sealed class TherapySpaces(SecureBaseDb db) : ITherapySpaces
{
    public Task<int> DedicatedRoomsAsync(CancellationToken ct) => db.Rooms.CountAsync(r => r.Kind == RoomKind.DedicatedTherapy, ct);

    public async Task<IReadOnlyList<DisplacementsByCause>> DisplacementsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var causes = await db.Displacements.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).Select(d => d.Cause).ToListAsync(ct);
        return Enum.GetValues<DisplacementCause>().Select(c => new DisplacementsByCause(DisplacementReport.CauseName(c), causes.Count(x => x == c))).ToList();
    }
}
