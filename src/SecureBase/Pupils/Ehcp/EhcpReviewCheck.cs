using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Staff;

namespace SecureBase.Pupils;

/// <summary>What a check found and did.</summary>
public sealed record EhcpCheckResult(int PlansChecked, int PlansOutOfDate, int NotificationsSent);

/// <summary>
/// West Heath: "Many EHCPs are very out of date … When this happens, our Review Co-Ordinator, SENCo,
/// and relevant Head of School are advised so that parents and Local Authorities are made aware."
/// Checks the current school's plans against the out-of-date rules (<see cref="EhcpFlags"/>) and
/// tells the SENDCo, the review co-ordinator and the head of school, each reason once. Runs every
/// hour for every school (<see cref="EhcpReviewSchedule"/>) and for one plan right after it is saved.
/// </summary>
public sealed class EhcpReviewCheck(SecureBaseDb db, Notifier notifier, ILogger<EhcpReviewCheck> logger)
{
    /// <summary>Checks every current plan of the current school.</summary>
    public Task<EhcpCheckResult> RunAsync(DateTime now, CancellationToken ct = default) => RunAsync(now, null, ct);

    /// <summary>Checks one plan, right after it was saved.</summary>
    public Task<EhcpCheckResult> RunForPlanAsync(EhcpPlanId plan, DateTime now, CancellationToken ct = default) => RunAsync(now, plan, ct);

    /// <summary>The disciplines a current member of staff practises in this school.</summary>
    public async Task<IReadOnlySet<Discipline>> OfferedDisciplinesAsync(DateOnly today, CancellationToken ct = default) =>
        (await Offered.For(db)(db, today).ToListAsync(ct)).ToHashSet();

    /// <summary>
    /// The disciplines a current member of staff practises (the rule of <see cref="OfferedDisciplinesAsync"/>), each once,
    /// as a query to join with others: the EHCP list joins each line of provision to it in the command that reads its lines.
    /// </summary>
    internal IQueryable<Discipline?> Practised(DateOnly today) =>
        db.StaffMembers.Where(s => s.Discipline != null && (s.LeftOn == null || s.LeftOn > today)).Select(s => s.Discipline).Distinct();

