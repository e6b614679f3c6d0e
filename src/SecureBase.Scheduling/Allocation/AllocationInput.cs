namespace SecureBase.Scheduling.Allocation;

/// <summary>
/// Everything the allocation proposal needs, as the web application reads it from its database on the day
/// of the MDT meeting. Ids are compared ordinally (case matters); disciplines and room features ignore case.
/// A week has at most 64 slots (<see cref="AllocationInput.MaxSlots"/>): sets of slots are 64-bit masks.
/// </summary>
/// <param name="Slots">The week's session slots, in any order.</param>
/// <param name="Practitioners">The therapy team, including practitioners whose caseload is full.</param>
/// <param name="Pupils">The waiting list: pupils accepted for therapy and not yet allocated.</param>
/// <param name="Rooms">Every room a session could use, at every site.</param>
/// <param name="Disciplines">Which disciplines can meet which needs; <see cref="DisciplineMatchTable.Default"/> when null.</param>
public sealed record AllocationInput(
    IReadOnlyList<WeeklySlot> Slots,
    IReadOnlyList<AllocationPractitioner> Practitioners,
    IReadOnlyList<WaitingPupil> Pupils,
    IReadOnlyList<AllocationRoom> Rooms,
    DisciplineMatchTable? Disciplines = null)
{
    /// <summary>The most slots a week may have: a slot set is one 64-bit mask.</summary>
    public const int MaxSlots = 64;

    /// <summary>The longest wait accepted, in weeks; a longer one is a data error.</summary>
    public const int MaxWeeksWaited = 1000;

    public DisciplineMatchTable DisciplineTable => Disciplines ?? DisciplineMatchTable.Default;
}

/// <summary>A weekly session slot, e.g. Tuesday period 3. <see cref="Label"/> is for people ("Tue 10:40").</summary>
public sealed record WeeklySlot(string Id, DayOfWeek Day, string? Label = null);

/// <summary>
/// A therapist (or ELSA, or assistant) who could take a waiting pupil.
/// </summary>
/// <param name="Disciplines">What they practise, most usual first; the best match to a pupil's need counts.</param>
/// <param name="Capacity">The caseload they can hold (e.g. 22 pupils).</param>
/// <param name="Caseload">The pupils they hold now; free places are <c>Capacity - Caseload</c>, never below 0.</param>
/// <param name="Works">The slots of their working pattern and the site they are at in each; a practitioner
/// may work at different sites on different days, but is at one site in any one slot.</param>
public sealed record AllocationPractitioner(
    string Id,
    string Name,
    IReadOnlyList<string> Disciplines,
    int Capacity,
    int Caseload,
    IReadOnlyList<WorkingSlot> Works)
{
    public int FreePlaces => Math.Max(0, Capacity - Caseload);
}

/// <summary>One slot of a practitioner's working pattern and the site they work at in it.</summary>
public sealed record WorkingSlot(string SlotId, string SiteId);

/// <summary>
/// A pupil on the waiting list.
/// </summary>
/// <param name="Discipline">The discipline the referral asks for (e.g. "Counselling").</param>
/// <param name="Priority">1 = most urgent … 4 = routine, as set at the half-termly review.</param>
/// <param name="WeeksWaited">Whole weeks since the referral was accepted onto the waiting list.</param>
/// <param name="FreeSlots">Slots the pupil can leave class: every slot not in a protected lesson.</param>
/// <param name="SiteId">The site the pupil is taught at; sessions happen there.</param>
/// <param name="RoomFeatures">Features the room must have (e.g. "sand-tray"); empty when any room will do.</param>
public sealed record WaitingPupil(
    string Id,
    string Name,
    string Discipline,
    int Priority,
    int WeeksWaited,
    IReadOnlyList<string> FreeSlots,
    string SiteId,
    IReadOnlyList<string> RoomFeatures);

/// <summary>A room at a site, its features, and the slots in which it is free (not taken by therapy or other use).</summary>
public sealed record AllocationRoom(string Id, string SiteId, IReadOnlyList<string> Features, IReadOnlyList<string> FreeSlots);
