using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Sessions;

/// <summary>One pupil's recorded sessions of one discipline in a period, by what happened (PRODUCT.md C8's codes).</summary>
public sealed record AttendanceTally(PupilId PupilId, Discipline Discipline, int Attended, int Refused, int PupilAbsent, int Cancelled, int Displaced)
{
    public int Recorded => Attended + Refused + PupilAbsent + Cancelled + Displaced;
}

/// <summary>
/// The sessions module's published read of attendance (issue 12's dashboards): recorded session places between two
/// days, counted per pupil and discipline. Counts only: no notes, no engagement. No policy check: the caller's.
/// </summary>
public interface IAttendanceTallies
{
    Task<IReadOnlyList<AttendanceTally>> BetweenAsync(DateOnly from, DateOnly to, CancellationToken ct);
}

internal sealed class AttendanceTallies(SecureBaseDb db) : IAttendanceTallies
{
    public async Task<IReadOnlyList<AttendanceTally>> BetweenAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await db.TherapySessions.AsNoTracking()
            .Where(s => s.Date >= from && s.Date <= to)
            .SelectMany(s => s.Members, (s, m) => new { m.PupilId, s.Discipline, m.Attendance })
            .ToListAsync(ct);
        return rows.GroupBy(r => (r.PupilId, r.Discipline)).Select(g => new AttendanceTally(
            g.Key.PupilId, g.Key.Discipline,
            g.Count(r => r.Attendance == Attendance.Attended),
            g.Count(r => r.Attendance == Attendance.Refused),
            g.Count(r => r.Attendance == Attendance.PupilAbsent),
            g.Count(r => r.Attendance is Attendance.CancelledBySchool or Attendance.CancelledByTherapist),
            g.Count(r => r.Attendance == Attendance.DisplacedFromRoom))).ToList();
    }
}
