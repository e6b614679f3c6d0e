using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Data;

/// <summary>Scheduled jobs run exactly once per period across the application instances on one database.</summary>
public sealed class JobLeaseTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TwoInstances_RacingForTheSamePeriod_RunTheJobOnce_AndTheNextPeriodRunsAgain(DatabaseProvider provider)
    {
        await using var first = await TestApp.StartAsync(provider);
        await using var second = TestApp.StartOn(first.Database);
        var job = "test-job-" + TestSchool.Letters(6);
        var runs = 0;
        async Task Work(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(50, ct);
        }

        var attempts = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).Services.GetRequiredService<JobLeases>()
            .RunOnceAsync(job, "2026120410", TimeSpan.FromMinutes(10), Work));
        var ran = await Task.WhenAll(attempts);
        runs.ShouldBe(1);
        ran.Count(r => r).ShouldBe(1);

        // Done for that hour: nobody runs it again; the next hour runs once more.
        (await second.Services.GetRequiredService<JobLeases>().RunOnceAsync(job, "2026120410", TimeSpan.FromMinutes(10), Work)).ShouldBeFalse();
        (await second.Services.GetRequiredService<JobLeases>().RunOnceAsync(job, "2026120411", TimeSpan.FromMinutes(10), Work)).ShouldBeTrue();
        runs.ShouldBe(2);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task APeriodWhoseInstanceDied_IsPickedUpByAnother_OnceItsLeaseRunsOut(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var job = "test-job-" + TestSchool.Letters(6);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            db.JobLeases.Add(new JobLease { Name = job, Period = "2026120410", Holder = "an instance that was killed", LeaseUntil = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(10) });
            await db.SaveChangesAsync();
        }

        var leases = app.Services.GetRequiredService<JobLeases>();
        var runs = 0;
        Task Work(CancellationToken ct)
        {
            runs++;
            return Task.CompletedTask;
        }

        (await leases.RunOnceAsync(job, "2026120410", TimeSpan.FromMinutes(10), Work)).ShouldBeFalse("the dead instance's lease has not run out");
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        (await leases.RunOnceAsync(job, "2026120410", TimeSpan.FromMinutes(10), Work)).ShouldBeTrue();
        runs.ShouldBe(1);
    }

    [Theory, OnSqlite]
    public async Task AJobThatFails_GivesItsLeaseBack_SoItIsTriedAgain(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var leases = app.Services.GetRequiredService<JobLeases>();
        await Should.ThrowAsync<InvalidOperationException>(() => leases.RunOnceAsync("failing", "p1", TimeSpan.FromMinutes(10), _ => throw new InvalidOperationException("the job broke")));
        (await leases.RunOnceAsync("failing", "p1", TimeSpan.FromMinutes(10), _ => Task.CompletedTask)).ShouldBeTrue();
    }
}
