namespace SecureBase.Timetable;

/// <summary>The <c>schedule</c> subcommand: reads an instance file and writes a solution file (FORMAT.md).</summary>
internal static class ScheduleCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        await stderr.WriteLineAsync("The scheduler is not built yet.");
        return 1;
    }
}
