using System.Text;
using System.Text.Json;

namespace SecureBase.Bench.Scheduling;

/// <summary>
/// The shape of a generated week. <see cref="SitesPerLocality"/> (0: all sites) groups an authority's sites into
/// localities of that many: a peripatetic practitioner works at sites of one locality, as therapists cover a patch.
/// </summary>
internal sealed record InstanceShape(
    string Name,
    int Seed,
    int Sessions,
    int Sites,
    int RoomsPerSite,
    int Practitioners,
    double PractitionerDays,
    double GroupShare,
    double SitesPerPractitioner,
    double DedicatedShare = 0.4,
    double RoomBusy = 0.2,
    double ProtectedShare = 0.15,
    double AvoidShare = 0.1,
    double PreviousShare = 0.65,
    double SecondSessionShare = 0.1,
    int SitesPerLocality = 0);

/// <summary>
/// Generates instances deterministically from a shape and a seed (its own random generator, so the same on every
/// runtime): 7 slots a day for 5 days, rooms with features, practitioners working some days, 1:1 sessions and
/// groups, some pupils with two sessions, protected and avoided lessons, and last week's placements.
/// </summary>
internal static class InstanceGenerator
{
    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri"];
    private static readonly string[] Starts = ["09:00", "09:55", "11:00", "11:55", "13:30", "14:25", "15:15"];
    private static readonly string[] Features = ["sink", "sand-tray", "sensory", "soundproof", "step-free"];

    public static string Generate(InstanceShape shape)
    {
        var random = new Rng((ulong)shape.Seed);
        var slots = Days.SelectMany(d => Enumerable.Range(1, Starts.Length).Select(i => (Id: $"{d}-{i}", Day: d, Start: Starts[i - 1]))).ToList();
        var sites = Enumerable.Range(0, shape.Sites).Select(i => shape.Sites <= 26 ? ((char)('A' + i)).ToString() : $"S{i + 1:000}").ToList();

        var rooms = new List<(string Id, string Site, bool Dedicated, List<string> Features, List<string> Unavailable)>();
        foreach (var site in sites)
        {
            for (var i = 1; i <= shape.RoomsPerSite; i++)
            {
                var features = Features.Where(_ => random.Chance(0.3)).ToList();
                var busy = slots.Where(_ => random.Chance(shape.RoomBusy)).Select(s => s.Id).ToList();
                rooms.Add(($"{site}-R{i}", site, random.Chance(shape.DedicatedShare), features, busy));
            }
        }

        var practitioners = new List<(string Id, List<string> Available, List<string> Sites)>();
        for (var p = 1; p <= shape.Practitioners; p++)
        {
            var dayCount = Math.Clamp((int)Math.Round(shape.PractitionerDays + (random.NextDouble() - 0.5)), 1, 5);
            var days = Days.OrderBy(_ => random.NextDouble()).Take(dayCount).ToHashSet();
            var available = slots.Where(s => days.Contains(s.Day) && !random.Chance(0.08)).Select(s => s.Id).ToList();
            var siteCount = Math.Clamp((int)Math.Round(shape.SitesPerPractitioner + (random.NextDouble() * 0.6) - 0.3), 1, sites.Count);
            var locality = sites;
            if (shape.SitesPerLocality > 0)
            {
                var first = random.Next(sites.Count / shape.SitesPerLocality) * shape.SitesPerLocality;
                locality = sites.Skip(first).Take(shape.SitesPerLocality).ToList();
            }

            var mySites = locality.OrderBy(_ => random.NextDouble()).Take(Math.Min(siteCount, locality.Count)).ToList();
            practitioners.Add(($"T{p}", available, mySites));
        }

        var pupils = new List<(string Id, string Site, List<string> Unavailable, List<string> Avoid)>();
        var sessions = new List<(string Id, string Practitioner, List<string> Pupils, List<string> Requires, (string Slot, string Room)? Previous)>();
        for (var s = 1; s <= shape.Sessions; s++)
        {
            var practitioner = practitioners[(s - 1) % practitioners.Count];
            var site = practitioner.Sites[random.Next(practitioner.Sites.Count)];
            var size = random.Chance(shape.GroupShare) ? 3 + random.Next(3) : 1;
            var members = new List<string>();
            for (var k = 0; k < size; k++)
            {
                var existing = pupils.Where(p => p.Site == site && !members.Contains(p.Id)).ToList();
                if (existing.Count > 0 && random.Chance(shape.SecondSessionShare))
                {
                    members.Add(existing[random.Next(existing.Count)].Id);
                    continue;
                }

                var id = $"P{pupils.Count + 1}";
                pupils.Add((id, site,
                    slots.Where(_ => random.Chance(shape.ProtectedShare)).Select(x => x.Id).ToList(),
                    slots.Where(_ => random.Chance(shape.AvoidShare)).Select(x => x.Id).ToList()));
                members.Add(id);
            }

            var siteRooms = rooms.Where(r => r.Site == site).ToList();
            var requires = new List<string>();
            if (random.Chance(0.3))
            {
                var withFeatures = siteRooms.Where(r => r.Features.Count > 0).ToList();
                if (withFeatures.Count > 0)
                {
                    var room = withFeatures[random.Next(withFeatures.Count)];
                    requires.Add(room.Features[random.Next(room.Features.Count)]);
                }
            }

            (string, string)? previous = null;
            if (random.Chance(shape.PreviousShare) && practitioner.Available.Count > 0)
            {
                var suitable = siteRooms.Where(r => requires.All(r.Features.Contains)).ToList();
                if (suitable.Count > 0)
                {
                    previous = (practitioner.Available[random.Next(practitioner.Available.Count)], suitable[random.Next(suitable.Count)].Id);
                }
            }

            sessions.Add(($"S{s}", practitioner.Id, members, requires, previous));
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", 1);
            json.WriteString("name", shape.Name);
            json.WriteStartArray("slots");
            foreach (var slot in slots)
            {
                json.WriteStartObject();
                json.WriteString("id", slot.Id);
                json.WriteString("day", slot.Day);
                json.WriteString("start", slot.Start);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("rooms");
            foreach (var room in rooms)
            {
                json.WriteStartObject();
                json.WriteString("id", room.Id);
                json.WriteString("site", room.Site);
                json.WriteBoolean("dedicated", room.Dedicated);
                Strings(json, "features", room.Features);
                Strings(json, "unavailable", room.Unavailable);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("practitioners");
            foreach (var practitioner in practitioners)
            {
                json.WriteStartObject();
                json.WriteString("id", practitioner.Id);
                Strings(json, "available", practitioner.Available);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("pupils");
            foreach (var pupil in pupils)
            {
                json.WriteStartObject();
                json.WriteString("id", pupil.Id);
                json.WriteString("site", pupil.Site);
                Strings(json, "unavailable", pupil.Unavailable);
                Strings(json, "avoid", pupil.Avoid);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("sessions");
            foreach (var session in sessions)
            {
                json.WriteStartObject();
                json.WriteString("id", session.Id);
                json.WriteString("practitioner", session.Practitioner);
                Strings(json, "pupils", session.Pupils);
                Strings(json, "requires", session.Requires);
                if (session.Previous is { } previous)
                {
                    json.WriteStartObject("previous");
                    json.WriteString("slot", previous.Slot);
                    json.WriteString("room", previous.Room);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    /// <summary>SplitMix64: fixed by this code, unlike <see cref="Random"/> across runtime versions.</summary>
    private sealed class Rng(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        public int Next(int bound) => (int)(NextDouble() * bound);

        public bool Chance(double p) => NextDouble() < p;
    }
}
