using SecureBase.Audit;
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
        new("migrate", "Upgrade the database schema to this version (or --to N); prints what was applied", MigrateCommand.RunAsync),
        new("verify-audit", "Check the audit log's hash chain; exit code 0 when intact, 3 when tampered with", VerifyAuditCommand.RunAsync),
        new("schema-script", "Print the SQL EF Core would create for the current model (sqlite|postgres): an aid for writing migrations", SchemaScriptCommand.RunAsync),
        new("schedule", "Place a week of therapy sessions into slots and rooms (see docs/scheduling.md)", ScheduleCommand.RunAsync),
        new("help", "List these commands", HelpAsync),
    ];

    public static Subcommand? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    private static async Task<int> HelpAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        await stdout.WriteLineAsync("Usage: dotnet run --project src/SecureBase -- <command> [options]");
        await stdout.WriteLineAsync("With no command, the web application starts.");
        foreach (var c in All)
        {
            await stdout.WriteLineAsync($"  {c.Name,-14} {c.Summary}");
        }

        return 0;
    }
}
