using System.Globalization;
using SecureBase.Scheduling.Allocation;

namespace SecureBase.Bench.Allocation;

/// <summary>The size of a generated waiting list; the same shape and seed always give the same input.</summary>
internal sealed record WaitingListShape(string Name, int Seed, int Pupils, int Practitioners, int Sites, int PeriodsPerDay = 7, double FreeShare = 0.5);

/// <summary>
/// Generates a local authority's (or a school's) waiting list: practitioners of every discipline who each cover a
/// patch of 1–3 neighbouring sites on 2–5 days a week, 5–7 periods a day; caseloads mostly near capacity (about a
/// third full); 2–5 rooms per site with features, each free in about three periods out of four; pupils at every
/// site needing the disciplines in the proportions a special-school team sees, half their week in protected lessons.
/// </summary>
internal static class WaitingListGenerator
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    private static readonly string[] Features = ["sand-tray", "sink", "sensory", "soundproofed", "step-free"];
    private static readonly string[] FirstNames = ["Jamal", "Amira", "Leo", "Ava", "Kwame", "Siobhán", "Priya", "Oliver", "Zoë", "Muhammad", "Aoife", "Dmitri"];

    /// <summary>Disciplines with how often they are needed (and, roughly, how many practitioners practise them).</summary>
    private static readonly (string Discipline, int Weight)[] Needs =
    [
        (TherapyDisciplines.SpeechAndLanguage, 25), (TherapyDisciplines.OccupationalTherapy, 15), (TherapyDisciplines.Counselling, 12),
        (TherapyDisciplines.Psychotherapy, 6), (TherapyDisciplines.PlayTherapy, 6), (TherapyDisciplines.ArtTherapy, 6),
        (TherapyDisciplines.DramaTherapy, 3), (TherapyDisciplines.MusicTherapy, 3), (TherapyDisciplines.Cbt, 6),
        (TherapyDisciplines.ClinicalPsychology, 4), (TherapyDisciplines.Elsa, 10), (TherapyDisciplines.TherapyAssistant, 4),
    ];

    public static AllocationInput Generate(WaitingListShape shape)
    {
        var rng = new Random(shape.Seed);
        var slots = Weekdays.SelectMany(d => Enumerable.Range(1, shape.PeriodsPerDay)
            .Select(p => new WeeklySlot($"{d.ToString()[..3]}-P{p}", d, $"{d.ToString()[..3]} period {p}"))).ToList();
        var sites = Enumerable.Range(1, shape.Sites).Select(s => $"site-{s:D2}").ToList();

        var rooms = new List<AllocationRoom>();
        foreach (var site in sites)
        {
            var count = rng.Next(2, 6);
            for (var r = 1; r <= count; r++)
            {
                rooms.Add(new AllocationRoom($"{site}-room-{r}", site, [.. Features.Where(_ => rng.NextDouble() < 0.3)],
                    [.. slots.Where(_ => rng.NextDouble() < 0.75).Select(s => s.Id)]));
            }
        }

        var practitioners = new List<AllocationPractitioner>();
        for (var t = 0; t < shape.Practitioners; t++)
        {
            var discipline = Pick(rng, Needs);
            IReadOnlyList<string> disciplines = rng.NextDouble() < 0.15 ? [discipline, Pick(rng, Needs)] : [discipline];
            var home = rng.Next(sites.Count);
            var patch = Enumerable.Range(0, rng.Next(1, 4)).Select(i => sites[Math.Clamp(home + (i == 0 ? 0 : rng.Next(-3, 4)), 0, sites.Count - 1)]).Distinct().ToList();
            var days = Weekdays.OrderBy(_ => rng.Next()).Take(rng.Next(2, 6)).ToList();
            var works = new List<WorkingSlot>();
            foreach (var day in days)
            {
                var site = patch[rng.Next(patch.Count)];
                var periods = rng.Next(5, shape.PeriodsPerDay + 1);
                var first = rng.Next(1, shape.PeriodsPerDay - periods + 2);
                works.AddRange(Enumerable.Range(first, periods).Select(p => new WorkingSlot($"{day.ToString()[..3]}-P{p}", site)));
            }

            var capacity = (days.Count * 4) + rng.Next(0, 4);
            var free = rng.NextDouble() < 0.35 ? 0 : rng.Next(1, 6);
            practitioners.Add(new AllocationPractitioner($"T{t:D3}", $"Practitioner {t:D3}", disciplines, capacity, Math.Max(0, capacity - free), works));
        }

        var pupils = new List<WaitingPupil>();
        for (var p = 0; p < shape.Pupils; p++)
        {
            var need = Pick(rng, Needs);
            var features = need switch
            {
                TherapyDisciplines.PlayTherapy or TherapyDisciplines.ArtTherapy or TherapyDisciplines.DramaTherapy when rng.NextDouble() < 0.4 => ["sand-tray"],
                TherapyDisciplines.OccupationalTherapy when rng.NextDouble() < 0.3 => ["sensory"],
                TherapyDisciplines.MusicTherapy when rng.NextDouble() < 0.5 => ["soundproofed"],
                _ when rng.NextDouble() < 0.05 => ["step-free"],
                _ => Array.Empty<string>(),
            };
            var priority = rng.NextDouble() switch { < 0.10 => 1, < 0.30 => 2, < 0.65 => 3, _ => 4 };
            var weeks = (int)Math.Round(Math.Pow(rng.NextDouble(), 1.5) * 60);
            pupils.Add(new WaitingPupil($"P{p:D4}", FirstNames[p % FirstNames.Length] + " " + p.ToString("D4", CultureInfo.InvariantCulture), need, priority, weeks,
                [.. slots.Where(_ => rng.NextDouble() < shape.FreeShare).Select(s => s.Id)], sites[rng.Next(sites.Count)], features));
        }

        return new AllocationInput(slots, practitioners, pupils, rooms);
    }

    private static string Pick(Random rng, (string Discipline, int Weight)[] weighted)
    {
        var x = rng.Next(weighted.Sum(w => w.Weight));
        foreach (var (discipline, weight) in weighted)
        {
            if (x < weight)
            {
                return discipline;
            }

            x -= weight;
        }

        throw new InvalidOperationException("unreachable");
    }
}
