using System.Globalization;

namespace SecureBase.Tests.Support;

/// <summary>
/// The application's clock in tests: real time plus an offset the test controls, so time flows
/// (authenticator codes move on) and a test can jump forward 31 minutes or 12 hours.
/// <para>
/// <c>SECUREBASE_TEST_NOW</c> (an ISO 8601 instant, e.g. <c>2027-01-04T07:30:00Z</c>) starts every test's clock at that
/// moment instead of now, so the suite can be run as it would run on a Monday morning, in a holiday or across the
/// change to British Summer Time: the tests must pass whatever day CI happens to run on.
/// </para>
/// </summary>
public sealed class TestClock : TimeProvider
{
    private static readonly TimeSpan StartOffset = OffsetFrom(Environment.GetEnvironmentVariable("SECUREBASE_TEST_NOW"));

    private long _offsetTicks = StartOffset.Ticks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>
    /// To a fixed moment (time flows on from it): for a test about particular dates of the test school's 2026/27 calendar,
    /// such as the spring clock change, which must read the same whatever day it runs on. Only on an app of its own.
    /// </summary>
    public void MoveTo(DateTimeOffset at) => Advance(at - GetUtcNow());

    /// <summary>
    /// Back to the machine's time, whatever <c>SECUREBASE_TEST_NOW</c> says: for data made in process and then used by an
    /// application process (<see cref="AppProcess"/>), which runs on the machine's time (an API client's secret issued
    /// in May 2027 is not yet valid in December 2026).
    /// </summary>
    public void UseMachineTime() => Interlocked.Exchange(ref _offsetTicks, 0);

    private static TimeSpan OffsetFrom(string? now) =>
        string.IsNullOrWhiteSpace(now) ? TimeSpan.Zero
        : DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at - System.GetUtcNow()
        : throw new InvalidOperationException($"SECUREBASE_TEST_NOW is not an instant such as 2027-01-04T07:30:00Z: '{now}'");
}
