using SecureBase.Timetable;

namespace SecureBase.Cli;

/// <summary>A command-line verb of the application (e.g. <c>migrate</c>, <c>schedule</c>).</summary>
internal sealed record Subcommand(string Name, string Summary, Func<string[], TextWriter, TextWriter, Task<int>> Run)
{
    public Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr);
}

internal static class Subcommands
{
    public static IReadOnlyList<Subcommand> All { get; } =
    [
        new("schedule", "Place a week of therapy sessions into slots and rooms (see docs/scheduling.md)", ScheduleCommand.RunAsync),
    ];

    public static Subcommand? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
