using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Pupils;

namespace SecureBase.Sessions;

/// <summary>
/// Puts on the MDT agenda every pupil whose run of refusals has reached the school's warning threshold
/// ("nearing the 6-week limit"), with the strategies tried so far, so the team can plan how to engage them.
/// </summary>
internal sealed class NearingDisengagementAgenda(SecureBaseDb db) : IMdtAgendaSource
{
    public async Task<IReadOnlyList<MdtAgendaItem>> ItemsAsync(DateOnly heldOn, CancellationToken ct)
    {
        var settings = await DisengagementRule.SettingsAsync(db, ct);
        var episodes = await db.Episodes.AsNoTracking()
            .Where(e => e.Status == EpisodeStatus.Open && e.RefusedWeeks >= settings.WarnAfterWeeks)
            .ToListAsync(ct);
        if (episodes.Count == 0)
        {
            return [];
        }

        var names = await db.Pupils.NamesOfAsync(episodes.Select(e => e.PupilId).ToList(), ct);
        return episodes.OrderByDescending(e => e.RefusedWeeks).ThenBy(e => names[e.PupilId], StringComparer.CurrentCulture)
            .Select(e => new MdtAgendaItem(AgendaItemKind.NearingDisengagement, $"Nearing the disengagement limit: {names[e.PupilId]}",
                $"Refused {Web.PlainWords.Count(e.RefusedWeeks, "school week")} in a row; the slot is released at {settings.ReleaseAfterWeeks}. "
                + (e.EngagementStrategies.Count == 0
                    ? "No strategies recorded yet."
                    : "Tried: " + string.Join("; ", e.EngagementStrategies.Select(s => $"{s.TriedOn:d MMM} {s.What}")) + "."),
                e.PupilId, null))
            .ToList();
    }
}
