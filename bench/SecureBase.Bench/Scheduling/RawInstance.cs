using System.Text.Json;

namespace SecureBase.Bench.Scheduling;

/// <summary>
/// The bench's own reading of an instance file, written from FORMAT.md without the scheduling library, so that the
/// LP model and the checker do not share a bug with the solver.
/// </summary>
internal sealed class RawInstance
{
    public required string Name { get; init; }
    public required Dictionary<string, long> Weights { get; init; }
    public required List<(string Id, string Day)> Slots { get; init; }
    public required List<RawRoom> Rooms { get; init; }
    public required Dictionary<string, HashSet<string>> Available { get; init; }
    public required Dictionary<string, RawPupil> Pupils { get; init; }
    public required List<RawSession> Sessions { get; init; }

    public static RawInstance Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var weights = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["unplaced"] = 1000, ["slotChange"] = 10, ["roomChange"] = 3, ["nonDedicatedRoom"] = 1, ["avoidedSlot"] = 4, ["extraRoomPerDay"] = 5,
        };
        if (root.TryGetProperty("weights", out var w) && w.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in weights.Keys.ToList())
            {
                if (w.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number)
                {
                    weights[key] = v.GetInt64();
                }
            }
        }

        static HashSet<string> Set(JsonElement e, string field) =>
            e.TryGetProperty(field, out var a) && a.ValueKind == JsonValueKind.Array
                ? a.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);

        static string? Str(JsonElement e, string field) =>
            e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        return new RawInstance
        {
            Name = Str(root, "name") ?? "",
            Weights = weights,
            Slots = root.GetProperty("slots").EnumerateArray().Select(s => (Str(s, "id")!, Str(s, "day")!)).ToList(),
            Rooms = root.GetProperty("rooms").EnumerateArray().Select(r => new RawRoom(
                Str(r, "id")!, Str(r, "site")!,
                r.TryGetProperty("dedicated", out var d) && d.ValueKind == JsonValueKind.True,
                Set(r, "features"), Set(r, "unavailable"))).ToList(),
            Available = root.GetProperty("practitioners").EnumerateArray()
                .ToDictionary(p => Str(p, "id")!, p => Set(p, "available"), StringComparer.Ordinal),
            Pupils = root.GetProperty("pupils").EnumerateArray()
                .ToDictionary(p => Str(p, "id")!, p => new RawPupil(Str(p, "site")!, Set(p, "unavailable"), Set(p, "avoid")), StringComparer.Ordinal),
            Sessions = root.GetProperty("sessions").EnumerateArray().Select(s =>
            {
                string? prevSlot = null, prevRoom = null;
                if (s.TryGetProperty("previous", out var prev) && prev.ValueKind == JsonValueKind.Object)
                {
                    prevSlot = Str(prev, "slot");
                    prevRoom = Str(prev, "room");
                }

                return new RawSession(
                    Str(s, "id")!, Str(s, "practitioner")!,
                    s.GetProperty("pupils").EnumerateArray().Select(x => x.GetString()!).ToList(),
                    Set(s, "requires"), prevSlot, prevRoom);
            }).ToList(),
        };
    }

    /// <summary>Rules 2 and 3: the (slot, room) pairs a session may use before looking at other sessions.</summary>
    public IEnumerable<(string Slot, string Day, RawRoom Room)> Allowed(RawSession session)
    {
        var site = Pupils[session.Pupils[0]].Site;
        foreach (var (slot, day) in Slots)
        {
            if (!Available[session.Practitioner].Contains(slot) || session.Pupils.Any(p => Pupils[p].Unavailable.Contains(slot)))
            {
                continue;
            }

            foreach (var room in Rooms)
            {
                if (room.Site == site && !room.Unavailable.Contains(slot) && session.Requires.All(room.Features.Contains))
                {
                    yield return (slot, day, room);
                }
            }
        }
    }

    /// <summary>The part of the cost fixed by one placement: room type, avoided lessons, changes from last week.</summary>
    public long PlacementCost(RawSession session, string slot, RawRoom room) =>
        (room.Dedicated ? 0 : Weights["nonDedicatedRoom"])
        + (Weights["avoidedSlot"] * session.Pupils.Count(p => Pupils[p].Avoid.Contains(slot)))
        + (session.PreviousSlot is not null && session.PreviousSlot != slot ? Weights["slotChange"] : 0)
        + (session.PreviousRoom is not null && session.PreviousRoom != room.Id ? Weights["roomChange"] : 0);
}

internal sealed record RawRoom(string Id, string Site, bool Dedicated, HashSet<string> Features, HashSet<string> Unavailable);

internal sealed record RawPupil(string Site, HashSet<string> Unavailable, HashSet<string> Avoid);

internal sealed record RawSession(string Id, string Practitioner, List<string> Pupils, HashSet<string> Requires, string? PreviousSlot, string? PreviousRoom);
