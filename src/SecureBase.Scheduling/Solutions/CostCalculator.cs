using SecureBase.Scheduling.Model;

namespace SecureBase.Scheduling.Solutions;

/// <summary>
/// What a timetable costs, item by item (FORMAT.md "Cost"). The counts are of occurrences; <see cref="Total"/> applies the weights.
/// <see cref="ExtraRooms"/> is summed over practitioners and days: a practitioner who uses three rooms on Monday counts 2.
/// <see cref="AvoidedSlots"/> counts pupils: a group of four placed in a slot all four avoid counts 4.
/// </summary>
public sealed record CostBreakdown(
    int Unplaced,
    int SlotChanges,
    int RoomChanges,
    int NonDedicatedRooms,
    int AvoidedSlots,
    int ExtraRooms,
    long Total);

/// <summary>
/// Computes the cost of a timetable straight from the instance, by the definition and nothing else. It shares no code
/// with the search (which keeps its own incremental totals), so that each checks the other.
/// </summary>
public static class CostCalculator
{
    /// <summary>The cost of placing <paramref name="placements"/>; every session not among them is unplaced.</summary>
    /// <exception cref="ArgumentException">A placement names an unknown session, slot or room, or a session twice (check with <see cref="SolutionChecker"/> first).</exception>
    public static CostBreakdown Compute(ScheduleInstance instance, IEnumerable<Placement> placements)
    {
        var sessions = instance.Sessions.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var slots = instance.Slots.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var rooms = instance.Rooms.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var pupils = instance.Pupils.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var w = instance.Weights;

        var placed = new HashSet<string>(StringComparer.Ordinal);
        var roomsByPractitionerDay = new Dictionary<(string Practitioner, string Day), HashSet<string>>();
        int slotChanges = 0, roomChanges = 0, nonDedicated = 0, avoided = 0;
        foreach (var placement in placements)
        {
            if (!sessions.TryGetValue(placement.Session, out var session) || !placed.Add(placement.Session))
            {
                throw new ArgumentException($"Placement of unknown or repeated session {placement.Session}.", nameof(placements));
            }

            if (!slots.TryGetValue(placement.Slot, out var slot) || !rooms.TryGetValue(placement.Room, out var room))
            {
                throw new ArgumentException($"Placement of {placement.Session} names an unknown slot or room.", nameof(placements));
            }

            if (session.Previous?.Slot is { } previousSlot && !string.Equals(previousSlot, slot.Id, StringComparison.Ordinal))
            {
                slotChanges++;
            }

            if (session.Previous?.Room is { } previousRoom && !string.Equals(previousRoom, room.Id, StringComparison.Ordinal))
            {
                roomChanges++;
            }

            if (!room.Dedicated)
            {
                nonDedicated++;
            }

            foreach (var pupilId in session.Pupils)
            {
                if (pupils[pupilId].Avoid.Contains(slot.Id, StringComparer.Ordinal))
                {
                    avoided++;
                }
            }

            var key = (session.Practitioner, slot.Day);
            if (!roomsByPractitionerDay.TryGetValue(key, out var used))
            {
                used = new HashSet<string>(StringComparer.Ordinal);
                roomsByPractitionerDay[key] = used;
            }

            used.Add(room.Id);
        }

        var extraRooms = roomsByPractitionerDay.Values.Sum(used => Math.Max(0, used.Count - 1));
        var unplaced = instance.Sessions.Count - placed.Count;
        var total =
            ((long)unplaced * w.Unplaced)
            + ((long)slotChanges * w.SlotChange)
            + ((long)roomChanges * w.RoomChange)
            + ((long)nonDedicated * w.NonDedicatedRoom)
            + ((long)avoided * w.AvoidedSlot)
            + ((long)extraRooms * w.ExtraRoomPerDay);
        return new CostBreakdown(unplaced, slotChanges, roomChanges, nonDedicated, avoided, extraRooms, total);
    }
}
