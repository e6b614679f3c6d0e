using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Schools;

// In the Demo folder with the other demo files, but in the Outcomes namespace: it builds the records with
// the outcomes module's own rules (TomRating.Record, SdqScore.Record), which are internal to that module.
namespace SecureBase.Outcomes;

/// <summary>
/// TOM ratings and SDQs for the demo's open episodes, so the outcomes page charts real figures from the
/// demo history: for each cycle an episode has been through, the baseline once weeks 1–2 are over, the
/// interim once week 6 is over and the final once week 11 is over (a rating whose week is now is left due,
/// for the practitioner to record); a parent's and a teacher's SDQ near the start, and again at week 11.
/// Most pupils improve by a meaningful 0.5 or more in some domains. Deterministic; saved in one go. Then the
/// assessments profiles of the demo parent's child and the demo pupil (<see cref="DemoAssessments"/>).
/// </summary>
public static class DemoOutcomes
{
    public static async Task SeedAsync(SecureBaseDb db, DateOnly today, CancellationToken ct)
    {
        var random = new Random(1209);
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var episodes = (await db.Episodes.Where(e => e.Status == EpisodeStatus.Open).ToListAsync(ct)).Where(e => e.StartDate < today).OrderBy(e => e.StartDate).ThenBy(e => e.Id.Value).ToList();
        var staff = await db.StaffMembers.ToDictionaryAsync(s => s.Id, ct);
        foreach (var e in episodes)
        {
            if (EpisodeCycles.PositionNow(calendar, e.StartDate, today) is not { } now)
            {
                continue;
            }

            var member = staff.GetValueOrDefault(e.StaffId);
            var by = member?.UserId ?? Guid.Empty;
            var name = member?.FullName ?? "";
            var level = new decimal[] { Half(1.5 + random.NextDouble() * 1.5), Half(1.5 + random.NextDouble() * 1.5), Half(1 + random.NextDouble() * 2), Half(1 + random.NextDouble() * 1.5) };
            var carer = random.Next(3) == 0 ? Half(2 + random.NextDouble()) : (decimal?)null;
            for (var cycle = 1; cycle <= now.Cycle; cycle++)
            {
                foreach (var point in Enum.GetValues<TomPoint>())
                {
                    var (from, to) = TomWords.DueWeeks(point);
                    if (cycle == now.Cycle && now.Week <= to || FirstDay(calendar, e.StartDate, cycle, from, today) is not { } on)
                    {
                        continue;
                    }

                    if (point != TomPoint.Baseline || cycle > 1)
                    {
                        for (var d = 0; d < level.Length; d++)
                        {
                            level[d] = Math.Min(5m, level[d] + (random.Next(4) switch { 0 => 0m, 1 => 0.5m, 2 => 0.5m, _ => 1m }));
                        }
                    }

                    var rating = TomRating.Record(e, point, cycle, now.Cycle, on, random.Next(4) == 0 ? "Adapted: emotional well-being" : TomRating.CoreScale,
                        new TomScores(level[0], level[1], level[2], level[3], carer), by, name, today, alreadyRated: false);
                    if (rating.IsSuccess)
                    {
                        db.TomRatings.Add(rating.Value);
                    }
                }
            }

            var start = Min(e.StartDate.AddDays(3), today);
            var difficulty = random.Next(12, 22);
            foreach (var informant in new[] { SdqInformant.Parent, SdqInformant.Teacher })
            {
                AddSdq(db, e, informant, start, difficulty + random.Next(-2, 3), random, by, today);
                if ((now.Cycle > 1 || now.Week > 11) && FirstDay(calendar, e.StartDate, 1, 11, today) is { } week11)
                {
                    AddSdq(db, e, informant, week11, difficulty - random.Next(2, 7), random, by, today);
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await DemoAssessments.SeedAsync(db, today, ct);
    }

    private static void AddSdq(SecureBaseDb db, Episode e, SdqInformant informant, DateOnly on, int total, Random random, Guid by, DateOnly today)
    {
        total = Math.Clamp(total, 0, 40);
        var parts = new int[4];
        for (var i = 0; i < total; i++)
        {
            var k = random.Next(4);
            if (parts[k] < SdqScore.SubscaleMax)
            {
                parts[k]++;
            }
        }

        if (SdqScore.Record(e, informant, on, new SdqSubscales(parts[0], parts[1], parts[2], parts[3], random.Next(4, 10)), by, today) is { IsSuccess: true } sdq)
        {
            db.SdqScores.Add(sdq.Value);
        }
    }

    /// <summary>The first school day of a week of a cycle, if it has come by today.</summary>
    private static DateOnly? FirstDay(SchoolCalendar calendar, DateOnly start, int cycle, int week, DateOnly today)
    {
        for (var day = start; day <= today; day = day.AddDays(1))
        {
            if (EpisodeCycle.On(calendar, start, day) is { } p && p.Cycle == cycle && p.Week == week)
            {
                return day;
            }
        }

        return null;
    }

    private static decimal Half(double v) => Math.Round((decimal)v * 2, MidpointRounding.AwayFromZero) / 2;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
