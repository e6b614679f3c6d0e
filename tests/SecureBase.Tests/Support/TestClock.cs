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

    private static TimeSpan OffsetFrom(string? now) =>
        string.IsNullOrWhiteSpace(now) ? TimeSpan.Zero
        : DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at - System.GetUtcNow()
        : throw new InvalidOperationException($"SECUREBASE_TEST_NOW is not an instant such as 2027-01-04T07:30:00Z: '{now}'");
}
