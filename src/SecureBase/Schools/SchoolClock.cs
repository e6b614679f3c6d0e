using Microsoft.EntityFrameworkCore;
using SecureBase.Data;

namespace SecureBase.Schools;

/// <summary>
/// The one way to ask what day and time it is at the school a request (or job) works in: its own time zone, known
/// from the moment the request entered the school (read with the signed-in user's school, so asking costs no query).
/// Stored instants are UTC; what a user reads or types is this clock's local time.
/// </summary>
public sealed class SchoolClock(SchoolContext school, TimeProvider clock)
{
    /// <summary>The school's time zone and its conversions.</summary>
    public SchoolTime Time => school.Time;

    /// <summary>The instant now, in UTC (as stored).</summary>
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>The school's wall-clock time now.</summary>
    public DateTime LocalNow => school.Time.LocalNow(clock);

    /// <summary>Today's date at the school.</summary>
    public DateOnly Today => school.Time.Today(clock);

    /// <summary>A stored UTC instant as the school's local time.</summary>
    public DateTime ToLocal(DateTime utc) => school.Time.ToLocal(utc);

    /// <summary>The UTC instant of a local date and time at the school.</summary>
    public DateTime ToUtc(DateOnly date, TimeOnly time) => school.Time.ToUtc(date, time);

    /// <summary>Every school, with the time zone a job enters it with (<see cref="SchoolContext.Switch"/>).</summary>
    internal static async Task<IReadOnlyList<(Common.SchoolId Id, string TimeZoneId)>> EverySchoolAsync(SecureBaseDb db, CancellationToken ct) =>
        (await db.Schools.AsNoTracking().Select(s => new { s.Id, s.TimeZoneId }).ToListAsync(ct)).Select(s => (s.Id, s.TimeZoneId)).ToList();
}
