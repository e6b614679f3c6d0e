using System.Globalization;
using SecureBase.Scheduling.Model;

namespace SecureBase.Scheduling.Reading;

/// <summary>
/// Checks what the JSON shape cannot: ids are unique within their list, every reference names something that exists,
/// and a group's pupils share one site. Used by <see cref="InstanceReader"/> and by callers that build an instance in code.
/// </summary>
public static class InstanceValidator
{
    private const int MaxErrors = 20;

    public static IReadOnlyList<SchedulingError> Validate(ScheduleInstance instance)
    {
        var errors = new List<SchedulingError>();

        void Error(string where, string message)
        {
            if (errors.Count < MaxErrors)
            {
                errors.Add(new SchedulingError(SchedulingErrorKind.Invalid, where, message));
            }
        }

        var w = instance.Weights;
        if (w.Unplaced < 0 || w.SlotChange < 0 || w.RoomChange < 0 || w.NonDedicatedRoom < 0 || w.AvoidedSlot < 0 || w.ExtraRoomPerDay < 0)
        {
            Error("weights", "every weight must be 0 or more.");
        }

        var slots = Index(instance.Slots, s => s.Id, "slots", "slot", Error);
        var rooms = Index(instance.Rooms, r => r.Id, "rooms", "room", Error);
        var practitioners = Index(instance.Practitioners, p => p.Id, "practitioners", "practitioner", Error);
        var pupils = Index(instance.Pupils, p => p.Id, "pupils", "pupil", Error);
        Index(instance.Sessions, s => s.Id, "sessions", "session", Error);

        for (var i = 0; i < instance.Slots.Count; i++)
        {
            if (string.IsNullOrEmpty(instance.Slots[i].Day))
            {
                Error(At("slots", i), $"slot {instance.Slots[i].Id} has no day.");
            }
        }

        for (var i = 0; i < instance.Rooms.Count; i++)
        {
            var room = instance.Rooms[i];
            if (string.IsNullOrEmpty(room.Site))
            {
                Error(At("rooms", i), $"room {room.Id} has no site.");
            }

            foreach (var slot in room.Unavailable)
            {
                if (!slots.ContainsKey(slot))
                {
                    Error(At("rooms", i), $"room {room.Id} is unavailable in slot {slot}, which is not in the slots list.");
                }
            }
        }

        for (var i = 0; i < instance.Practitioners.Count; i++)
        {
            var practitioner = instance.Practitioners[i];
            foreach (var slot in practitioner.Available)
            {
                if (!slots.ContainsKey(slot))
                {
                    Error(At("practitioners", i), $"practitioner {practitioner.Id} is available in slot {slot}, which is not in the slots list.");
                }
            }
        }

        for (var i = 0; i < instance.Pupils.Count; i++)
        {
            var pupil = instance.Pupils[i];
            if (string.IsNullOrEmpty(pupil.Site))
            {
                Error(At("pupils", i), $"pupil {pupil.Id} has no site.");
            }

            foreach (var slot in pupil.Unavailable)
            {
                if (!slots.ContainsKey(slot))
                {
                    Error(At("pupils", i), $"pupil {pupil.Id} has a protected lesson in slot {slot}, which is not in the slots list.");
                }
            }

            foreach (var slot in pupil.Avoid)
            {
                if (!slots.ContainsKey(slot))
                {
                    Error(At("pupils", i), $"pupil {pupil.Id} avoids slot {slot}, which is not in the slots list.");
                }
            }
        }

        for (var i = 0; i < instance.Sessions.Count; i++)
        {
            var session = instance.Sessions[i];
            var where = At("sessions", i);
            if (!practitioners.ContainsKey(session.Practitioner))
            {
                Error(where, $"session {session.Id} names practitioner {session.Practitioner}, which is not in the practitioners list.");
            }

            if (session.Pupils.Count == 0)
            {
                Error(where, $"session {session.Id} has no pupils.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            Pupil? first = null;
            foreach (var pupilId in session.Pupils)
            {
                if (!seen.Add(pupilId))
                {
                    Error(where, $"session {session.Id} names pupil {pupilId} twice.");
                    continue;
                }

                if (!pupils.TryGetValue(pupilId, out var p))
                {
                    Error(where, $"session {session.Id} names pupil {pupilId}, which is not in the pupils list.");
                    continue;
                }

                var pupil = instance.Pupils[p];
                if (first is null)
                {
                    first = pupil;
                }
                else if (!string.Equals(first.Site, pupil.Site, StringComparison.Ordinal))
                {
                    Error(where, $"session {session.Id} is a group across sites: pupil {first.Id} is at site {first.Site} but pupil {pupil.Id} is at site {pupil.Site}; a group meets at one site.");
                }
            }

            if (session.Previous is { } previous)
            {
                if (previous.Slot is { } slot && !slots.ContainsKey(slot))
                {
                    Error(where, $"session {session.Id} was previously in slot {slot}, which is not in the slots list.");
                }

                if (previous.Room is { } room && !rooms.ContainsKey(room))
                {
                    Error(where, $"session {session.Id} was previously in room {room}, which is not in the rooms list (to take a room out of use, mark it unavailable in every slot).");
                }
            }
        }

        return errors;
    }

    private static Dictionary<string, int> Index<T>(
        IReadOnlyList<T> items, Func<T, string> id, string list, string noun, Action<string, string> error)
    {
        var index = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var key = id(items[i]);
            if (string.IsNullOrEmpty(key))
            {
                error(At(list, i), $"the {noun} has no id.");
            }
            else if (!index.TryAdd(key, i))
            {
                error(At(list, i), $"{noun} id {key} is used twice ({At(list, index[key])} and {At(list, i)}).");
            }
        }

        return index;
    }

    private static string At(string list, int i) => $"{list}[{i.ToString(CultureInfo.InvariantCulture)}]";
}
