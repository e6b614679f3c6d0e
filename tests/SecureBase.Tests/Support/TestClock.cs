namespace SecureBase.Tests.Support;

/// <summary>
/// The application's clock in tests: real time plus an offset the test controls, so time flows
/// (authenticator codes move on) and a test can jump forward 31 minutes or 12 hours.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
