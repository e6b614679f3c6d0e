using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SecureBase.Data;

/// <summary>A schema change: one SQL file per provider with the same version number and name.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

public sealed record MigrationReport(int From, int To, IReadOnlyList<SchemaMigration> Applied);

/// <summary>
/// Applies the hand-written, versioned SQL migrations in <c>Data/Migrations/{sqlite,postgres}</c>
/// (docs/adr/0002). Each runs in its own transaction and is recorded in <c>schema_migrations</c>
/// with a checksum, so a migration edited after release is caught. On PostgreSQL an advisory lock
/// lets several application instances start at once.
/// </summary>
public static partial class SchemaMigrator
{
    private const long AdvisoryLockKey = 0x5EC_0BA5E;

    public static IReadOnlyList<SchemaMigration> Load(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var asm = typeof(SchemaMigrator).Assembly;
        var prefix = $"SecureBase.Data.Migrations.{folder}.";
        var list = new List<SchemaMigration>();
        foreach (var resource in asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = resource[prefix.Length..];
            var m = FileName().Match(file);
            if (!m.Success)
            {
                throw new InvalidOperationException($"Migration file {file} is not named NNNN_name.sql");
            }

            using var stream = asm.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            list.Add(new SchemaMigration(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, reader.ReadToEnd()));
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3… without gaps; found {list[i].Version} in position {i + 1}.");
            }
        }

        return list;
    }

    public static async Task<MigrationReport> MigrateAsync(DatabaseProvider provider, string connectionString, int? targetVersion = null, CancellationToken ct = default)
    {
        var migrations = Load(provider);
        await using var connection = Open(provider, connectionString);
        await connection.OpenAsync(ct);
        if (provider == DatabaseProvider.Sqlite)
        {
            // WAL lets pages read while a note is being saved; the setting is kept in the file.
            await ExecAsync(connection, null, "PRAGMA journal_mode = WAL;", ct);
            SqlitePragmas.Apply(connection);
        }
        else
        {
            await ExecAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey});", ct);
        }

        try
        {
            await ExecAsync(connection, null, provider == DatabaseProvider.Postgres
                ? "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamp with time zone NOT NULL);"
                : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL);", ct);

            var applied = await AppliedAsync(connection, ct);
            var from = applied.Count == 0 ? 0 : applied.Keys.Max();
            if (from > migrations.Count)
            {
                throw new InvalidOperationException(
                    $"The database is at schema version {from}, newer than this version of SecureBase knows ({migrations.Count}). Upgrade the application instead.");
            }

            foreach (var (version, checksum) in applied)
            {
                if (!string.Equals(migrations[version - 1].Checksum, checksum, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Migration {version} ({migrations[version - 1].Name}) has been changed since it was applied to this database. Released migrations must never be edited; add a new one.");
                }
            }

            var target = Math.Min(targetVersion ?? migrations.Count, migrations.Count);
            var done = new List<SchemaMigration>();
            foreach (var m in migrations.Where(m => m.Version > from && m.Version <= target))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await ExecAsync(connection, tx, m.Sql, ct);
                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = tx;
                    record.CommandText = "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@v, @n, @c, @a)";
                    AddParameter(record, "@v", m.Version);
                    AddParameter(record, "@n", m.Name);
                    AddParameter(record, "@c", m.Checksum);
                    AddParameter(record, "@a", provider == DatabaseProvider.Postgres
                        ? TimeProvider.System.GetUtcNow()
                        : TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                    await record.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                done.Add(m);
            }

            return new MigrationReport(from, Math.Max(from, target), done);
        }
        finally
        {
            if (provider == DatabaseProvider.Postgres)
            {
                await ExecAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey});", CancellationToken.None);
            }
        }
    }

    public static async Task<int> CurrentVersionAsync(DatabaseProvider provider, string connectionString, CancellationToken ct = default)
    {
        await using var connection = Open(provider, connectionString);
        await connection.OpenAsync(ct);
        try
        {
            var applied = await AppliedAsync(connection, ct);
            return applied.Count == 0 ? 0 : applied.Keys.Max();
        }
        catch (DbException)
        {
            return 0;
        }
    }

    private static DbConnection Open(DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.Postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    private static async Task<Dictionary<int, string>> AppliedAsync(DbConnection connection, CancellationToken ct)
    {
        var result = new Dictionary<int, string>();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT version, checksum FROM schema_migrations";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
        }

        return result;
    }

    private static async Task ExecAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
#pragma warning disable CA2100 // The SQL is the application's own embedded migration text, never user input.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
