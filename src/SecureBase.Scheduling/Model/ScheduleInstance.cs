namespace SecureBase.Scheduling.Model;

/// <summary>
/// One week to timetable (FORMAT.md, format version 1): the slots, rooms, practitioners,
/// pupils and the sessions to place. Ids are compared ordinally (case matters).
/// Optional <c>Name</c>s are display names used only in explanations; ids are used when absent.
/// </summary>
public sealed record ScheduleInstance(
    string Name,
    CostWeights Weights,
    IReadOnlyList<Slot> Slots,
    IReadOnlyList<Room> Rooms,
    IReadOnlyList<Practitioner> Practitioners,
    IReadOnlyList<Pupil> Pupils,
    IReadOnlyList<TherapySession> Sessions);

/// <summary>A session slot of the week; <see cref="Day"/> groups slots into days (rule 5 and the per-day room cost).</summary>
public sealed record Slot(string Id, string Day, string? Start = null, string? End = null);

/// <summary>
/// A room at a <see cref="Site"/> (a building or school). <see cref="Dedicated"/> rooms are used only for therapy;
/// a session in any other room costs <see cref="CostWeights.NonDedicatedRoom"/>. <see cref="Unavailable"/> lists
/// the slots in which the room is taken by someone else.
/// </summary>
public sealed record Room(
    string Id,
    string Site,
    bool Dedicated,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> Unavailable,
    string? Name = null);

/// <summary>A therapist; <see cref="Available"/> lists the only slots in which they can work.</summary>
public sealed record Practitioner(string Id, IReadOnlyList<string> Available, string? Name = null);

/// <summary>
/// A pupil at one site. <see cref="Unavailable"/> slots are protected lessons (a session is never placed there);
/// <see cref="Avoid"/> slots are lessons the pupil should preferably not miss (each costs <see cref="CostWeights.AvoidedSlot"/>).
/// </summary>
public sealed record Pupil(
    string Id,
    string Site,
    IReadOnlyList<string> Unavailable,
    IReadOnlyList<string> Avoid,
    string? Name = null);

/// <summary>
/// One weekly session: one practitioner with one pupil (1:1) or several (a group, all of one site).
/// <see cref="Requires"/> lists room features; <see cref="Previous"/> is last week's placement, kept where possible.
/// </summary>
public sealed record TherapySession(
    string Id,
    string Practitioner,
    IReadOnlyList<string> Pupils,
    IReadOnlyList<string> Requires,
    PreviousPlacement? Previous = null);

/// <summary>Last week's placement of a session; either part may be missing, and only a given part is charged for changing.</summary>
public sealed record PreviousPlacement(string? Slot, string? Room);

/// <summary>
/// The price of each imperfection (FORMAT.md "Cost"). Whole numbers, at least 0. Any weight the instance omits
/// keeps its default, field by field: <c>{"slotChange": 20}</c> changes only the slot-change weight.
/// </summary>
public sealed record CostWeights(
    int Unplaced = 1000,
    int SlotChange = 10,
    int RoomChange = 3,
    int NonDedicatedRoom = 1,
    int AvoidedSlot = 4,
    int ExtraRoomPerDay = 5)
{
    public static CostWeights Default { get; } = new();
}
