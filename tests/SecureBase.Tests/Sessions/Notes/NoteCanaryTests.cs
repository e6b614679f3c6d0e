using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Staff;
using SecureBase.Tests.Backup;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Sessions.Notes;

/// <summary>
/// The canary: a unique sentence planted in a note through the API is found in no database file,
/// no backup and no log line, while the note still reads back for its author.
/// </summary>
public sealed class NoteCanaryTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ACanarySentenceInANote_AppearsInNoDatabaseFileBackupOrLog_YetReadsBackForItsAuthor(DatabaseProvider provider)
    {
        var logs = new CapturedLogs();
        await using var app = await TestApp.StartAsync(provider,
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:SecureBase"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        var school = await TestSchool.CreateAsync(app);
        var session = await NoteTestData.AddSessionAsync(app, school.Id, school.TherapistStaffId, Discipline.Counselling, (school.PupilId, school.EpisodeId));
        var therapist = (await school.SignInAsync(Role.Therapist)).Http;

        var canary = $"The canary {Guid.NewGuid():N} sang in the therapy room.";
        var written = await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = session.Value, text = canary });
        written.EnsureSuccessStatusCode();
        var id = (await written.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await therapist.PutAsJsonAsync($"/api/v1/notes/{id}", new { version = 1, text = canary + " Corrected." })).EnsureSuccessStatusCode();
        (await therapist.PostAsJsonAsync($"/api/v1/notes/{id}/sign", new { version = 2 })).EnsureSuccessStatusCode();
        (await therapist.PostAsJsonAsync($"/api/v1/notes/{id}/addenda", new { text = "Addendum: " + canary })).EnsureSuccessStatusCode();
        var note = await NotesApiTests.GetAsync(therapist, $"/api/v1/notes/{id}");
        note.GetProperty("text").GetString().ShouldBe(canary + " Corrected.");
        note.GetProperty("versions")[2].GetProperty("text").GetString().ShouldBe("Addendum: " + canary);

        // The search is for the sentence's unique part, in every encoding it could be written in.
        var needle = canary.Split(' ')[2];
        var forms = new[] { Encoding.UTF8.GetBytes(needle), Encoding.Unicode.GetBytes(needle), Encoding.UTF8.GetBytes(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(needle))) };
        logs.Count.ShouldBeGreaterThan(0, "the application's log is captured");

        if (provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
            var files = new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists).ToList();
            files.ShouldContain(file);
            // The write-ahead log and its index are searched whenever they exist (a checkpoint may have emptied them).
            foreach (var f in files)
            {
                ShouldNotHold(await ReadSharedAsync(f), forms, f);
            }
        }
        else
        {
            ShouldNotHold(Encoding.UTF8.GetBytes(await PgDumpAsync(app.Database.ConnectionString)), forms, "pg_dump of the database");
            foreach (var (table, column, type) in await ColumnsAsync(app.Database))
            {
                var match = type == "bytea" ? $"position(convert_to('{needle}', 'UTF8') in \"{column}\") > 0" : $"\"{column}\"::text LIKE '%{needle}%'";
                var found = Convert.ToInt64(await RawSql.ScalarAsync(app.Database, $"SELECT count(*) FROM \"{table}\" WHERE {match}"), System.Globalization.CultureInfo.InvariantCulture);
                found.ShouldBe(0, $"{table}.{column} holds the canary");
            }
        }

        var backup = await BackupTools.BackUpAsync(app.Database);
        ShouldNotHold(await BackupPayloadAsync(backup, provider), forms, "the backup");
        ShouldNotHold(await File.ReadAllBytesAsync(backup), forms, "the backup file as written");

        foreach (var line in logs.Lines)
        {
            line.ShouldNotContain(needle, Case.Sensitive, "the application's log");
        }

        (await NotesApiTests.GetAsync(therapist, $"/api/v1/notes/{id}")).GetProperty("text").GetString().ShouldBe(canary + " Corrected.", "the note still reads after the scan");
    }

    private static void ShouldNotHold(byte[] haystack, byte[][] forms, string where)
    {
        haystack.Length.ShouldBeGreaterThan(0, $"{where} is empty: nothing was searched");
        foreach (var form in forms)
        {
            haystack.AsSpan().IndexOf(form).ShouldBe(-1, $"{where} holds the canary");
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    /// <summary>The backup's data in the open: the SQLite database ungzipped, or the PostgreSQL archive as plain SQL (pg_restore).</summary>
    private static async Task<byte[]> BackupPayloadAsync(string backup, DatabaseProvider provider)
    {
        var bytes = await File.ReadAllBytesAsync(backup);
        var offset = 0;
        for (var lines = 0; lines < 3; lines++)
        {
            offset = Array.IndexOf(bytes, (byte)'\n', offset) + 1;
            offset.ShouldBeGreaterThan(0, "the backup has its three header lines");
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            await using var unzip = new GZipStream(new MemoryStream(bytes, offset, bytes.Length - offset), CompressionMode.Decompress);
            using var output = new MemoryStream();
            await unzip.CopyToAsync(output);
            return output.ToArray();
        }

        var archive = backup + ".pgdump";
        await File.WriteAllBytesAsync(archive, bytes[offset..]);
        return Encoding.UTF8.GetBytes(await RunAsync("pg_restore", ["--file=-", archive], null));
    }

    private static Task<string> PgDumpAsync(string connectionString)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        return RunAsync("pg_dump", ["--format=plain", "--no-owner", "-h", cs.Host!, "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username!, cs.Database!], cs.Password);
    }

    private static async Task<string> RunAsync(string program, string[] args, string? password)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        if (password is not null)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"{program}: {await error}");
        return await output;
    }

    private static async Task<List<(string Table, string Column, string Type)>> ColumnsAsync(TestDatabase db) =>
        (await RawSql.RowsAsync(db, "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'bytea', 'jsonb', 'json')"))
        .Select(r => (r[0], r[1], r[2])).ToList();

    /// <summary>Every log line the application writes, at every level.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public int Count => _lines.Count;
        public IEnumerable<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {state} {exception}");
        }
    }
}
