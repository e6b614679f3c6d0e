using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Deployment;

/// <summary>
/// Scheduled jobs across real application processes on one PostgreSQL database (issue 14): the hourly EHCP check runs
/// exactly once per hour between the instances, and an hour left unfinished by an instance that died holding it is
/// picked up by one of the others once its lease has run out. The instances say in their logs which of them ran which
/// hour, which is what an operator reads too.
/// </summary>
public sealed partial class ScheduledJobsAcrossInstancesTests
{
    private const string DeadInstance = "an instance that was killed mid-check";

    [Theory, OnPostgres]
    public async Task TwoInstancesStartingTogether_RunTheEhcpCheckOncePerHour_AndPickUpTheHourADeadInstanceHeld(DatabaseProvider provider)
    {
        await using var seed = await TestApp.StartAsync(provider);
        await TestSchool.CreateAsync(seed);

        // An instance died in the middle of this hour's check: its lease ran out a minute ago and the hour is not done.
        var hour = EhcpReviewSchedule.PeriodOf(TimeProvider.System.GetUtcNow());
        await using (var scope = seed.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            db.JobLeases.Add(new JobLease
            {
                Name = EhcpReviewSchedule.Job,
                Period = hour,
                Holder = DeadInstance,
                LeaseUntil = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1),
            });
            await db.SaveChangesAsync();
        }

        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = seed.Database.ConnectionString,
            ["SecureBase:AuditKey"] = TestApp.AuditKeyBase64,
            ["SecureBase:BackgroundJobs"] = "true",
            ["Logging:LogLevel:SecureBase.Data.JobLeases"] = "Information",
        };
        var started = await Task.WhenAll(AppProcess.StartAsync(settings), AppProcess.StartAsync(settings));
        await using var first = started[0];
        await using var second = started[1];

        // Each instance looks once at start: wait until both have decided (ran it, or left it to the other), and until
        // the one that ran it says it finished: the run is announced before the check starts, so the hour is recorded
        // as done only some time after that line.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(90);
        while (!(Decided(first.Output) && Decided(second.Output) && (Finished(first.Output) || Finished(second.Output)))
               && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(250);
        }

        Decided(first.Output).ShouldBeTrue($"the first instance looked at the EHCP check:\n{first.Output}");
        Decided(second.Output).ShouldBeTrue($"the second instance looked at the EHCP check:\n{second.Output}");
        (Finished(first.Output) || Finished(second.Output)).ShouldBeTrue($"one instance finished the check:\nfirst:\n{first.Output}\nsecond:\n{second.Output}");

        var runs = Runs(first.Output).Select(r => (Instance: "first", r.Period, r.PickedUp))
            .Concat(Runs(second.Output).Select(r => (Instance: "second", r.Period, r.PickedUp)))
            .ToList();
        runs.Count.ShouldBe(1, $"the check ran once between the two instances, not on both:\nfirst:\n{first.Output}\nsecond:\n{second.Output}");
        runs[0].PickedUp.ShouldBeTrue("the instance that ran it picked up the hour the dead instance held");

        await using var check = seed.Scope();
        var lease = await check.ServiceProvider.GetRequiredService<SecureBaseDb>().JobLeases.FindAsync(EhcpReviewSchedule.Job);
        lease!.CompletedPeriod.ShouldBe(runs[0].Period, "the hour is recorded as done");
        lease.Holder.ShouldBeNull("the lease was given back when the check finished");
    }

    private static bool Decided(string output) =>
        output.Contains($"Job {EhcpReviewSchedule.Job} for period", StringComparison.Ordinal);

    // The EHCP check's own "done" line: the registration reminders run under a lease too and say "is done by" as well.
    private static bool Finished(string output) => DoneLine().IsMatch(output);

    private static IEnumerable<(string Period, bool PickedUp)> Runs(string output) =>
        RunLine().Matches(output).Select(m => (m.Groups["period"].Value, m.Groups["rest"].Value.Contains(DeadInstance, StringComparison.Ordinal)));

    [GeneratedRegex(@"Job ehcp-check for period (?<period>\d+) is run by (?<rest>[^\n]*)")]
    private static partial Regex RunLine();

    [GeneratedRegex(@"Job ehcp-check for period \d+ is done by ")]
    private static partial Regex DoneLine();
}
