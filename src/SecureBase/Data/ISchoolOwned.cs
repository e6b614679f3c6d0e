using SecureBase.Common;

namespace SecureBase.Data;

/// <summary>
/// A record that belongs to one school. Every query of such records is filtered to the signed-in
/// user's school by <see cref="SecureBaseDb"/>; saving one for another school is refused.
/// </summary>
public interface ISchoolOwned
{
    SchoolId SchoolId { get; }
}

/// <summary>
/// The school the current request (or command) works in, and its clock. Set once per request from the signed-in
/// user's chosen school, before any query runs. <see cref="SchoolId.None"/> matches no record; a request with no
/// school (signing in, the public pages) keeps the clock of a school in the UK (Europe/London).
/// </summary>
public sealed class SchoolContext
{
    public SchoolId SchoolId { get; private set; }

    /// <summary>The school's own time zone: read through <see cref="Schools.SchoolClock"/>, the one way to ask for "today".</summary>
    public Schools.SchoolTime Time { get; private set; } = Schools.SchoolTime.London;

    /// <summary>
    /// The school's <see cref="Schools.School.CalendarStamp"/> as read when the request entered it (with the signed-in
    /// user's school), or null when not read or when this request has since changed the calendar.
    /// </summary>
    public long? CalendarStamp { get; private set; }

    internal void KnowCalendarStamp(long stamp) => CalendarStamp = stamp;

    internal void ForgetCalendarStamp() => CalendarStamp = null;

    /// <summary>
    /// The school's <see cref="Schools.School.SessionsStamp"/> as read when the request entered it, or null when not read
    /// or when this request has since saved a session.
    /// </summary>
    public long? SessionsStamp { get; private set; }

    internal void KnowSessionsStamp(long stamp) => SessionsStamp = stamp;

    internal void ForgetSessionsStamp() => SessionsStamp = null;

    public void Enter(SchoolId school, string timeZoneId)
    {
        if (SchoolId != SchoolId.None && SchoolId != school)
        {
            throw new InvalidOperationException("A request cannot change school part-way through.");
        }

        SchoolId = school;
        Time = Schools.SchoolTime.Of(timeZoneId);
    }

    /// <summary>For commands, jobs and the demo seeder that deliberately work through several schools in turn.</summary>
    public void Switch(SchoolId school, string timeZoneId)
    {
        CalendarStamp = null;
        SessionsStamp = null;
        SchoolId = school;
        Time = Schools.SchoolTime.Of(timeZoneId);
    }
}
