using System.Globalization;
using SecureBase.Audit;
using SecureBase.Data;

namespace SecureBase.Cli;

/// <summary>
/// <c>backup --to FILE|FOLDER</c>: a consistent copy of the whole database while the application
/// runs, with a manifest (docs/backup.md). Exit code 0 when written, 1 when not, 2 for a usage mistake.
/// </summary>
internal static class BackupCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var to = CommandHost.Option(args, "--to");
        if (string.IsNullOrWhiteSpace(to) || to.StartsWith("--", StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync("Say where to write the backup: backup --to FILE  (or a folder, and the file is named by the time)");
            return 2;
        }

        await using var app = CommandHost.Build(args);
        var database = app.Services.GetRequiredService<DatabaseConnection>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var destination = Directory.Exists(to) ? BackupRestore.NameIn(to, database.Provider, clock.GetUtcNow().UtcDateTime) : to;
        try
        {
            var key = app.Services.GetRequiredService<AuditKey>();
            var manifest = await BackupRestore.BackupAsync(database, key, clock, destination, CancellationToken.None);
            await stdout.WriteLineAsync(
                $"Backed up the {database.Provider} database to {destination}: schema version {manifest.SchemaLabel}, installation {manifest.InstallationId}, "
                + $"{Size(new FileInfo(destination).Length)}, SHA-256 {manifest.PayloadSha256[..16]}….");
            await stdout.WriteLineAsync("Keep the audit key and the audit witness file as well (not in this file): see docs/backup.md.");
            return 0;
        }
        catch (BackupRefusedException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"The backup could not be written: {e.Message}");
            return 1;
        }
    }

    internal static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KB",
        < 1024L * 1024 * 1024 => $"{(bytes / 1024.0 / 1024).ToString("0.0", CultureInfo.InvariantCulture)} MB",
        _ => $"{(bytes / 1024.0 / 1024 / 1024).ToString("0.00", CultureInfo.InvariantCulture)} GB",
    };
}

/// <summary>
/// <c>restore --from FILE [--replace] [--other-installation] [--check]</c>: puts a backup in place of
/// the configured database and upgrades it to this version. Refusals change nothing and exit 1; a
/// restored audit log that does not verify exits 3 (as <c>verify-audit</c> does); 2 is a usage mistake.
/// </summary>
internal static class RestoreCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var from = CommandHost.Option(args, "--from");
        if (string.IsNullOrWhiteSpace(from) || from.StartsWith("--", StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync("Say which backup to restore: restore --from FILE [--replace] [--other-installation] [--check]");
            return 2;
        }

        var options = new RestoreOptions(args.Contains("--replace"), args.Contains("--other-installation"), args.Contains("--check"));
        await using var app = CommandHost.Build(args);
        var database = app.Services.GetRequiredService<DatabaseConnection>();
        var settings = app.Services.GetRequiredService<IOptions<SecureBaseOptions>>().Value;
        RestoreReport report;
        try
        {
            report = await BackupRestore.RestoreAsync(database, settings, () => app.Services.GetRequiredService<AuditKey>(), from, options, CancellationToken.None);
        }
        catch (BackupRefusedException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
        catch (InvalidOperationException e)
        {
            // The migrator's refusals (an edited migration) after the data is in place.
            await stderr.WriteLineAsync($"The backup was restored but could not be upgraded: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"The backup could not be restored: {e.Message}");
            return 1;
        }

        var m = report.Manifest;
        var taken = m.TakenAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        if (options.CheckOnly)
        {
            await stdout.WriteLineAsync(
                $"{from} is a whole {m.Database} backup of installation {m.InstallationId}, schema version {m.SchemaLabel}, taken {taken}; it can be restored here"
                + (report.Contents.IsEmpty ? "." : $" with --replace (the database holds {report.Contents})."));
            return 0;
        }

        await stdout.WriteLineAsync($"Restored the {m.Database} backup taken {taken} (schema version {m.SchemaLabel}): the database holds {report.Contents}.");
        if (report.Migration is { Applied.Count: > 0 } upgrade)
        {
            await stdout.WriteLineAsync($"Upgraded it from schema version {upgrade.From} to {upgrade.To}: {string.Join(", ", upgrade.Applied)}.");
        }

        return await CheckAuditAsync(app, options.OtherInstallation, stdout, stderr);
    }

    /// <summary>
    /// Verifies the restored audit log. A witness file that saw entries the backup does not hold (they
    /// were written after it) is set aside, as ADR 0006 advises, so that verification starts afresh;
    /// the operator is told which entries were lost.
    /// </summary>
    private static async Task<int> CheckAuditAsync(WebApplication app, bool otherInstallation, TextWriter stdout, TextWriter stderr)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var key = scope.ServiceProvider.GetRequiredService<AuditKey>();
        var witness = scope.ServiceProvider.GetRequiredService<AuditWitness>();
        var chain = await AuditVerifier.VerifyAsync(db, key);
        if (!chain.Intact)
        {
            if (otherInstallation)
            {
                await stdout.WriteLineAsync($"The restored audit log was sealed with the other installation's key, so it does not verify here: {chain.Message}");
                return 0;
            }

            await stderr.WriteLineAsync($"The restored audit log does not verify: {chain.Message}");
            return VerifyAuditCommand.Tampered;
        }

        var withWitness = await AuditVerifier.VerifyAsync(db, key, witness);
        if (!withWitness.Intact)
        {
            var setAside = $"{witness.FilePath}.before-restore-{scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
            File.Move(witness.FilePath, setAside);
            await stdout.WriteLineAsync(
                $"The audit witness file had seen entries this backup does not hold ({withWitness.Message}): they were written after the backup and are lost. "
                + $"The old witness file is kept as {setAside} (keep it with the incident record); a new one starts when the application starts.");
        }

        await stdout.WriteLineAsync($"The restored audit log verifies: {chain.EntriesChecked.ToString("N0", CultureInfo.InvariantCulture)} entries.");
        return 0;
    }
}
