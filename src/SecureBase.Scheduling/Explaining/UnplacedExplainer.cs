using System.Globalization;
using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Solutions;

namespace SecureBase.Scheduling.Explaining;

/// <summary>
/// Says, for a head of therapy, why a session is not in the timetable: it looks at every slot the practitioner works
/// and names what blocks the session there in the final timetable (a pupil's protected lesson, the practitioner or a
/// pupil already in another session, the practitioner at another site that day, every suitable room taken or in use),
/// or the fixed fact that rules it out everywhere (no suitable room at the site, no available slot).
/// Display names are used where the instance gives them, ids otherwise.
/// </summary>
public static class UnplacedExplainer
{
    /// <summary>One reason for each session of the instance that <paramref name="placements"/> leaves out, in instance order.</summary>
    public static IReadOnlyList<UnplacedSession> ExplainAll(ScheduleInstance instance, IReadOnlyList<Placement> placements)
    {
        var placed = placements.Select(p => p.Session).ToHashSet(StringComparer.Ordinal);
        if (placed.Count == instance.Sessions.Count)
        {
            return [];
        }

        var context = new Context(instance, placements);
        return instance.Sessions
            .Where(s => !placed.Contains(s.Id))
            .Select(s => new UnplacedSession(s.Id, context.Explain(s)))
            .ToList();
    }

    /// <summary>Why <paramref name="sessionId"/> cannot go anywhere, given the other sessions' <paramref name="placements"/>.</summary>
    public static string Explain(ScheduleInstance instance, IReadOnlyList<Placement> placements, string sessionId)
    {
        var session = instance.Sessions.First(s => string.Equals(s.Id, sessionId, StringComparison.Ordinal));
        var others = placements.Where(p => !string.Equals(p.Session, sessionId, StringComparison.Ordinal)).ToList();
        return new Context(instance, others).Explain(session);
    }

    private enum Blocker
    {
        ProtectedLesson,
        PractitionerBusy,
        PupilBusy,
        PractitionerElsewhere,
        Rooms,
    }

    private sealed class Context
    {
        private readonly ScheduleInstance _instance;
        private readonly Dictionary<string, Slot> _slots;
        private readonly Dictionary<string, Practitioner> _practitioners;
        private readonly Dictionary<string, Pupil> _pupils;
        private readonly HashSet<(string Room, string Slot)> _roomInUse = [];
        private readonly HashSet<(string Practitioner, string Slot)> _practitionerBusy = [];
        private readonly HashSet<(string Pupil, string Slot)> _pupilBusy = [];
        private readonly Dictionary<(string Practitioner, string Day), string> _practitionerSite = [];

        public Context(ScheduleInstance instance, IReadOnlyList<Placement> placements)
        {
            _instance = instance;
            _slots = instance.Slots.ToDictionary(s => s.Id, StringComparer.Ordinal);
            _practitioners = instance.Practitioners.ToDictionary(p => p.Id, StringComparer.Ordinal);
            _pupils = instance.Pupils.ToDictionary(p => p.Id, StringComparer.Ordinal);
            var sessions = instance.Sessions.ToDictionary(s => s.Id, StringComparer.Ordinal);
            var rooms = instance.Rooms.ToDictionary(r => r.Id, StringComparer.Ordinal);
            foreach (var placement in placements)
            {
                var session = sessions[placement.Session];
                _roomInUse.Add((placement.Room, placement.Slot));
                _practitionerBusy.Add((session.Practitioner, placement.Slot));
                foreach (var pupil in session.Pupils)
                {
                    _pupilBusy.Add((pupil, placement.Slot));
                }

                _practitionerSite[(session.Practitioner, _slots[placement.Slot].Day)] = rooms[placement.Room].Site;
            }
        }

        public string Explain(TherapySession session)
        {
            var practitioner = _practitioners[session.Practitioner];
            var who = Name(practitioner.Name, practitioner.Id);
            var pupils = session.Pupils.Select(id => _pupils[id]).ToList();
            var site = pupils[0].Site;
            var roomsAtSite = _instance.Rooms.Where(r => string.Equals(r.Site, site, StringComparison.Ordinal)).ToList();
            var suitable = roomsAtSite
                .Where(r => session.Requires.All(f => r.Features.Contains(f, StringComparer.Ordinal)))
                .ToList();
            var roomWords = RoomWords(session.Requires, site);

            if (roomsAtSite.Count == 0)
            {
                return $"There is no room at site {site}, where {PupilNames(pupils)} {(pupils.Count == 1 ? "is" : "are")}.";
            }

            if (suitable.Count == 0)
            {
                return $"No room at site {site} has {Features(session.Requires)}, which the session needs.";
            }

            var available = practitioner.Available.Distinct(StringComparer.Ordinal).Select(id => _slots[id]).ToList();
            if (available.Count == 0)
            {
                return $"{who} has no available slots this week.";
            }

            // For each slot the practitioner works, the first thing (in this order) that rules the session out there.
            var reasons = new SortedDictionary<Blocker, SortedSet<string>>();
            foreach (var slot in available)
            {
                var (blocker, detail) = BlockerIn(practitioner, pupils, suitable, slot);
                if (blocker is null)
                {
                    return $"{who} and {PupilNames(pupils)} could meet in {SlotName(slot)}, but the search did not place the session there.";
                }

                if (!reasons.TryGetValue(blocker.Value, out var details))
                {
                    details = new SortedSet<string>(StringComparer.Ordinal);
                    reasons[blocker.Value] = details;
                }

                if (detail is not null)
                {
                    details.Add(detail);
                }
            }

            var phrases = reasons.Select(r => Phrase(r.Key, r.Value, who, roomWords)).ToList();
            var when = Availability(who, available);
            return phrases.Count == 1
                ? $"{when}, and in all those slots {phrases[0]}."
                : $"{when}, and in all those slots either {JoinOr(phrases)}.";
        }

