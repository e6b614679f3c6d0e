using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Reading;
using SecureBase.Scheduling.Solving;

namespace SecureBase.Scheduling.Tests;

/// <summary>Small hand-made weeks, and the repository's samples (found by walking up to SecureBase.slnx).</summary>
internal static class TestInstances
{
    /// <summary>Two days of three slots: Mon-1..Mon-3, Tue-1..Tue-3.</summary>
    public static readonly Slot[] TwoDays =
    [
        new("Mon-1", "Mon", "09:00", "09:45"), new("Mon-2", "Mon", "10:00", "10:45"), new("Mon-3", "Mon", "11:00", "11:45"),
        new("Tue-1", "Tue", "09:00", "09:45"), new("Tue-2", "Tue", "10:00", "10:45"), new("Tue-3", "Tue", "11:00", "11:45"),
    ];

    /// <summary>
    /// A limit the proofs never reach (they take well under a second): on a loaded machine the default 2 s can end the
    /// search first, and then what moves depends on the load rather than on the rules.
    /// </summary>
    public static readonly SolveOptions Unhurried = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    public static string[] AllSlots => TwoDays.Select(s => s.Id).ToArray();

    public static Room Room(string id, string site = "A", bool dedicated = true, string[]? features = null, string[]? unavailable = null, string? name = null) =>
        new(id, site, dedicated, features ?? [], unavailable ?? [], name);

    public static Practitioner Practitioner(string id, string[]? available = null, string? name = null) =>
        new(id, available ?? AllSlots, name);

    public static Pupil Pupil(string id, string site = "A", string[]? unavailable = null, string[]? avoid = null, string? name = null) =>
        new(id, site, unavailable ?? [], avoid ?? [], name);

    public static TherapySession Session(string id, string practitioner, string[] pupils, string[]? requires = null, string? previousSlot = null, string? previousRoom = null) =>
        new(id, practitioner, pupils, requires ?? [], previousSlot is null && previousRoom is null ? null : new PreviousPlacement(previousSlot, previousRoom));

    public static ScheduleInstance Week(
        IReadOnlyList<Room> rooms, IReadOnlyList<Practitioner> practitioners, IReadOnlyList<Pupil> pupils, IReadOnlyList<TherapySession> sessions, CostWeights? weights = null) =>
        new("test-week", weights ?? CostWeights.Default, TwoDays, rooms, practitioners, pupils, sessions);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureBase.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SecureBase.slnx not found above the test binaries.");
    }

    public static string SamplePath(string name) => Path.Combine(RepositoryRoot(), "samples", "scheduling", $"{name}.json");

    public static ScheduleInstance Sample(string name)
    {
        var read = InstanceReader.ReadFileAsync(SamplePath(name)).GetAwaiter().GetResult();
        read.IsValid.ShouldBeTrue(string.Join("; ", read.Errors));
        return read.Instance;
    }

    public static long ReferenceCost(string name)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "scheduling", $"{name}.reference.txt"));
        var start = text.IndexOf("ok cost=", StringComparison.Ordinal) + "ok cost=".Length;
        return long.Parse(text[start..text.IndexOf(' ', start)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