    // Read by every EHCP page but the list, and by the check: compiled once (EF's preparing of the LINQ query cost more than running it).
    private static readonly PerModel<Func<SecureBaseDb, DateOnly, IAsyncEnumerable<Discipline>>> Offered = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, DateOnly today) => db.StaffMembers.AsNoTracking()
            .Where(s => s.Discipline != null && (s.LeftOn == null || s.LeftOn > today))
            .Select(s => s.Discipline!.Value)
            .Distinct()));

    /// <summary>
    /// Who is told: everyone with the SENDCo role, and the staff with the review co-ordinator or
    /// head of school responsibility who have an account. Only accounts that are enabled and whose
    /// roles here may see every pupil's EHCP are told, so a notification never shows a recipient a
    /// plan they could not open.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> RecipientsAsync(DateOnly today, CancellationToken ct = default)
    {
        const StaffResponsibility told = StaffResponsibility.ReviewCoordinator | StaffResponsibility.HeadOfSchool;
        var sendcos = await db.Memberships.AsNoTracking().Where(m => m.Role == Role.Sendco).Select(m => m.UserId).ToListAsync(ct);
        var responsible = await db.StaffMembers.AsNoTracking()
            .Where(s => s.UserId != null && (s.LeftOn == null || s.LeftOn > today) && (s.Responsibilities & told) != StaffResponsibility.None)
            .Select(s => s.UserId!.Value)
            .ToListAsync(ct);
        var candidates = sendcos.Concat(responsible).Distinct().ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var roles = (await db.Memberships.AsNoTracking().Where(m => candidates.Contains(m.UserId)).Select(m => new { m.UserId, m.Role }).ToListAsync(ct))
            .ToLookup(m => m.UserId, m => m.Role);
        var enabled = await db.Users.AsNoTracking().Where(u => candidates.Contains(u.Id) && !u.IsDisabled).Select(u => u.Id).ToListAsync(ct);
        return enabled
            .Where(id => PolicyTable.ScopeFor(roles[id], SchoolAction.ViewEhcp).HasFlag(Scope.School))
            .Order()
            .ToList();
    }

    /// <summary>The school's local date at <paramref name="now"/>.</summary>
    public DateOnly SchoolDate(DateTime now) => DateOnly.FromDateTime(db.SchoolContext.Time.ToLocal(now));

    private async Task<EhcpCheckResult> RunAsync(DateTime now, EhcpPlanId? only, CancellationToken ct)
    {
        var today = SchoolDate(now);
        var plans = db.EhcpPlans.AsNoTracking().Include(p => p.Provision).AsQueryable();
        if (only is { } id)
        {
            plans = plans.Where(p => p.Id == id);
        }

        // Pupils who have left, or whose SEN status is no longer EHCP, are not chased.
        var current = await plans
            .Join(db.Pupils.AsNoTracking().Where(p => p.LeftOn == null && p.SenStatus == SenStatus.Ehcp), p => p.PupilId, p => p.Id, (plan, pupil) => new { plan, pupil })
            .ToListAsync(ct);
        if (current.Count == 0)
        {
            return new EhcpCheckResult(0, 0, 0);
        }

        var offered = await OfferedDisciplinesAsync(today, ct);
        var messages = current
            .SelectMany(x => EhcpFlags.For(x.plan, x.pupil.DisplayName, offered, today).Select(f => (x.plan, x.pupil, flag: f)))
            .ToList();
        if (messages.Count == 0)
        {
            return new EhcpCheckResult(current.Count, 0, 0);
        }

        var outOfDate = messages.Select(m => m.plan.Id).Distinct().Count();
        var recipients = await RecipientsAsync(today, ct);
        var toSend = messages.Select(m => new NotificationMessage(
            $"EHCP out of date: {m.pupil.DisplayName}",
            $"{m.flag.Reason} Please make sure the family and {m.plan.LocalAuthority} are made aware.",
            $"/pupils/{m.pupil.Id}/ehcp",
            m.flag.Key,
            SchoolAction.ViewEhcp)).ToList();

        // Two instances checking at once may both try to tell someone the same thing: the unique
        // key lets one win; the other forgets its copies and looks again.
        for (var attempt = 1; ; attempt++)
        {
            var sent = await notifier.QueueAsync(recipients, toSend, now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return new EhcpCheckResult(current.Count, outOfDate, sent);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                logger.LogInformation("EHCP notifications were saved by another instance meanwhile; checking again");
                notifier.DiscardQueued();
            }
        }
    }
}

/// <summary>
/// Runs the EHCP check for every school once an hour, on the application's clock, and once per hour
/// across every instance on the database (<see cref="JobLeases"/>): each instance looks every few
/// minutes, the first to claim the hour runs it, and an hour whose instance died mid-check is picked
/// up by the next to look. Off when <c>SecureBase:BackgroundJobs</c> is false (the tests call the
/// check directly, with the clock where they want it).
/// </summary>
internal sealed class EhcpReviewSchedule(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    JobLeases leases,
    ILogger<EhcpReviewSchedule> logger) : RepeatingJob(configuration, lifetime, clock, logger)
{
    public const string Job = "ehcp-check";
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    /// <summary>The hour a check belongs to, in UTC: "2026120411".</summary>
    public static string PeriodOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);

    protected override TimeSpan Interval => Every;

    protected override string FailureMessage => "The EHCP check could not run; it will be tried again in a few minutes";

    protected override Task RunAsync(CancellationToken ct) => leases.RunOnceAsync(Job, PeriodOf(Clock.GetUtcNow()), Lease, CheckEverySchoolAsync, ct);

    private async Task CheckEverySchoolAsync(CancellationToken ct)
    {
        IReadOnlyList<(Common.SchoolId Id, string TimeZoneId)> schools;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            schools = await Schools.SchoolClock.EverySchoolAsync(scope.ServiceProvider.GetRequiredService<SecureBaseDb>(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The EHCP check could not list the schools; it will try again in an hour");
            return;
        }

        foreach (var (school, zone) in schools)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school, zone);
                var result = await scope.ServiceProvider.GetRequiredService<EhcpReviewCheck>().RunAsync(Clock.GetUtcNow().UtcDateTime, ct);
                if (result.NotificationsSent > 0)
                {
                    logger.LogInformation("EHCP check: {OutOfDate} of {Plans} plans out of date, {Sent} notifications sent", result.PlansOutOfDate, result.PlansChecked, result.NotificationsSent);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One school's failure must not stop the others being checked.
                logger.LogError(e, "The EHCP check failed for a school; it will try again in an hour");
            }
        }
    }
}
