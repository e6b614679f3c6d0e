using System.Text.Json;

namespace SecureBase.Bench.Scheduling;

/// <summary>
/// Checks a solution file against the five rules and recomputes its cost from FORMAT.md, using only
/// <see cref="RawInstance"/>: none of the scheduling library's code.
/// </summary>
internal static class IndependentChecker
{
    public static (long Cost, List<string> Problems) Check(RawInstance instance, string solutionJson)
    {
        var problems = new List<string>();
        using var doc = JsonDocument.Parse(solutionJson);
        var placements = doc.RootElement.GetProperty("placements").EnumerateArray()
            .Select(p => (Session: p.GetProperty("session").GetString()!, Slot: p.GetProperty("slot").GetString()!, Room: p.GetProperty("room").GetString()!))
            .ToList();
        var unplaced = doc.RootElement.GetProperty("unplaced").EnumerateArray().Select(u => u.GetProperty("session").GetString()!).ToList();
        var stated = doc.RootElement.GetProperty("cost").GetInt64();

        var sessions = instance.Sessions.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var days = instance.Slots.ToDictionary(s => s.Id, s => s.Day, StringComparer.Ordinal);
        var rooms = instance.Rooms.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var counts = placements.Select(p => p.Session).Concat(unplaced).GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var s in instance.Sessions)
        {
            if (counts.GetValueOrDefault(s.Id) != 1)
            {
                problems.Add($"rule 1: {s.Id} appears {counts.GetValueOrDefault(s.Id)} times");
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var siteOfDay = new Dictionary<(string, string), string>();
        var roomsOfDay = new Dictionary<(string, string), HashSet<string>>();
        long cost = (instance.Sessions.Count - placements.Count) * instance.Weights["unplaced"];
        foreach (var (sessionId, slot, roomId) in placements)
        {
            if (!sessions.TryGetValue(sessionId, out var s) || !days.TryGetValue(slot, out var day) || !rooms.TryGetValue(roomId, out var room))
            {
                problems.Add($"unknown id in placement {sessionId}/{slot}/{roomId}");
                continue;
            }

            if (!instance.Allowed(s).Any(a => a.Slot == slot && a.Room.Id == roomId))
            {
                problems.Add($"rules 2-3: {sessionId} may not be in {roomId} at {slot}");
            }

            foreach (var key in new[] { $"room {roomId} {slot}", $"practitioner {s.Practitioner} {slot}" }.Concat(s.Pupils.Select(p => $"pupil {p} {slot}")))
            {
                if (!used.Add(key))
                {
                    problems.Add($"rule 4: {key} twice");
                }
            }

            if (siteOfDay.TryGetValue((s.Practitioner, day), out var site) && site != room.Site)
            {
                problems.Add($"rule 5: {s.Practitioner} at {site} and {room.Site} on {day}");
            }

            siteOfDay[(s.Practitioner, day)] = room.Site;
            if (!roomsOfDay.TryGetValue((s.Practitioner, day), out var set))
            {
                roomsOfDay[(s.Practitioner, day)] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(roomId);
            cost += instance.PlacementCost(s, slot, room);
        }

        cost += roomsOfDay.Values.Sum(r => Math.Max(0, r.Count - 1) * instance.Weights["extraRoomPerDay"]);
        if (cost != stated)
        {
            problems.Add($"stated cost {stated} but recomputed {cost}");
        }

        return (cost, problems);
    }
}
