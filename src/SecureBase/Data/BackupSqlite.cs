using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace SecureBase.Data;

/// <summary>What a database holds, in the words an operator checks a restore by.</summary>
internal sealed record DatabaseContents(bool HasSchema, long Schools, long Users, long AuditEntries)
{
    public bool IsEmpty => Schools == 0 && Users == 0 && AuditEntries == 0;

    public override string ToString() =>
        $"{Schools.ToString("N0", CultureInfo.InvariantCulture)} school{(Schools == 1 ? "" : "s")}, {Users.ToString("N0", CultureInfo.InvariantCulture)} user account{(Users == 1 ? "" : "s")}, "
        + $"{AuditEntries.ToString("N0", CultureInfo.InvariantCulture)} audit entr{(AuditEntries == 1 ? "y" : "ies")}";

    public static async Task<DatabaseContents> ReadAsync(DbConnection connection, DatabaseProvider provider, CancellationToken ct)
    {
        await using (var check = connection.CreateCommand())
        {
            if (provider == DatabaseProvider.Postgres)
            {
                check.CommandText = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'schools'";
            }
            else
            {
                check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schools'";
            }

            if (Convert.ToInt64(await check.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0)
            {
                return new DatabaseContents(false, 0, 0, 0);
            }
        }

        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT (SELECT count(*) FROM schools), (SELECT count(*) FROM users), (SELECT count(*) FROM audit_entries)";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new DatabaseContents(true, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public static async Task<List<BackupMigration>> MigrationsAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        var list = new List<BackupMigration>();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                list.Add(new BackupMigration(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2)));
            }
        }
        catch (DbException e)
        {
            throw new BackupRefusedException($"The database has no schema yet (no schema_migrations table): there is nothing to back up. ({e.Message})", e);
        }

        return list;
    }
}

/// <summary>
/// SQLite through its online backup API (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>):
/// the whole database is copied in one step inside one read transaction, so the copy is the database
/// as it was at one commit, while the application goes on writing (WAL: readers never block the writer).
/// </summary>
internal static class BackupSqlite
{
    public static string PathOf(string connectionString) => Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    /// <summary>Copies the live database to <paramref name="payloadFile"/> (gzipped) and returns the schema the copy holds.</summary>
    public static async Task<List<BackupMigration>> SnapshotAsync(string connectionString, string payloadFile, CancellationToken ct)
    {
        var source = PathOf(connectionString);
        if (!File.Exists(source))
        {
            throw new BackupRefusedException($"There is no SQLite database at {source}: there is nothing to back up.");
        }

        var copy = payloadFile + ".db";
        try
        {
            await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
            await using (var to = new SqliteConnection(Plain(copy)))
            {
                await from.OpenAsync(ct);
                SqlitePragmas.Apply(from);
                await to.OpenAsync(ct);
                from.BackupDatabase(to);
            }

            List<BackupMigration> migrations;
            await using (var check = new SqliteConnection(Plain(copy)))
            {
                await check.OpenAsync(ct);
                await using (var cmd = check.CreateCommand())
                {
                    cmd.CommandText = "PRAGMA quick_check";
                    var result = Convert.ToString(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                    if (!string.Equals(result, "ok", StringComparison.Ordinal))
                    {
                        throw new BackupRefusedException($"The SQLite database at {source} fails SQLite's integrity check ({result}); the backup was not written. Keep the last good backup.");
                    }
                }

                migrations = await DatabaseContents.MigrationsAsync(check, null, ct);
            }

            await using (var input = File.OpenRead(copy))
            await using (var output = BackupFile.OwnerOnly(payloadFile))
            await using (var zip = new GZipStream(output, CompressionLevel.Optimal))
            {
                await input.CopyToAsync(zip, ct);
            }

            return migrations;
        }
        finally
        {
            DeleteWithSidecars(copy);
        }
    }

    public static async Task<DatabaseContents> ContentsAsync(string connectionString, CancellationToken ct)
    {
        if (!File.Exists(PathOf(connectionString)))
        {
            return new DatabaseContents(false, 0, 0, 0);
        }

        // Read-only, so that looking cannot change the target (not even create it).
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        return await DatabaseContents.ReadAsync(connection, DatabaseProvider.Sqlite, ct);
    }

    /// <summary>
    /// Replaces the target database's content with the backup's, through the backup API again (the
    /// copy is written in one transaction on the target, so it is all or nothing, and the target's
    /// WAL and any open connection stay coherent). The payload is checked by SQLite before it is used.
    /// </summary>
    public static async Task RestoreAsync(string connectionString, string backupPath, long payloadOffset, CancellationToken ct)
    {
        var target = PathOf(connectionString);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var copy = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.restoring-{Guid.NewGuid():N}");
        try
        {
            try
            {
                await BackupFile.ExtractPayloadAsync(backupPath, payloadOffset, copy, gunzip: true, ct);
            }
            catch (InvalidDataException e)
            {
                throw new BackupRefusedException($"The backup file {backupPath} is damaged: its SQLite database cannot be unpacked. It cannot be restored.", e);
            }

            await using var from = new SqliteConnection(Plain(copy));
            await from.OpenAsync(ct);
            await using (var cmd = from.CreateCommand())
            {
                cmd.CommandText = "PRAGMA quick_check";
                string? result;
                try
                {
                    result = Convert.ToString(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                }
                catch (SqliteException e)
                {
                    result = e.Message;
                }

                if (!string.Equals(result, "ok", StringComparison.Ordinal))
                {
                    throw new BackupRefusedException($"The backup file {backupPath} is damaged: the database in it fails SQLite's integrity check ({result}). It cannot be restored.");
                }
            }

            await using var to = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            await to.OpenAsync(ct);
            SqlitePragmas.Apply(to);
            from.BackupDatabase(to);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            DeleteWithSidecars(copy);
        }
    }

    private static void DeleteWithSidecars(string file)
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
        {
            File.Delete(f);
        }
    }

    private static string Plain(string file) => new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
}
