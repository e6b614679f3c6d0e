using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Referrals;

/// <summary>
/// One referral's wait, for the service dashboards: the discipline (decided, else asked for), the day it was
/// received, and the day it was allocated to a therapist (null while still waiting). No pupil, no reasons.
/// </summary>
public sealed record ReferralWait(Discipline? Discipline, DateOnly ReceivedOn, DateOnly? AllocatedOn, bool StillWaiting)
{
    /// <summary>Days waited: to allocation, or to <paramref name="today"/> for a referral still waiting.</summary>
    public int DaysWaited(DateOnly today) => (AllocatedOn ?? today).DayNumber - ReceivedOn.DayNumber;
}

/// <summary>
/// The referrals module's published read of waiting times (issue 12): every referral received on or after a day
/// that was allocated or is still waiting (received, under review or on the waiting list). Referrals declined,
/// redirected or closed without a therapist waited for nothing and are left out. No policy check: the caller's.
/// </summary>
public interface IReferralWaits
{
    Task<IReadOnlyList<ReferralWait>> ReceivedSinceAsync(DateOnly from, CancellationToken ct);
}

internal sealed class ReferralWaits(SecureBaseDb db, Schools.SchoolClock schoolClock) : IReferralWaits
{
    public async Task<IReadOnlyList<ReferralWait>> ReceivedSinceAsync(DateOnly from, CancellationToken ct)
    {
        var since = schoolClock.ToUtc(from, TimeOnly.MinValue);
        var rows = await db.Referrals.AsNoTracking()
            .Where(r => r.ReceivedAt >= since)
            .Where(r => r.Status == ReferralStatus.Allocated || r.Status == ReferralStatus.Received || r.Status == ReferralStatus.UnderReview || r.Status == ReferralStatus.Accepted)
            .Select(r => new { r.Discipline, r.RequestedDiscipline, r.ReceivedAt, r.Status, r.DecidedAt })
            .ToListAsync(ct);
        DateOnly Day(DateTime utc) => DateOnly.FromDateTime(schoolClock.ToLocal(utc));
        return rows.Select(r => new ReferralWait(
            r.Discipline ?? r.RequestedDiscipline,
            Day(r.ReceivedAt),
            r.Status == ReferralStatus.Allocated && r.DecidedAt is { } at ? Day(at) : null,
            r.Status != ReferralStatus.Allocated)).ToList();
    }
}
