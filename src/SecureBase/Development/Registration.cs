using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Schools;
using SecureBase.Staff;

namespace SecureBase.Development;

/// <summary>
/// Whether a practitioner may practise: the allocation desk asks this rather than reading staff registration itself.
/// A practitioner on a register (HCPC or another) whose renewal date has passed may not practise until it is renewed.
/// </summary>
public interface IPractitionerStanding
{
    /// <summary>The practitioners of the current school whose registration has lapsed on <paramref name="today"/>, with the date it lapsed.</summary>
    Task<IReadOnlyDictionary<StaffId, DateOnly>> LapsedAsync(DateOnly today, CancellationToken ct = default);
}

internal sealed class PractitionerStanding(SecureBaseDb db) : IPractitionerStanding
{
    public async Task<IReadOnlyDictionary<StaffId, DateOnly>> LapsedAsync(DateOnly today, CancellationToken ct = default) =>
        await db.StaffMembers.AsNoTracking()
            .Where(s => s.Discipline != null && s.RegistrationBody != RegistrationBody.None && s.RegistrationRenewal != null && s.RegistrationRenewal < today)
            .ToDictionaryAsync(s => s.Id, s => s.RegistrationRenewal!.Value, ct);
}

/// <summary>What one run of the reminders did.</summary>
internal sealed record RegistrationReminderResult(int Due, int Sent);

/// <summary>
/// HCPC (and other register) renewals: reminds the practitioner and the Head of Therapy 8 weeks and again 2 weeks before
/// the renewal date, each reminder once (the notifier keeps one per person and key). Run daily for every school by
/// <see cref="RegistrationReminderSchedule"/>, and by tests with the day they choose.
/// </summary>
internal sealed class RegistrationReminders(SecureBaseDb db, Notifier notifier)
{
    public const int FirstReminderDays = 56;
    public const int SecondReminderDays = 14;

    public async Task<RegistrationReminderResult> RunAsync(DateOnly today, DateTime now, CancellationToken ct = default)
    {
        var horizon = today.AddDays(FirstReminderDays);
        var due = await db.StaffMembers.AsNoTracking()
            .Where(s => s.RegistrationBody != RegistrationBody.None && s.RegistrationRenewal != null && s.RegistrationRenewal >= today && s.RegistrationRenewal <= horizon
                        && (s.LeftOn == null || s.LeftOn > today))
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return new RegistrationReminderResult(0, 0);
        }

        var heads = await notifier.UsersWithRoleAsync(Role.HeadOfTherapy, ct);
        var sent = 0;
        foreach (var s in due)
        {
            var renewal = s.RegistrationRenewal!.Value;
            var days = renewal.DayNumber - today.DayNumber;
            var (which, words) = days <= SecondReminderDays ? ("2w", "in 2 weeks or less") : ("8w", "within 8 weeks");
            var register = RegistrationBodies.Name(s.RegistrationBody);
            var recipients = heads.Concat(s.UserId is { } u ? [u] : []).Distinct().ToList();
            sent += await notifier.QueueAsync(recipients, [new NotificationMessage(
                $"{register} registration renewal due: {s.FullName}",
                $"{s.FullName}'s {register} registration ({s.RegistrationNumber}) must be renewed by {renewal:d MMMM yyyy}, {words}. After that date they may not practise until it is renewed.",
                $"/staff/{s.Id}", $"registration-{which}:{s.Id}:{renewal:yyyyMMdd}")], now, ct);
        }

        await db.SaveChangesAsync(ct);
        return new RegistrationReminderResult(due.Count, sent);
    }
}

/// <summary>Runs the registration reminders once a day for every school, on one instance (<see cref="JobLeases"/>).</summary>
internal sealed class RegistrationReminderSchedule(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    JobLeases leases,
    ILogger<RegistrationReminderSchedule> logger) : RepeatingJob(configuration, lifetime, clock, logger)
{
    public const string Job = "registration-reminders";
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    /// <summary>The day a run belongs to, in UTC: "20261205".</summary>
    public static string PeriodOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    protected override TimeSpan Interval => Every;

    protected override string FailureMessage => "The registration reminders could not run; they will be tried again later";

    protected override Task RunAsync(CancellationToken ct) =>
        leases.RunOnceAsync(Job, PeriodOf(Clock.GetUtcNow()), Lease, RemindEverySchoolAsync, ct);

    private async Task RemindEverySchoolAsync(CancellationToken ct)
    {
        IReadOnlyList<(SchoolId Id, string TimeZoneId)> schools;
        await using (var scope = scopes.CreateAsyncScope())
        {
            schools = await SchoolClock.EverySchoolAsync(scope.ServiceProvider.GetRequiredService<SecureBaseDb>(), ct);
        }

        foreach (var (school, zone) in schools)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school, zone);
                var clock = scope.ServiceProvider.GetRequiredService<SchoolClock>();
                await scope.ServiceProvider.GetRequiredService<RegistrationReminders>().RunAsync(clock.Today, clock.UtcNow, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The registration reminders failed for a school; they will be tried again tomorrow");
            }
        }
    }
}
