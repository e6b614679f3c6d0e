using SecureBase.Scheduling.Model;

namespace SecureBase.Scheduling.Solutions;

/// <summary>
/// Checks a timetable against the five rules of FORMAT.md and its stated cost, independently of the search.
/// Returns every broken rule in words; an empty list means the timetable is valid.
/// </summary>
public static class SolutionChecker
{
    public static IReadOnlyList<string> Check(ScheduleInstance instance, ScheduleSolution solution)
    {
        var problems = new List<string>();
        var sessions = instance.Sessions.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var slots = instance.Slots.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var rooms = instance.Rooms.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var practitioners = instance.Practitioners.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var pupils = instance.Pupils.ToDictionary(p => p.Id, StringComparer.Ordinal);

        // Rule 1: each session placed once or listed as unplaced, never both, never neither.
        var accounted = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<Placement>();
        foreach (var placement in solution.Placements)
        {
            if (!sessions.ContainsKey(placement.Session))
            {
                problems.Add($"Placement of session {placement.Session}, which is not in the instance.");
                continue;
            }

            accounted[placement.Session] = accounted.GetValueOrDefault(placement.Session) + 1;
            if (!slots.ContainsKey(placement.Slot) || !rooms.ContainsKey(placement.Room))
            {
                problems.Add($"Session {placement.Session} is placed in slot {placement.Slot} and room {placement.Room}, and one of them is not in the instance.");
                continue;
            }

            if (accounted[placement.Session] == 1)
            {
                valid.Add(placement);
            }
        }

        foreach (var unplaced in solution.Unplaced)
        {
            if (!sessions.ContainsKey(unplaced.Session))
            {
                problems.Add($"Unplaced session {unplaced.Session} is not in the instance.");
                continue;
            }

            accounted[unplaced.Session] = accounted.GetValueOrDefault(unplaced.Session) + 1;
        }

        foreach (var session in instance.Sessions)
        {
            var count = accounted.GetValueOrDefault(session.Id);
            if (count != 1)
            {
                problems.Add(count == 0
                    ? $"Rule 1: session {session.Id} is neither placed nor listed as unplaced."
                    : $"Rule 1: session {session.Id} appears {count} times.");
            }
        }

        var roomBusy = new Dictionary<(string, string), string>();
        var practitionerBusy = new Dictionary<(string, string), string>();
        var pupilBusy = new Dictionary<(string, string), string>();
        var practitionerSite = new Dictionary<(string, string), string>();
        foreach (var placement in valid)
        {
            var session = sessions[placement.Session];
            var slot = slots[placement.Slot];
            var room = rooms[placement.Room];

            // Rule 2.
            if (!practitioners[session.Practitioner].Available.Contains(slot.Id, StringComparer.Ordinal))
            {
                problems.Add($"Rule 2: session {session.Id} is in slot {slot.Id}, when practitioner {session.Practitioner} is not available.");
            }

            foreach (var pupilId in session.Pupils)
            {
                if (pupils[pupilId].Unavailable.Contains(slot.Id, StringComparer.Ordinal))
                {
                    problems.Add($"Rule 2: session {session.Id} is in slot {slot.Id}, a protected lesson of pupil {pupilId}.");
                }
            }

            if (room.Unavailable.Contains(slot.Id, StringComparer.Ordinal))
            {
                problems.Add($"Rule 2: session {session.Id} is in room {room.Id} in slot {slot.Id}, when the room is unavailable.");
            }

            // Rule 3.
            foreach (var feature in session.Requires)
            {
                if (!room.Features.Contains(feature, StringComparer.Ordinal))
                {
                    problems.Add($"Rule 3: session {session.Id} needs {feature}, which room {room.Id} does not have.");
                }
            }

            foreach (var pupilId in session.Pupils)
            {
                if (!string.Equals(pupils[pupilId].Site, room.Site, StringComparison.Ordinal))
                {
                    problems.Add($"Rule 3: session {session.Id} is in room {room.Id} at site {room.Site}, but pupil {pupilId} is at site {pupils[pupilId].Site}.");
                }
            }

            // Rule 4.
            if (!roomBusy.TryAdd((room.Id, slot.Id), session.Id))
            {
                problems.Add($"Rule 4: room {room.Id} has sessions {roomBusy[(room.Id, slot.Id)]} and {session.Id} in slot {slot.Id}.");
            }

            if (!practitionerBusy.TryAdd((session.Practitioner, slot.Id), session.Id))
            {
                problems.Add($"Rule 4: practitioner {session.Practitioner} has sessions {practitionerBusy[(session.Practitioner, slot.Id)]} and {session.Id} in slot {slot.Id}.");
            }

            foreach (var pupilId in session.Pupils)
            {
                if (!pupilBusy.TryAdd((pupilId, slot.Id), session.Id))
                {
                    problems.Add($"Rule 4: pupil {pupilId} has sessions {pupilBusy[(pupilId, slot.Id)]} and {session.Id} in slot {slot.Id}.");
                }
            }

            // Rule 5.
            if (!practitionerSite.TryAdd((session.Practitioner, slot.Day), room.Site)
                && !string.Equals(practitionerSite[(session.Practitioner, slot.Day)], room.Site, StringComparison.Ordinal))
            {
                problems.Add($"Rule 5: practitioner {session.Practitioner} works at sites {practitionerSite[(session.Practitioner, slot.Day)]} and {room.Site} on {slot.Day}.");
            }
        }

        if (problems.Count == 0)
        {
            var cost = CostCalculator.Compute(instance, valid).Total;
            if (cost != solution.Cost)
            {
                problems.Add($"The stated cost is {solution.Cost}, but the placements cost {cost}.");
            }
        }

        return problems;
    }
}
