using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SecureBase.Data;

/// <summary>
/// A schema change: one SQL file per provider with the same version and name. The version is the
/// file's prefix: 0001–0008 for the first waves, then the UTC date and time the migration was
/// written (<c>yyyyMMddHHmm</c>), so two branches that each add a migration never collide.
/// </summary>
public sealed record SchemaMigration(long Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>The version as its file name writes it.</summary>
    public string Label => Version < 10_000 ? Version.ToString("D4", CultureInfo.InvariantCulture) : Version.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => $"{Label} {Name}";
}

/// <summary>What a run did: the newest version before and after, and the migrations it applied.</summary>
public sealed record MigrationReport(long From, long To, IReadOnlyList<SchemaMigration> Applied);

/// <summary>
/// Applies the hand-written, versioned SQL migrations in <c>Data/Migrations/{sqlite,postgres}</c>
/// (docs/adr/0002). Each runs in its own transaction and is recorded in <c>schema_migrations</c>
/// with a checksum, so a migration edited after release is caught. Every migration the database has
/// not applied runs, in version order, even one older than the newest applied (it came from a branch
/// merged later). On PostgreSQL an advisory lock lets several application instances start at once.
/// </summary>
public static partial class SchemaMigrator
{
    private const long AdvisoryLockKey = 0x5EC_0BA5E;

    /// <summary>The first waves numbered their migrations 1 to 8; every later one is dated.</summary>
    private const int LastNumberedMigration = 8;

    public static IReadOnlyList<SchemaMigration> Load(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var asm = typeof(SchemaMigrator).Assembly;
        var prefix = $"SecureBase.Data.Migrations.{folder}.";
        var list = new List<SchemaMigration>();
        foreach (var resource in asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = asm.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            list.Add(FromFile(resource[prefix.Length..], reader.ReadToEnd()));
        }

        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        var twice = list.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException($"Two migrations share the version {twice.First().Label}: {string.Join(", ", twice.Select(m => m.Name))}.");
        }

        return list;
    }

    /// <summary>A migration from its file name (<c>yyyyMMddHHmm_name.sql</c>, or <c>0001</c>–<c>0008</c> for the first waves) and text.</summary>
    internal static SchemaMigration FromFile(string file, string sql)
    {
        var m = FileName().Match(file);
        var dated = m.Success && m.Groups[1].Value.Length == 12
            && DateTime.TryParseExact(m.Groups[1].Value, "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        var numbered = m.Success && m.Groups[1].Value.Length == 4 && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is >= 1 and <= LastNumberedMigration;
        if (!dated && !numbered)
        {
            throw new InvalidOperationException(
                $"Migration file {file} is not named yyyyMMddHHmm_name.sql (the UTC date and time it was written, then lower-case words joined by underscores).");
        }

        return new SchemaMigration(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, sql);
    }

    /// <summary>Applies every migration the database lacks, up to and including <paramref name="targetVersion"/> when given.</summary>
    public static Task<MigrationReport> MigrateAsync(DatabaseProvider provider, string connectionString, long? targetVersion = null, CancellationToken ct = default) =>
        MigrateAsync(provider, connectionString, Load(provider), targetVersion, ct);

    internal static async Task<MigrationReport> MigrateAsync(DatabaseProvider provider, string connectionString, IReadOnlyList<SchemaMigration> migrations, long? targetVersion, CancellationToken ct)
    {
        var known = migrations.ToDictionary(m => m.Version);
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
                ? "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamp with time zone NOT NULL);"
                  // Databases made before dated versions kept them in an integer column.
                  + " ALTER TABLE schema_migrations ALTER COLUMN version TYPE bigint;"
                : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL);", ct);

            var applied = await AppliedAsync(connection, ct);
            var from = applied.Count == 0 ? 0 : applied.Keys.Max();
            var unknown = applied.Keys.Where(v => !known.ContainsKey(v)).Order().ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The database has schema version {string.Join(", ", unknown)}, newer than this version of SecureBase knows (its newest is {migrations[^1].Label}). Upgrade the application instead.");
            }

            foreach (var (version, checksum) in applied)
            {
                if (!string.Equals(known[version].Checksum, checksum, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Migration {version} ({known[version].Name}) has been changed since it was applied to this database. Released migrations must never be edited; add a new one.");
                }
            }

            var done = new List<SchemaMigration>();
            foreach (var m in migrations.Where(m => !applied.ContainsKey(m.Version) && (targetVersion is null || m.Version <= targetVersion)))
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

            return new MigrationReport(from, Math.Max(from, done.Count == 0 ? from : done.Max(m => m.Version)), done);
        }
        finally
        {
            if (provider == DatabaseProvider.Postgres)
            {
                await ExecAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey});", CancellationToken.None);
            }
        }
    }

    /// <summary>The newest migration applied to the database (0 for an empty one).</summary>
    public static async Task<long> CurrentVersionAsync(DatabaseProvider provider, string connectionString, CancellationToken ct = default)
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

    private static async Task<Dictionary<long, string>> AppliedAsync(DbConnection connection, CancellationToken ct)
    {
        var result = new Dictionary<long, string>();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT version, checksum FROM schema_migrations";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
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

    [GeneratedRegex(@"^(\d{4}|\d{12})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
