using SecureBase.Scheduling.Cli;

namespace SecureBase.Timetable;

/// <summary>The <c>schedule</c> subcommand: reads an instance file and writes a solution file (docs/scheduling.md).</summary>
internal static class ScheduleCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        ScheduleCli.RunAsync(args, stdout, stderr);
}
