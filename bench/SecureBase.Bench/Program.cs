using SecureBase.Bench;
using SecureBase.Bench.Scheduling;

// One measured scheduler run in a process of its own (the scheduler suite starts these to measure peak memory).
if (args is [SchedulerRun.Command, .. var run])
{
    return await SchedulerRun.MainAsync(run);
}

// Tuning aid for the scheduler's exact phase (see SchedulerProbe).
if (args is [SchedulerProbe.Command, .. var probe])
{
    return await SchedulerProbe.MainAsync(probe);
}

// One command runs every benchmark suite; name suites to run only those:
//   dotnet run -c Release --project bench/SecureBase.Bench -- [suite ...]
var suites = typeof(IBenchSuite).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBenchSuite).IsAssignableFrom(t))
    .Select(t => (IBenchSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

// An option's value (a number, as in "--cbc-time-limit 60") stays with the options rather than naming a suite.
static bool IsOption(string a) => a.StartsWith('-') || double.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out _);
var wanted = args.Where(a => !IsOption(a)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var options = args.Where(IsOption).ToArray();
if (wanted.Contains("list"))
{
    foreach (var s in suites)
    {
        Console.WriteLine($"{s.Name,-14} {s.Description}");
    }

    return 0;
}

var unknown = wanted.Where(w => suites.All(s => !string.Equals(s.Name, w, StringComparison.OrdinalIgnoreCase))).ToList();
if (unknown.Count > 0)
{
    await Console.Error.WriteLineAsync($"Unknown benchmark suite(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", suites.Select(s => s.Name))}");
    return 2;
}

foreach (var suite in suites.Where(s => wanted.Count == 0 || wanted.Contains(s.Name)))
{
    Console.WriteLine();
    Console.WriteLine($"=== {suite.Name}: {suite.Description}");
    await suite.RunAsync(options);
}

return 0;

namespace SecureBase.Bench
{
    /// <summary>A group of measurements printed as one table. Suites are found by reflection.</summary>
    public interface IBenchSuite
    {
        string Name { get; }
        string Description { get; }
        Task RunAsync(string[] options);
    }
}
