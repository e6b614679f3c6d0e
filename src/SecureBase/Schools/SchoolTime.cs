namespace SecureBase.Schools;

/// <summary>
/// The school's clock. Stored instants are UTC; everything a user reads or types is the
/// school's local time (Europe/London, with BST). A weekly session at 09:00 stays at 09:00
/// local time across the clock change, so its UTC instant moves by an hour.
/// </summary>
public sealed class SchoolTime
{
    private readonly TimeZoneInfo _zone;

    public SchoolTime(string timeZoneId) => _zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    public SchoolTime(TimeZoneInfo zone) => _zone = zone;

    public static SchoolTime London { get; } = new(School.DefaultTimeZone);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SchoolTime> Zones = new(StringComparer.Ordinal);

    /// <summary>The clock of a school in the time zone it is kept in (each zone's rules found once per process).</summary>
    public static SchoolTime Of(string timeZoneId) =>
        timeZoneId == School.DefaultTimeZone ? London : Zones.GetOrAdd(timeZoneId, z => new SchoolTime(z));

    public TimeZoneInfo Zone => _zone;

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    internal DateTime LocalNow(TimeProvider clock) => ToLocal(clock.GetUtcNow().UtcDateTime);

    internal DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(LocalNow(clock));

    /// <summary>
    /// The UTC instant of a local date and time. A time that does not exist (01:30 on the March
    /// Sunday the clocks go forward) is read as the moment after the gap; a time that happens twice
    /// (01:30 on the October Sunday) is read as the first, still-BST, occurrence.
    /// </summary>
    public DateTime ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(local))
        {
            var rule = _zone.GetAdjustmentRules().FirstOrDefault(r => r.DateStart <= local && local <= r.DateEnd);
            var delta = rule?.DaylightDelta ?? TimeSpan.FromHours(1);
            local = local.Add(delta);
            return TimeZoneInfo.ConvertTimeToUtc(local, _zone);
        }

        if (_zone.IsAmbiguousTime(local))
        {
            var offsets = _zone.GetAmbiguousTimeOffsets(local);
            var larger = offsets.Max();
            return DateTime.SpecifyKind(local - larger, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, _zone);
    }
}
