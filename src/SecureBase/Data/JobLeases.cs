using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecureBase.Data;

/// <summary>
/// One scheduled job's lease: which period it last completed, and which application instance holds
/// it now and until when. Kept in the database, so several instances on one database run each job
/// once per period between them.
/// </summary>
public sealed class JobLease
{
    public string Name { get; set; } = "";
    public string? Period { get; set; }
    public string? Holder { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public string? CompletedPeriod { get; set; }
    public DateTime? CompletedAt { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("job_leases");
        b.HasKey(j => j.Name);
        b.Property(j => j.Name).HasMaxLength(100);
        b.Property(j => j.Period).HasMaxLength(40);
        b.Property(j => j.Holder).HasMaxLength(200);
        b.Property(j => j.CompletedPeriod).HasMaxLength(40);
    }
}

public sealed partial class SecureBaseDb
{
    public DbSet<JobLease> JobLeases => Set<JobLease>();
}

/// <summary>
/// Runs a scheduled job (the EHCP check, and the disengagement and reminder jobs to come) exactly
/// once per period across every application instance on the database. An instance claims the
/// period with one conditional UPDATE (atomic on SQLite and PostgreSQL): only if the period is not
/// yet completed and nobody holds an unexpired lease. An instance that dies mid-job leaves its lease
/// to expire, and the next instance to look picks the period up; a job that fails gives its lease
/// back at once, so it is tried again.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobLeases> logger)
{
    /// <summary>This instance, as named in the leases it holds.</summary>
    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Runs <paramref name="work"/> if this instance wins the period; true when it ran.</summary>
    public async Task<bool> RunOnceAsync(string job, string period, TimeSpan lease, Func<CancellationToken, Task> work, CancellationToken ct = default)
    {
        var before = await ClaimAsync(job, period, lease, ct);
        if (before is null)
        {
            logger.LogInformation("Job {Job} for period {Period} is left to another instance: done or being done there", job, period);
            return false;
        }

        // What an operator reads to see which instance ran which period, and which died holding one.
        if (before.Holder is { } dead && before.LeaseUntil < clock.GetUtcNow().UtcDateTime && before.CompletedPeriod != period)
        {
            logger.LogInformation("Job {Job} for period {Period} is run by {Instance}, picked up from {PreviousHolder} whose lease ran out", job, period, Instance, dead);
        }
        else
        {
            logger.LogInformation("Job {Job} for period {Period} is run by {Instance}", job, period, Instance);
        }

        try
        {
            await work(ct);
        }
        catch
        {
            await ReleaseAsync(job, completed: null, CancellationToken.None);
            throw;
        }

        await ReleaseAsync(job, completed: period, ct);
        logger.LogInformation("Job {Job} for period {Period} is done by {Instance}", job, period, Instance);
        return true;
    }

    /// <summary>The job's row as it was just before this instance claimed it; null when another instance holds or has done the period.</summary>
    private async Task<JobLease?> ClaimAsync(string job, string period, TimeSpan lease, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            var until = now + lease;
            var before = await db.JobLeases.AsNoTracking().SingleOrDefaultAsync(j => j.Name == job, ct);
            var claimed = await db.JobLeases
                .Where(j => j.Name == job && (j.CompletedPeriod == null || j.CompletedPeriod != period) && (j.LeaseUntil == null || j.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Holder, Instance).SetProperty(j => j.LeaseUntil, until).SetProperty(j => j.Period, period), ct);
            if (claimed == 1)
            {
                return before ?? new JobLease { Name = job };
            }

            if (before is not null || await db.JobLeases.AnyAsync(j => j.Name == job, ct))
            {
                return null;
            }

            // The job's first run anywhere: make its row (another instance may make it at the same moment), then claim.
            db.JobLeases.Add(new JobLease { Name = job });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Made by another instance: claim it like any other.
            }
        }

        return null;
    }

    private async Task ReleaseAsync(string job, string? completed, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.JobLeases.Where(j => j.Name == job && j.Holder == Instance);
        if (completed is null)
        {
            await mine.ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, (DateTime?)null).SetProperty(j => j.Holder, (string?)null), ct);
        }
        else
        {
            await mine.ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, (DateTime?)null).SetProperty(j => j.Holder, (string?)null)
                .SetProperty(j => j.CompletedPeriod, completed).SetProperty(j => j.CompletedAt, now), ct);
        }
    }
}
