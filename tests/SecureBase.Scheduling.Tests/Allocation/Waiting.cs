using SecureBase.Scheduling.Allocation;

namespace SecureBase.Scheduling.Tests.Allocation;

/// <summary>Small, readable allocation inputs: a week of Mon1 … Fri4 slots, one site called "main" unless said.</summary>
internal static class Waiting
{
    public const string Main = "main";
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static IReadOnlyList<WeeklySlot> Week(int perDay = 4) =>
        [.. Weekdays.SelectMany(d => Enumerable.Range(1, perDay).Select(i => new WeeklySlot($"{d.ToString()[..3]}{i}", d)))];

    public static string[] AllSlots(int perDay = 4) => [.. Week(perDay).Select(s => s.Id)];

    /// <summary>Slots of whole days: Day("Tue", "Thu") = Tue1 … Tue4, Thu1 … Thu4.</summary>
    public static string[] Days(params string[] days) => [.. days.SelectMany(d => Enumerable.Range(1, 4).Select(i => d + i))];

    public static AllocationPractitioner Practitioner(string id, string discipline, int capacity = 10, int caseload = 0, string[]? works = null, string site = Main, string? name = null) =>
        new(id, name ?? id, [discipline], capacity, caseload, [.. (works ?? AllSlots()).Select(s => new WorkingSlot(s, site))]);

    public static WaitingPupil Pupil(string id, string discipline, int priority = 3, int weeks = 0, string[]? free = null, string site = Main, string[]? features = null, string? name = null) =>
        new(id, name ?? id, discipline, priority, weeks, free ?? AllSlots(), site, features ?? []);

    public static AllocationRoom Room(string id, string site = Main, string[]? features = null, string[]? free = null) =>
        new(id, site, features ?? [], free ?? AllSlots());

    public static AllocationInput Input(IEnumerable<AllocationPractitioner> practitioners, IEnumerable<WaitingPupil> pupils, IEnumerable<AllocationRoom>? rooms = null, DisciplineMatchTable? table = null) =>
        new(Week(), [.. practitioners], [.. pupils], [.. rooms ?? [Room("room-1")]], table);
}
