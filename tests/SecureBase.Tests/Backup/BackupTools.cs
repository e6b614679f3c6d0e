using SecureBase.Cli;
using SecureBase.Data;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Backup;

/// <summary>The backup and restore commands as an operator runs them, pointed at a test database, and a way to see that a database did not change.</summary>
internal static class BackupTools
{
    /// <summary>Another installation's audit key (the tests' own is <see cref="TestApp.AuditKeyBase64"/>).</summary>
    public const string OtherAuditKey = "b3RoZXItaW5zdGFsbGF0aW9uLWtleS0zMi1ieXRlcyE=";

    /// <summary>The settings that point a command at <paramref name="db"/>, as <c>--Key=value</c> arguments.</summary>
    public static string[] On(TestDatabase db, string auditKey = TestApp.AuditKeyBase64) =>
    [
        $"--{(db.Provider == DatabaseProvider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite")}={db.ConnectionString}",
        $"--SecureBase:DataFolder={db.Folder}",
        $"--SecureBase:AuditKey={auditKey}",
    ];

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string command, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Subcommands.Find(command)!.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A path for a backup file in a folder of its own (deleted with the test database's folder).</summary>
    public static string NewFile(TestDatabase near) => Path.Combine(near.Folder, "backups-" + Guid.NewGuid().ToString("N")[..8], "school.sbbackup");

    public static async Task<string> BackUpAsync(TestDatabase db, string? file = null)
    {
        file ??= NewFile(db);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var (exit, stdout, stderr) = await RunAsync("backup", ["--to", file, .. On(db)]);
        exit.ShouldBe(0, stderr);
        stdout.ShouldContain($"Backed up the {db.Provider} database to {file}");
        return file;
    }

    public static async Task<List<string>> TablesAsync(TestDatabase db) =>
        (await RawSql.RowsAsync(db, db.Provider == DatabaseProvider.Postgres
            ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).Select(r => r[0]).ToList();

    /// <summary>Every row of every table, as text, sorted: two equal fingerprints mean the database holds the same data.</summary>
    public static async Task<SortedDictionary<string, List<string>>> FingerprintAsync(TestDatabase db)
    {
        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync(db))
        {
            result[table] = await RowsAsync(db, table);
        }

        return result;
    }

    /// <summary>Fails, naming the rows that differ, unless the database holds what <paramref name="before"/> saw.</summary>
    public static async Task ShouldBeUnchangedAsync(TestDatabase db, SortedDictionary<string, List<string>> before, string because)
    {
        var after = await FingerprintAsync(db);
        after.Keys.ShouldBe(before.Keys, because);
        foreach (var (table, rows) in before)
        {
            after[table].Except(rows, StringComparer.Ordinal).ShouldBeEmpty($"{because}: rows added or changed in {table}");
            rows.Except(after[table], StringComparer.Ordinal).ShouldBeEmpty($"{because}: rows removed or changed in {table}");
            after[table].Count.ShouldBe(rows.Count, $"{because}: {table}");
        }
    }

    public static async Task<List<string>> RowsAsync(TestDatabase db, string table)
    {
        var rows = (await RawSql.RowsAsync(db, $"SELECT * FROM \"{table}\"")).Select(r => string.Join('\u001f', r)).ToList();
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>A copy of the file with one byte changed, <paramref name="fromEnd"/> bytes before its end (or at <paramref name="at"/>).</summary>
    public static string WithByteFlipped(string file, long? at = null, long fromEnd = 0)
    {
        var bytes = File.ReadAllBytes(file);
        var i = at ?? (bytes.Length - 1 - fromEnd);
        bytes[i] ^= 0x20;
        var copy = file + ".flipped";
        File.WriteAllBytes(copy, bytes);
        return copy;
    }

    /// <summary>Where the payload starts: after the format line, the manifest and its checksum line.</summary>
    public static long PayloadOffset(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var newlines = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n' && ++newlines == 3)
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException("not a backup file");
    }
}
