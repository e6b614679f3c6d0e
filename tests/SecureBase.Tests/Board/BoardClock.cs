using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Board;

/// <summary>Puts a test application's clock at a moment of the school day (school time, Europe/London).</summary>
public static class BoardClock
{
    /// <summary>Wednesday 13 January 2027: a school day of the test calendar (Spring 1), after every real "now" these tests run at.</summary>
    public static readonly DateOnly SchoolDay = new(2027, 1, 13);

    public static void Set(TestApp app, DateOnly date, TimeOnly time)
    {
        var target = SchoolTime.London.ToUtc(date, time);
        app.Clock.Advance(target - app.Clock.GetUtcNow().UtcDateTime);
    }
}
