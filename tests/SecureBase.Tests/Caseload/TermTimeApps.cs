using System.Collections.Concurrent;
using SecureBase.Data;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Caseload;

/// <summary>
/// Applications whose clock stands in term time, whatever the date the tests run on: the 12-week cycle
/// counts school weeks and a teacher's fortnight of sessions needs school days, so tests of them must not
/// depend on today's date (they failed in the Christmas holiday on the shared application's real clock).
/// The clock is set to Wednesday 9 December 2026, 10:00 in London (in the test calendar's autumn term,
/// within the last two weeks of the autumn term, when termly reviews are open), and flows on from there.
/// </summary>
public static class TermTimeApps
{
    public static readonly DateTimeOffset Now = new(2026, 12, 9, 10, 0, 0, TimeSpan.Zero);

    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<TestApp>>> Apps = new();

    static TermTimeApps() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var app in Apps.Values.Where(a => a.IsValueCreated && a.Value.IsCompletedSuccessfully))
        {
            app.Value.Result.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
        }
    };

    public static Task<TestApp> GetAsync(DatabaseProvider provider) =>
        Apps.GetOrAdd(provider, p => new Lazy<Task<TestApp>>(async () =>
        {
            var app = await TestApp.StartAsync(p);
            app.Clock.Advance(Now - app.Clock.GetUtcNow());
            return app;
        })).Value;
}
