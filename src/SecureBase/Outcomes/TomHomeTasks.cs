using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Outcomes;

/// <summary>
/// The practitioner's due TOM ratings on their home page: for each of their open episodes, the baseline
/// in weeks 1–2 of a cycle, the interim in week 6 and the final in week 11 (school weeks from the
/// episode's start, <see cref="EpisodeCycle"/>), until it is recorded.
/// </summary>
internal sealed class TomHomeTasks(EpisodeCycles cycles, SecureBaseDb db, CurrentUser me) : IHomeTasks
{
    public async Task<IReadOnlyList<HomeTask>> ForCurrentUserAsync(DateOnly today, CancellationToken ct)
    {
        if (me.ScopeFor(SchoolAction.RecordTom) == Scope.None || me.StaffId is not { } staff)
        {
            return [];
        }

        var mine = await cycles.OpenEpisodesForReadingAsync(staff, ct);
        if (mine.Count == 0)
        {
            return [];
        }

        var calendar = await SchoolCalendar.LoadForReadingAsync(db, ct);

        // Only the episodes in a week with a rating due are looked up (none, no query: most weeks have no rating due).
        var dueNow = mine.Select(m => (m.Episode, m.Pupil, Position: EpisodeCycle.On(calendar, m.Episode.StartDate, today)))
            .Select(m => (m.Episode, m.Pupil, m.Position, Point: m.Position is { } p ? TomWords.DueIn(p.Week) : null))
            .Where(m => m.Point is not null)
            .ToList();
        if (dueNow.Count == 0)
        {
            return [];
        }

        var ids = dueNow.Select(m => m.Episode.Id).ToList();
        var done = (await Rated.For(db)(db, ids).ToListAsync(ct)).Select(t => (t.EpisodeId, t.Cycle, t.Point)).ToHashSet();
        var tasks = new List<HomeTask>();
        foreach (var (e, pupil, position, due) in dueNow.OrderBy(m => m.Pupil, StringComparer.CurrentCulture))
        {
            if (position is not { } p || due is not { } point || done.Contains((e.Id, p.Cycle, point)))
            {
                continue;
            }

            tasks.Add(new HomeTask($"{char.ToUpperInvariant(TomWords.Point(point)[0])}{TomWords.Point(point)[1..]} TOM rating due for {pupil}",
                $"Cycle {p.Cycle}, week {p.Week}: {Staff.Disciplines.InSentence(e.Discipline)}", $"/episodes/{e.Id}/outcomes/tom?point={point}", null));
        }

        return tasks;
    }

    private sealed record RatedRead(EpisodeId EpisodeId, int Cycle, TomPoint Point);

    // Read on a practitioner's home page whenever a rating is due: compiled once (EF's preparing of the LINQ query,
    // walking and hashing it, was a measurable share of the page's CPU).
    private static readonly PerModel<Func<SecureBaseDb, List<EpisodeId>, IAsyncEnumerable<RatedRead>>> Rated = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, List<EpisodeId> ids) => db.TomRatings.AsNoTracking().Where(t => ids.Contains(t.EpisodeId)).Select(t => new RatedRead(t.EpisodeId, t.Cycle, t.Point))));
}