        private (Blocker? Blocker, string? Detail) BlockerIn(
            Practitioner practitioner, List<Pupil> pupils, List<Room> suitable, Slot slot)
        {
            foreach (var pupil in pupils)
            {
                if (pupil.Unavailable.Contains(slot.Id, StringComparer.Ordinal))
                {
                    return (Blocker.ProtectedLesson, Name(pupil.Name, pupil.Id));
                }
            }

            if (_practitionerBusy.Contains((practitioner.Id, slot.Id)))
            {
                return (Blocker.PractitionerBusy, null);
            }

            foreach (var pupil in pupils)
            {
                if (_pupilBusy.Contains((pupil.Id, slot.Id)))
                {
                    return (Blocker.PupilBusy, Name(pupil.Name, pupil.Id));
                }
            }

            if (_practitionerSite.TryGetValue((practitioner.Id, slot.Day), out var elsewhere)
                && !string.Equals(elsewhere, pupils[0].Site, StringComparison.Ordinal))
            {
                return (Blocker.PractitionerElsewhere, elsewhere);
            }

            var taken = false;
            var inUse = false;
            foreach (var room in suitable)
            {
                var isTaken = room.Unavailable.Contains(slot.Id, StringComparer.Ordinal);
                var isInUse = _roomInUse.Contains((room.Id, slot.Id));
                if (!isTaken && !isInUse)
                {
                    return (null, null);
                }

                taken |= isTaken;
                inUse |= isInUse;
            }

            return (Blocker.Rooms, taken && inUse ? "taken or in use" : taken ? "taken" : "in use");
        }

        private static string Phrase(Blocker blocker, SortedSet<string> details, string who, string roomWords) => blocker switch
        {
            Blocker.ProtectedLesson => $"{JoinOr([.. details])} has a protected lesson",
            Blocker.PractitionerBusy => $"{who} already has another session",
            Blocker.PupilBusy => $"{JoinOr([.. details])} is already in another session",
            Blocker.PractitionerElsewhere => $"{who} is working at site {JoinOr([.. details])} that day",
            Blocker.Rooms => $"{roomWords} is {RoomState(details)}",
            _ => throw new ArgumentOutOfRangeException(nameof(blocker)),
        };

        /// <summary>"Ms Adeyemi works Tuesdays and Thursdays only", or the slots one by one when days are partly worked.</summary>
        private string Availability(string who, List<Slot> available)
        {
            var days = _instance.Slots.Select(s => s.Day).Distinct(StringComparer.Ordinal).ToList();
            var availableIds = available.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var fullDays = new List<string>();
            var partial = new List<Slot>();
            foreach (var day in days)
            {
                var slotsOfDay = _instance.Slots.Where(s => string.Equals(s.Day, day, StringComparison.Ordinal)).ToList();
                var worked = slotsOfDay.Where(s => availableIds.Contains(s.Id)).ToList();
                if (worked.Count == slotsOfDay.Count)
                {
                    fullDays.Add(day);
                }
                else
                {
                    partial.AddRange(worked);
                }
            }

            if (partial.Count == 0)
            {
                return fullDays.Count == days.Count
                    ? $"{who} works every day"
                    : $"{who} works {JoinAnd(fullDays.Select(DayPlural).ToList())} only";
            }

            var partialDays = partial.Select(s => DayName(s.Day)).Distinct(StringComparer.Ordinal).ToList();
            var slotWords = partial.Count <= 6
                ? $"at {JoinAnd(partial.Select(SlotName).ToList())}"
                : $"in {partial.Count.ToString(CultureInfo.InvariantCulture)} slots on {JoinAnd(partialDays)}";
            return fullDays.Count == 0
                ? $"{who} works only {slotWords}"
                : $"{who} works only on {JoinAnd(fullDays.Select(DayPlural).ToList())} and {slotWords}";
        }

        private static string RoomState(SortedSet<string> states) =>
            states.Count == 1 && states.Contains("taken") ? "taken"
            : states.Count == 1 && states.Contains("in use") ? "in use by another session"
            : "taken or in use by another session";

        private static string SlotName(Slot slot) =>
            slot.Start is { } start ? $"{DayName(slot.Day)} {start}" : $"slot {slot.Id}";

        private static string DayName(string day) => day switch
        {
            "Mon" => "Monday",
            "Tue" => "Tuesday",
            "Wed" => "Wednesday",
            "Thu" => "Thursday",
            "Fri" => "Friday",
            "Sat" => "Saturday",
            "Sun" => "Sunday",
            _ => day,
        };

        private static string DayPlural(string day)
        {
            var name = DayName(day);
            return name.EndsWith("day", StringComparison.Ordinal) ? name + "s" : name;
        }

        private static string RoomWords(IReadOnlyList<string> requires, string site) =>
            requires.Count == 0 ? $"every room at site {site}" : $"every room with {Features(requires)} at site {site}";

        private static string Features(IReadOnlyList<string> requires) =>
            JoinAnd(requires.Distinct(StringComparer.Ordinal).Select(f => f.Replace('-', ' ')).ToList());

        private static string PupilNames(List<Pupil> pupils) => JoinAnd(pupils.Select(p => Name(p.Name, p.Id)).ToList());

        private static string Name(string? name, string id) => string.IsNullOrWhiteSpace(name) ? id : name;

        private static string JoinAnd(List<string> items) => Join(items, "and");

        private static string JoinOr(List<string> items) => Join(items, "or");

        private static string Join(List<string> items, string conjunction) => items.Count switch
        {
            0 => "",
            1 => items[0],
            _ => $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}",
        };
    }
}
