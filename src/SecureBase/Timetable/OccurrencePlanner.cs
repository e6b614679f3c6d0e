using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Timetable;

/// <summary>
/// Turns a timetable version into dated occurrences from a date forward, for every school week the
/// calendar knows (holidays and closure days skipped). Occurrences changed by hand are exceptions
/// and are never overwritten: a session with an exception in a week gets no new row that week.
/// </summary>
public sealed class OccurrencePlanner(SecureBaseDb db)
{
    /// <summary>
    /// Adds <paramref name="version"/> when it is new, replaces the planned (unchanged) occurrences
    /// from <paramref name="from"/> with the version's, and saves. Returns how many occurrences it made.
    /// </summary>
    public async Task<int> ApplyAsync(TimetableVersion version, DateOnly from, CancellationToken ct = default)
    {
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.Entry(version).State == EntityState.Detached)
            {
                db.TimetableVersions.Add(version);
            }

            await db.SessionOccurrences
                .Where(o => o.OriginalDate >= from && !o.IsException)
                .ExecuteDeleteAsync(ct);

            var sessionIds = version.Placements.Select(p => p.SessionId).ToList();
            var sessions = await db.WeeklySessions.Where(s => sessionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
            var exceptions = (await db.SessionOccurrences
                    .Where(o => o.IsException && o.OriginalDate >= SchoolDates.MondayOf(from))
                    .Select(o => new { o.SessionId, o.OriginalDate })
                    .ToListAsync(ct))
                .Select(x => (x.SessionId, SchoolDates.MondayOf(x.OriginalDate)))
                .ToHashSet();

            var made = 0;
            var last = calendar.Known?.LastDay ?? from;
            foreach (var week in calendar.SchoolWeeksBetween(from, last))
            {
                foreach (var p in version.Placements)
                {
                    var date = week.Monday.AddDays(((int)p.Day + 6) % 7);
                    if (date < from || !calendar.IsSchoolDay(date)
                        || !sessions.TryGetValue(p.SessionId, out var session) || !session.IsRunningOn(date)
                        || exceptions.Contains((p.SessionId, week.Monday)))
                    {
                        continue;
                    }

                    db.SessionOccurrences.Add(SessionOccurrence.Plan(version.SchoolId, version.Id, session, date, p));
                    made++;
                }
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return made;
        });
    }

    /// <summary>The version in force on a date: the latest accepted one that starts on or before it.</summary>
    public async Task<TimetableVersion?> InForceAsync(DateOnly date, CancellationToken ct = default) =>
        await db.TimetableVersions.Include(v => v.Placements)
            .Where(v => v.EffectiveFrom <= date)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(ct);

    /// <summary>The latest accepted version, whatever its start date; null when the school has none.</summary>
    public async Task<TimetableVersion?> LatestAsync(CancellationToken ct = default) =>
        await db.TimetableVersions.Include(v => v.Placements)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(ct);
}
