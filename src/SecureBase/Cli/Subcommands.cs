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
        new("backup", "Write a consistent backup of the database while the application runs: backup --to FILE|FOLDER (see docs/backup.md)", BackupCommand.RunAsync),
        new("restore", "Put a backup in place of the database and upgrade it: restore --from FILE [--replace] [--other-installation] [--check]", RestoreCommand.RunAsync),
        new("schema-script", "Print the SQL EF Core would create for the current model (sqlite|postgres): an aid for writing migrations", SchemaScriptCommand.RunAsync),
        new("schedule", "Place a week of therapy sessions into slots and rooms (see docs/scheduling.md)", ScheduleCommand.RunAsync),
        new("rotate-note-key", "Add a new note key, make it current and re-encrypt every note under it (--reencrypt: only re-encrypt, for keys set in configuration)", RotateNoteKeyCommand.RunAsync),
        new("help", "List these commands", HelpAsync),
    ];

    public static Subcommand? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// Whether the first argument names a command rather than a setting for the web application
    /// (<c>--urls …</c>, <c>urls=…</c>): a word that is neither is a misspelt command, and must not
    /// start the web server on the same data folder.
    /// </summary>
    public static bool LooksLikeACommand(string arg) => arg.Length > 0 && arg[0] != '-' && arg[0] != '/' && !arg.Contains('=', StringComparison.Ordinal);

    /// <summary>An unknown command: says so, suggests the nearest one, lists them all, and exits 2.</summary>
    public static async Task<int> UnknownAsync(string name, TextWriter stderr)
    {
        var nearest = All.Select(c => (c.Name, Distance: Distance(name.ToLowerInvariant(), c.Name))).OrderBy(c => c.Distance).First();
        await stderr.WriteLineAsync($"'{name}' is not a SecureBase command.{(nearest.Distance <= 2 ? $" Did you mean '{nearest.Name}'?" : "")}");
        await HelpAsync([], stderr, stderr);
        return 2;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

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
