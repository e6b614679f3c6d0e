namespace SecureBase.Scheduling.Solving;

/// <summary>
/// A timetable under construction with everything the search needs in O(1): who occupies each room, practitioner
/// and pupil in each slot (rule 4), where each practitioner works each day (rule 5), how many sessions each
/// practitioner has in each room each day (the per-day room cost), and the running total cost.
/// Placing and removing a session keeps all of these exact, so a move is tried by doing it and undone by reversing it.
/// </summary>
internal sealed class SearchState
{
    private readonly CompiledProblem _problem;
    private readonly int _slots;
    private readonly int _days;

    /// <summary>Candidate index of each session, or -1 when unplaced.</summary>
    public int[] Assignment { get; }

    private readonly int[] _roomOccupant;
    private readonly int[] _practitionerOccupant;
    private readonly int[] _pupilOccupant;
    private readonly int[] _practitionerDaySessions;
    private readonly int[] _practitionerDaySite;
    private readonly int[] _practitionerDayRooms;
    private readonly int[] _practitionerDayRoomSessions;

    public long Cost { get; private set; }
    public int UnplacedCount { get; private set; }

    public SearchState(CompiledProblem problem)
    {
        _problem = problem;
        _slots = problem.SlotCount;
        _days = problem.DayCount;
        Assignment = new int[problem.SessionCount];
        Array.Fill(Assignment, -1);
        _roomOccupant = Filled(problem.RoomCount * _slots);
        _practitionerOccupant = Filled(problem.PractitionerCount * _slots);
        _pupilOccupant = Filled(problem.PupilCount * _slots);
        _practitionerDaySessions = new int[problem.PractitionerCount * _days];
        _practitionerDaySite = new int[problem.PractitionerCount * _days];
        _practitionerDayRooms = new int[problem.PractitionerCount * _days];
        _practitionerDayRoomSessions = new int[problem.PractitionerDayRoomTotal];
        UnplacedCount = problem.SessionCount;
        Cost = (long)problem.SessionCount * problem.UnplacedWeight;
    }

    public CompiledProblem Problem => _problem;

    public int RoomOccupant(int room, int slot) => _roomOccupant[(room * _slots) + slot];

    public int PractitionerOccupant(int practitioner, int slot) => _practitionerOccupant[(practitioner * _slots) + slot];

    public int PupilOccupant(int pupil, int slot) => _pupilOccupant[(pupil * _slots) + slot];

    /// <summary>The site where the practitioner works on the day, or -1 if they have no session that day.</summary>
    public int PractitionerSiteOn(int practitioner, int day)
    {
        var pd = (practitioner * _days) + day;
        return _practitionerDaySessions[pd] > 0 ? _practitionerDaySite[pd] : -1;
    }

    /// <summary>Whether rules 4 and 5 allow <paramref name="candidate"/> for <paramref name="session"/> (which must be unplaced).</summary>
    public bool CanPlace(int session, int candidate)
    {
        var p = _problem;
        var slot = p.CandidateSlot[candidate];
        if (_roomOccupant[(p.CandidateRoom[candidate] * _slots) + slot] >= 0)
        {
            return false;
        }

        var practitioner = p.SessionPractitioner[session];
        if (_practitionerOccupant[(practitioner * _slots) + slot] >= 0)
        {
            return false;
        }

        for (var i = p.PupilStart[session]; i < p.PupilStart[session + 1]; i++)
        {
            if (_pupilOccupant[(p.PupilList[i] * _slots) + slot] >= 0)
            {
                return false;
            }
        }

        var pd = (practitioner * _days) + p.SlotDay[slot];
        return _practitionerDaySessions[pd] == 0 || _practitionerDaySite[pd] == p.SessionSite[session];
    }

    /// <summary>The change in cost of placing the unplaced <paramref name="session"/> at <paramref name="candidate"/> (feasibility not checked).</summary>
    public long PlaceDelta(int session, int candidate)
    {
        var p = _problem;
        var practitioner = p.SessionPractitioner[session];
        var pd = (practitioner * _days) + p.SlotDay[p.CandidateSlot[candidate]];
        var counter = p.PractitionerRoomBase[practitioner] + (p.SlotDay[p.CandidateSlot[candidate]] * p.PractitionerRoomCount[practitioner]) + p.CandidatePractitionerRoom[candidate];
        var extra = _practitionerDayRoomSessions[counter] == 0 && _practitionerDayRooms[pd] >= 1 ? p.ExtraRoomWeight : 0;
        return p.CandidateCost[candidate] + extra - p.UnplacedWeight;
    }

    public void Place(int session, int candidate)
    {
        var p = _problem;
        var slot = p.CandidateSlot[candidate];
        var practitioner = p.SessionPractitioner[session];
        Assignment[session] = candidate;
        _roomOccupant[(p.CandidateRoom[candidate] * _slots) + slot] = session;
        _practitionerOccupant[(practitioner * _slots) + slot] = session;
        for (var i = p.PupilStart[session]; i < p.PupilStart[session + 1]; i++)
        {
            _pupilOccupant[(p.PupilList[i] * _slots) + slot] = session;
        }

        var day = p.SlotDay[slot];
        var pd = (practitioner * _days) + day;
        _practitionerDaySessions[pd]++;
        _practitionerDaySite[pd] = p.SessionSite[session];
        var counter = p.PractitionerRoomBase[practitioner] + (day * p.PractitionerRoomCount[practitioner]) + p.CandidatePractitionerRoom[candidate];
        if (_practitionerDayRoomSessions[counter]++ == 0 && _practitionerDayRooms[pd]++ >= 1)
        {
            Cost += p.ExtraRoomWeight;
        }

        Cost += p.CandidateCost[candidate] - p.UnplacedWeight;
        UnplacedCount--;
    }

    public void Remove(int session)
    {
        var p = _problem;
        var candidate = Assignment[session];
        var slot = p.CandidateSlot[candidate];
        var practitioner = p.SessionPractitioner[session];
        Assignment[session] = -1;
        _roomOccupant[(p.CandidateRoom[candidate] * _slots) + slot] = -1;
        _practitionerOccupant[(practitioner * _slots) + slot] = -1;
        for (var i = p.PupilStart[session]; i < p.PupilStart[session + 1]; i++)
        {
            _pupilOccupant[(p.PupilList[i] * _slots) + slot] = -1;
        }

        var day = p.SlotDay[slot];
        var pd = (practitioner * _days) + day;
        _practitionerDaySessions[pd]--;
        var counter = p.PractitionerRoomBase[practitioner] + (day * p.PractitionerRoomCount[practitioner]) + p.CandidatePractitionerRoom[candidate];
        if (--_practitionerDayRoomSessions[counter] == 0 && --_practitionerDayRooms[pd] >= 1)
        {
            Cost -= p.ExtraRoomWeight;
        }

        Cost -= p.CandidateCost[candidate] - p.UnplacedWeight;
        UnplacedCount++;
    }

    /// <summary>Makes this state equal to <paramref name="assignment"/> by moving only the sessions that differ.</summary>
    public void LoadFrom(int[] assignment)
    {
        for (var s = 0; s < Assignment.Length; s++)
        {
            if (Assignment[s] != assignment[s] && Assignment[s] >= 0)
            {
                Remove(s);
            }
        }

        for (var s = 0; s < Assignment.Length; s++)
        {
            if (Assignment[s] != assignment[s] && assignment[s] >= 0)
            {
                Place(s, assignment[s]);
            }
        }
    }

    private static int[] Filled(int length)
    {
        var array = new int[length];
        Array.Fill(array, -1);
        return array;
    }
}
