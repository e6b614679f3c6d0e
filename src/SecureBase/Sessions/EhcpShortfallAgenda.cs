using SecureBase.Caseload;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Sessions;

/// <summary>
/// Puts "EHCP provision short: pupil" on the MDT agenda when, in one discipline, the minutes of
/// attended sessions so far this period fall below <see cref="MinimumPercent"/>% of what the plan
/// specifies for the same weeks. The margin allows for a missed week or two (illness, a trip, one
/// refused session) without flagging, while a pupil receiving less than four fifths of their
/// provision is a conversation for the team (and the local authority will ask).
/// </summary>
internal sealed class EhcpShortfallAgenda(EhcpPlans ehcps) : IMdtAgendaSource
{
    public const int MinimumPercent = 80;

    public async Task<IReadOnlyList<MdtAgendaItem>> ItemsAsync(DateOnly heldOn, CancellationToken ct)
    {
        var overview = await ehcps.ListAsync(null, outOfDateOnly: false, ct);
        var items = new List<MdtAgendaItem>();
        foreach (var row in overview.Rows.Where(r => r.Provision is not null))
        {
            var short_ = row.Provision!.Disciplines
                .Where(d => d.Totals.SpecifiedMinutes > 0 && d.Totals.PercentDelivered is { } p && p < MinimumPercent)
                .ToList();
            if (short_.Count > 0)
            {
                items.Add(new MdtAgendaItem(AgendaItemKind.EhcpShortfall, $"EHCP provision short: {row.PupilName}",
                    string.Join("; ", short_.Select(d => $"{Disciplines.Name(d.Discipline)}: {d.Totals.DeliveredMinutes} of {d.Totals.SpecifiedMinutes:0} minutes delivered ({d.Totals.PercentDelivered}%)")),
                    row.PupilId, null));
            }
        }

        return items;
    }
}
