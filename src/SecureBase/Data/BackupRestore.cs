using System.Globalization;
using SecureBase.Audit;

namespace SecureBase.Data;

/// <summary>What the <c>restore</c> command is allowed to do beyond the safe default.</summary>
internal sealed record RestoreOptions(bool Replace, bool OtherInstallation, bool CheckOnly);

/// <summary>The result of a restore: what the backup was, what the database now holds, and what the migrator did.</summary>
internal sealed record RestoreReport(BackupManifest Manifest, DatabaseContents Contents, MigrationReport? Migration);

/// <summary>
/// Backup and restore of the whole database (docs/backup.md). Everything a restore refuses is
/// refused before the target is touched: a damaged or truncated file, a database of the other kind,
/// a schema newer than this build knows, a backup from another installation, a target that already
/// holds data. Once the backup's database is in place the migrator brings it up to this version.
/// </summary>
internal static class BackupRestore
{
    public static async Task<BackupManifest> BackupAsync(DatabaseConnection database, AuditKey key, TimeProvider clock, string destination, CancellationToken ct)
    {
        if (File.Exists(destination))
        {
            throw new BackupRefusedException($"{destination} already exists; a backup never overwrites another. Choose a new name, or give a folder and the backup is named by its time.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        if (!Directory.Exists(folder))
        {
            throw new BackupRefusedException($"The folder {folder} does not exist.");
        }

        var payload = Path.Combine(folder, $".{Path.GetFileName(destination)}.payload-{Guid.NewGuid():N}");
        try
        {
            var takenAt = clock.GetUtcNow().UtcDateTime;
            var migrations = database.Provider == DatabaseProvider.Postgres
                ? await BackupPostgres.SnapshotAsync(database.ConnectionString, payload, ct)
                : await BackupSqlite.SnapshotAsync(database.ConnectionString, payload, ct);
            if (migrations.Count == 0)
            {
                throw new BackupRefusedException("The database has no schema yet: there is nothing to back up.");
            }

            var newest = migrations.MaxBy(m => m.Version)!;
            var manifest = new BackupManifest(
                BackupManifest.CurrentFormat,
                BackupManifest.DatabaseName(database.Provider),
                database.Provider == DatabaseProvider.Postgres ? "pg_dump custom format" : "SQLite database, gzip",
                newest.Version,
                newest.Name,
                migrations,
                BackupInstallation.IdOf(key),
                takenAt,
                0,
                "");
            return await BackupFile.WriteAsync(destination, manifest, payload, ct);
        }
        finally
        {
            File.Delete(payload);
        }
    }

    /// <summary>A name for a backup written into a folder: the database kind and the UTC time, sorting in time order.</summary>
    public static string NameIn(string folder, DatabaseProvider provider, DateTime takenAt) =>
        Path.Combine(folder, $"securebase-{BackupManifest.DatabaseName(provider)}-{takenAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}{BackupFile.Extension}");

    public static async Task<RestoreReport> RestoreAsync(DatabaseConnection database, SecureBaseOptions options, Func<AuditKey> key, string source, RestoreOptions restore, CancellationToken ct)
    {
        var (manifest, offset) = await BackupFile.ReadAsync(source, ct);
        Check(manifest, database.Provider, options, key, restore.OtherInstallation);

        var contents = database.Provider == DatabaseProvider.Postgres
            ? await BackupPostgres.ContentsAsync(database.ConnectionString, ct)
            : await BackupSqlite.ContentsAsync(database.ConnectionString, ct);
        if (!contents.IsEmpty && !restore.Replace && !restore.CheckOnly)
        {
            throw new BackupRefusedException(
                $"The {BackupManifest.DatabaseName(database.Provider)} database already holds data ({contents}); restoring would replace all of it. Add --replace if that is what you want (stop the application first).");
        }

        if (restore.CheckOnly)
        {
            return new RestoreReport(manifest, contents, null);
        }

        if (database.Provider == DatabaseProvider.Postgres)
        {
            await BackupPostgres.RestoreAsync(database.ConnectionString, source, offset, ct);
        }
        else
        {
            await BackupSqlite.RestoreAsync(database.ConnectionString, source, offset, ct);
        }

        var migration = await SchemaMigrator.MigrateAsync(database.Provider, database.ConnectionString, ct: ct);
        var after = database.Provider == DatabaseProvider.Postgres
            ? await BackupPostgres.ContentsAsync(database.ConnectionString, ct)
            : await BackupSqlite.ContentsAsync(database.ConnectionString, ct);
        return new RestoreReport(manifest, after, migration);
    }

    /// <summary>The refusals that depend on the backup and this installation only; the target is not looked at.</summary>
    private static void Check(BackupManifest manifest, DatabaseProvider provider, SecureBaseOptions options, Func<AuditKey> key, bool otherInstallation)
    {
        if (manifest.Provider != provider || manifest.Database is not ("sqlite" or "postgres"))
        {
            throw new BackupRefusedException(
                $"This is a backup of {(manifest.Database == "postgres" ? "a PostgreSQL" : manifest.Database == "sqlite" ? "an SQLite" : $"a '{manifest.Database}'")} database, but this installation uses {(provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite")}; a backup is restored onto the same kind of database.");
        }

        var known = SchemaMigrator.Load(provider).ToDictionary(m => m.Version);
        var unknown = manifest.Migrations.Where(m => !known.ContainsKey(m.Version)).ToList();
        if (unknown.Count > 0)
        {
            throw new BackupRefusedException(
                $"This backup is of schema version {manifest.SchemaLabel}, newer than this version of SecureBase knows (its newest is {known.Values.MaxBy(m => m.Version)}): restore it with the version of SecureBase that made it, or a newer one.");
        }

        var edited = manifest.Migrations.FirstOrDefault(m => !string.Equals(known[m.Version].Checksum, m.Checksum, StringComparison.Ordinal));
        if (edited is not null)
        {
            throw new BackupRefusedException(
                $"This backup's migration {known[edited.Version]} differs from this version of SecureBase's; it was made by a build that changed a released migration and cannot be upgraded safely.");
        }

        if (otherInstallation)
        {
            return;
        }

        if (!BackupInstallation.HasKey(options))
        {
            throw new BackupRefusedException(
                $"This installation has no audit key yet, so it cannot be installation {manifest.InstallationId} that made the backup: put that installation's audit key in place (SecureBase:AuditKey, or audit-chain.key in the data folder) and restore again, or add --other-installation.");
        }

        var ours = BackupInstallation.IdOf(key());
        if (!string.Equals(ours, manifest.InstallationId, StringComparison.Ordinal))
        {
            throw new BackupRefusedException(
                $"This backup is from another installation ({manifest.InstallationId}; this one is {ours}): its audit log would not verify under this installation's audit key. Use that installation's key, or add --other-installation if you mean to copy its data here.");
        }
    }
}
