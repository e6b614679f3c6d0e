using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Staff;

namespace SecureBase.Pupils;

/// <summary>
/// One EHCP pupil's therapy provision this school year: the minutes their plan specifies so far and the minutes
/// delivered (attended sessions), with the percentage delivered (null when nothing is specified).
/// </summary>
public sealed record PupilProvisionDelivered(PupilId PupilId, string PupilName, int YearGroup, IReadOnlyList<Discipline> Disciplines,
    int SpecifiedMinutes, int DeliveredMinutes, int? PercentDelivered);

/// <summary>
/// The EHCP module's published read of provision specified against delivered (issue 12's dashboards), on the same
/// rules as the EHCP list: the school year so far on the school's calendar (an estimate without one). Every pupil on
/// roll with an EHCP that specifies therapy. No policy check: the caller decides who sees the names.
/// </summary>
public interface IProvisionDelivered
{
    Task<IReadOnlyList<PupilProvisionDelivered>> ThisYearAsync(DateOnly today, CancellationToken ct);
}

internal sealed class ProvisionDelivered(SecureBaseDb db, Sessions.DeliveredSessions delivered) : IProvisionDelivered
{
    public async Task<IReadOnlyList<PupilProvisionDelivered>> ThisYearAsync(DateOnly today, CancellationToken ct)
    {
        var pupils = await db.Pupils.AsNoTracking().Where(p => p.SenStatus == SenStatus.Ehcp && p.LeftOn == null).ToDictionaryAsync(p => p.Id, ct);
        var ids = pupils.Keys.ToList();
        var plans = await db.EhcpPlans.AsNoTracking().Include(p => p.Provision).Where(p => ids.Contains(p.PupilId)).ToListAsync(ct);
        var specified = plans.SelectMany(p => p.Provision.Select(i => SpecifiedProvision.Of(p.PupilId, i))).ToList();
        if (specified.Count == 0)
        {
            return [];
        }

        var period = ProvisionPeriod.FromCalendar(await SchoolCalendar.LoadAsync(db, ct), today) ?? ProvisionPeriod.AcademicYearSoFar(today);
        var sessions = await delivered.ForAsync(specified.Select(s => s.PupilId).Distinct().ToList(), period.From, period.To, ct);
        return ProvisionCalculator.Compare(specified, period, sessions)
            .Where(p => pupils.ContainsKey(p.PupilId))
            .Select(p => new PupilProvisionDelivered(p.PupilId, pupils[p.PupilId].DisplayName, pupils[p.PupilId].YearGroup,
                p.Disciplines.Select(d => d.Discipline).Distinct().ToList(),
                (int)Math.Round(p.Totals.SpecifiedMinutes), Math.Min(p.Totals.DeliveredMinutes, (int)Math.Round(p.Totals.SpecifiedMinutes - p.Totals.ShortfallMinutes)), p.Totals.PercentDelivered))
            .OrderBy(p => p.PercentDelivered ?? 101).ThenBy(p => p.PupilName, StringComparer.CurrentCulture)
            .ToList();
    }
}
