using System.Diagnostics;
using Npgsql;

namespace SecureBase.Data;

/// <summary>
/// PostgreSQL through Debian's client programs: <c>pg_dump --format=custom</c> to back up,
/// <c>pg_restore</c> piped into <c>psql --single-transaction</c> to restore. The dump reads from a
/// snapshot exported by a repeatable-read transaction, the same one the manifest's schema is read in,
/// so the dump and its manifest describe one consistent moment while the application keeps writing.
/// The restore empties the target and loads the dump in one transaction: if anything fails, the
/// database is exactly as it was.
/// </summary>
internal static class BackupPostgres
{
    /// <summary>Drops everything the application's schema consists of (tables, sequences, the audit trigger's function), skipping objects that belong to extensions.</summary>
    private const string EmptyPublicSchema = """
        DO $securebase$
        DECLARE r record;
        BEGIN
          FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')
                     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') LOOP
            EXECUTE format(CASE r.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS public.%I CASCADE' ELSE 'DROP MATERIALIZED VIEW IF EXISTS public.%I CASCADE' END, r.relname);
          END LOOP;
          FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') LOOP
            EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.relname);
          END LOOP;
          FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind = 'S'
                     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') LOOP
            EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.relname);
          END LOOP;
          FOR r IN SELECT p.oid::regprocedure::text AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                   WHERE n.nspname = 'public'
                     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
            EXECUTE 'DROP ROUTINE IF EXISTS ' || r.sig || ' CASCADE';
          END LOOP;
          FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                   WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd')
                     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e') LOOP
            EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', r.typname);
          END LOOP;
        END $securebase$;
        """;

    /// <summary>Dumps the database to <paramref name="payloadFile"/> and returns the schema the dump holds.</summary>
    public static async Task<List<BackupMigration>> SnapshotAsync(string connectionString, string payloadFile, CancellationToken ct)
    {
        var pgDump = Tool("pg_dump");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        string snapshot;
        await using (var cmd = new NpgsqlCommand("SET TRANSACTION READ ONLY; SELECT pg_export_snapshot();", connection, tx))
        {
            snapshot = (string)(await cmd.ExecuteScalarAsync(ct))!;
        }

        var migrations = await DatabaseContents.MigrationsAsync(connection, tx, ct);
        // Created empty and owner-only first, so the dump is never readable by others.
        await using (BackupFile.OwnerOnly(payloadFile))
        {
        }

        var (exit, error) = await RunAsync(pgDump, connectionString, ["--format=custom", "--no-password", $"--snapshot={snapshot}", $"--file={payloadFile}"], null, ct);
        if (exit != 0)
        {
            throw new BackupRefusedException($"pg_dump failed (exit code {exit}): {FirstError(error)}");
        }

        await tx.CommitAsync(ct);
        return migrations;
    }

    public static async Task<DatabaseContents> ContentsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return await DatabaseContents.ReadAsync(connection, DatabaseProvider.Postgres, ct);
    }

    public static async Task RestoreAsync(string connectionString, string backupPath, long payloadOffset, CancellationToken ct)
    {
        var pgRestore = Tool("pg_restore");
        var psql = Tool("psql");
        var dump = Path.Combine(Path.GetTempPath(), $"securebase-restore-{Guid.NewGuid():N}.dump");
        try
        {
            await BackupFile.ExtractPayloadAsync(backupPath, payloadOffset, dump, gunzip: false, ct);
            var (listExit, listError) = await RunAsync(pgRestore, connectionString, ["--list", dump], null, ct);
            if (listExit != 0)
            {
                throw new BackupRefusedException($"The backup file {backupPath} is damaged: pg_restore cannot read the dump in it ({FirstError(listError)}). It cannot be restored.");
            }

            // pg_restore writes the dump as SQL; psql runs it after emptying the schema, all in one transaction.
            var (exit, error) = await RunAsync(psql, connectionString,
                ["--no-psqlrc", "--quiet", "--no-password", "--single-transaction", "--set=ON_ERROR_STOP=1", "--command", EmptyPublicSchema, "--file=-"],
                new ToolInput(pgRestore, ["--no-owner", "--no-privileges", "--file=-", dump]), ct);
            if (exit != 0)
            {
                throw new BackupRefusedException($"The restore failed and was rolled back, so the database is as it was: {FirstError(error)}");
            }
        }
        finally
        {
            File.Delete(dump);
        }
    }

    /// <summary>A client program: on the PATH, or in Debian's versioned folders (newest first).</summary>
    internal static string Tool(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var found = Directory.GetDirectories(debian)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Path: Path.Combine(d, "bin", name)))
                .Where(c => File.Exists(c.Path))
                .OrderByDescending(c => c.Version)
                .FirstOrDefault();
            if (found.Path is not null)
            {
                return found.Path;
            }
        }

        throw new BackupRefusedException(
            $"{name} was not found on the PATH or in /usr/lib/postgresql/*/bin: install PostgreSQL's client programs (on Debian: apt-get install postgresql-client, the same major version as the server or newer).");
    }

    private sealed record ToolInput(string Program, IReadOnlyList<string> Arguments);

    /// <summary>
    /// Runs a client program with the connection given by libpq's environment variables (the password
    /// never appears on a command line), optionally with another program's output as its input.
    /// </summary>
    private static async Task<(int Exit, string Error)> RunAsync(string program, string connectionString, IReadOnlyList<string> arguments, ToolInput? input, CancellationToken ct)
    {
        var start = Start(program, connectionString, arguments, redirectInput: input is not null);
        using var process = Process.Start(start) ?? throw new BackupRefusedException($"{program} could not be started.");
        var error = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        string feederError = "";
        var feederExit = 0;
        if (input is not null)
        {
            using var feeder = Process.Start(Start(input.Program, connectionString, input.Arguments, redirectInput: false))
                ?? throw new BackupRefusedException($"{input.Program} could not be started.");
            var feederStderr = feeder.StandardError.ReadToEndAsync(ct);
            try
            {
                await feeder.StandardOutput.BaseStream.CopyToAsync(process.StandardInput.BaseStream, ct);
            }
            catch (IOException)
            {
                // psql stopped reading (it met an error): its own message says why.
            }

            process.StandardInput.Close();
            await feeder.WaitForExitAsync(ct);
            feederExit = feeder.ExitCode;
            feederError = await feederStderr;
        }

        await process.WaitForExitAsync(ct);
        var text = await error;
        await output;
        if (process.ExitCode == 0 && feederExit != 0)
        {
            return (feederExit, feederError);
        }

        return (process.ExitCode, text.Length > 0 ? text : feederError);
    }

    private static ProcessStartInfo Start(string program, string connectionString, IReadOnlyList<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        void Set(string variable, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                start.Environment[variable] = value;
            }
        }

        Set("PGHOST", cs.Host);
        Set("PGPORT", cs.Port == NpgsqlConnection.DefaultPort && string.IsNullOrEmpty(cs.Host) ? null : cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("PGUSER", cs.Username);
        Set("PGPASSWORD", cs.Password);
        Set("PGPASSFILE", cs.Passfile);
        Set("PGDATABASE", cs.Database);
        Set("PGAPPNAME", "SecureBase backup");
        Set("PGSSLMODE", cs.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });
        Set("PGSSLROOTCERT", cs.RootCertificate);
        Set("PGSSLCERT", cs.SslCertificate);
        Set("PGSSLKEY", cs.SslKey);
        return start;
    }

    private static string FirstError(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault(l => l.Contains("ERROR", StringComparison.Ordinal) || l.Contains("error", StringComparison.Ordinal))
               ?? lines.FirstOrDefault() ?? "no message";
    }
}
