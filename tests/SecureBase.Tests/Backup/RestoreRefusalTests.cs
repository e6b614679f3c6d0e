using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Backup;

/// <summary>
/// A backup that must not be restored is refused with one line saying why, exit code 1, and the
/// target database exactly as it was, even when <c>--replace</c> was given.
/// </summary>
public sealed class RestoreRefusalTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ATruncatedBackup_IsRefused_AndTheDatabaseIsUnchanged(DatabaseProvider provider)
    {
        await using var scene = await Scene.StartAsync(provider);
        var truncated = scene.Backup + ".truncated";
        var bytes = await File.ReadAllBytesAsync(scene.Backup);
        await File.WriteAllBytesAsync(truncated, bytes[..^300]);

        var refusal = await scene.RestoreRefusedAsync(truncated, "--replace");
        refusal.ShouldStartWith($"The backup file {truncated} is incomplete: it holds");
        refusal.ShouldContain("It cannot be restored.");

        // Cut inside the header as well: still one plain line.
        await File.WriteAllBytesAsync(truncated, bytes[..40]);
        (await scene.RestoreRefusedAsync(truncated, "--replace")).ShouldBe($"The backup file {truncated} is incomplete: it ends inside its header. It cannot be restored.");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ABackupWithOneByteChanged_IsRefused_AndTheDatabaseIsUnchanged(DatabaseProvider provider)
    {
        await using var scene = await Scene.StartAsync(provider);
        var offset = BackupTools.PayloadOffset(scene.Backup);
        var length = new FileInfo(scene.Backup).Length;

        var inTheData = BackupTools.WithByteFlipped(scene.Backup, at: offset + ((length - offset) / 2));
        (await scene.RestoreRefusedAsync(inTheData, "--replace"))
            .ShouldBe($"The backup file {inTheData} is damaged: its data does not match its SHA-256 checksum. It cannot be restored.");

        // A byte of the manifest (inside the installation id): damaged, not "another installation".
        var manifest = File.ReadLines(scene.Backup).Skip(1).First();
        var inTheHeader = BackupTools.WithByteFlipped(scene.Backup, at: File.ReadLines(scene.Backup).First().Length + 1 + manifest.IndexOf("\"installationId\":\"sb-", StringComparison.Ordinal) + 22);
        (await scene.RestoreRefusedAsync(inTheHeader, "--replace"))
            .ShouldBe($"The backup file {inTheHeader} is damaged: its header does not match its checksum. It cannot be restored.");

        var notABackup = Path.Combine(Path.GetDirectoryName(scene.Backup)!, "notes.txt");
        await File.WriteAllTextAsync(notABackup, "Shopping list: milk, bread\n");
        (await scene.RestoreRefusedAsync(notABackup, "--replace")).ShouldBe($"{notABackup} is not a SecureBase backup file (it does not start with 'SecureBase backup').");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ABackupOfANewerSchema_IsRefused_AndTheDatabaseIsUnchanged(DatabaseProvider provider)
    {
        await using var scene = await Scene.StartAsync(provider, source => RawSql.ExecAsync(source, provider == DatabaseProvider.Postgres
            ? "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (209912311200, 'rooms_of_the_future', 'x', now())"
            : "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (209912311200, 'rooms_of_the_future', 'x', '2099-12-31')"));
        var refusal = await scene.RestoreRefusedAsync(scene.Backup, "--replace");
        refusal.ShouldStartWith("This backup is of schema version 209912311200 rooms_of_the_future, newer than this version of SecureBase knows (its newest is ");
        refusal.ShouldEndWith("restore it with the version of SecureBase that made it, or a newer one.");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ABackupFromAnotherInstallation_IsRefused_UnlessAskedFor(DatabaseProvider provider)
    {
        await using var scene = await Scene.StartAsync(provider);
        var refusal = await scene.RestoreRefusedAsync(scene.Backup, BackupTools.OtherAuditKey, "--replace");
        refusal.ShouldStartWith("This backup is from another installation (sb-");
        refusal.ShouldContain("its audit log would not verify under this installation's audit key");
        refusal.ShouldEndWith("or add --other-installation if you mean to copy its data here.");

        // Asked for explicitly: the data is copied, and the operator is told its audit log is the other installation's.
        var (exit, stdout, stderr) = await BackupTools.RunAsync("restore", ["--from", scene.Backup, "--replace", "--other-installation", .. BackupTools.On(scene.Target.Database, BackupTools.OtherAuditKey)]);
        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("The restored audit log was sealed with the other installation's key, so it does not verify here");
        (await RawSql.ScalarAsync(scene.Target.Database, $"SELECT count(*) FROM schools WHERE name = '{scene.SourceSchool}'"))!.ToString().ShouldBe("1");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RestoringOntoADatabaseThatHoldsData_IsRefused_UnlessReplaceIsGiven(DatabaseProvider provider)
    {
        await using var scene = await Scene.StartAsync(provider);
        var refusal = await scene.RestoreRefusedAsync(scene.Backup);
        refusal.ShouldStartWith($"The {(provider == DatabaseProvider.Postgres ? "postgres" : "sqlite")} database already holds data (1 school, ");
        refusal.ShouldContain(" user accounts, ");
        refusal.ShouldEndWith("restoring would replace all of it. Add --replace if that is what you want (stop the application first).");

        // With --replace the target holds the backup's school, and no longer its own.
        var (exit, _, stderr) = await BackupTools.RunAsync("restore", ["--from", scene.Backup, "--replace", .. BackupTools.On(scene.Target.Database)]);
        exit.ShouldBe(0, stderr);
        var names = (await RawSql.RowsAsync(scene.Target.Database, "SELECT name FROM schools")).Select(r => r[0]).ToList();
        names.ShouldBe([scene.SourceSchool]);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CheckingABackup_SaysWhatItIs_AndChangesNothing(DatabaseProvider provider)
    {
        await using var scene = await Scene.StartAsync(provider);
        var before = await BackupTools.FingerprintAsync(scene.Target.Database);
        var (exit, stdout, stderr) = await BackupTools.RunAsync("restore", ["--from", scene.Backup, "--check", .. BackupTools.On(scene.Target.Database)]);
        exit.ShouldBe(0, stderr);
        stdout.ShouldContain($"is a whole {(provider == DatabaseProvider.Postgres ? "postgres" : "sqlite")} backup of installation sb-");
        stdout.ShouldContain($"schema version {SchemaMigrator.Load(provider)[^1]}");
        stdout.ShouldContain("it can be restored here with --replace");
        await BackupTools.ShouldBeUnchangedAsync(scene.Target.Database, before, "checking a backup changes nothing");
    }

    [Fact]
    public async Task WithoutAFile_BackupAndRestore_SayHowToUseThem()
    {
        var backup = await BackupTools.RunAsync("backup");
        backup.Exit.ShouldBe(2);
        backup.Err.ShouldContain("Say where to write the backup: backup --to FILE");
        var restore = await BackupTools.RunAsync("restore", "--replace");
        restore.Exit.ShouldBe(2);
        restore.Err.ShouldContain("Say which backup to restore: restore --from FILE");
    }

    [Theory, OnSqlite]
    public async Task ABackup_NeverOverwritesAnother_IsReadableByItsOwnerOnly_AndIsNamedByTheTimeInAFolder(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var file = await BackupTools.BackUpAsync(app.Database);
        var bytes = await File.ReadAllBytesAsync(file);
        var (exit, _, stderr) = await BackupTools.RunAsync("backup", ["--to", file, .. BackupTools.On(app.Database)]);
        exit.ShouldBe(1);
        stderr.ShouldBe($"{file} already exists; a backup never overwrites another. Choose a new name, or give a folder and the backup is named by its time.{Environment.NewLine}");
        (await File.ReadAllBytesAsync(file)).ShouldBe(bytes);

        var folder = Path.GetDirectoryName(file)!;
        var (exitInFolder, stdout, stderrInFolder) = await BackupTools.RunAsync("backup", ["--to", folder, .. BackupTools.On(app.Database)]);
        exitInFolder.ShouldBe(0, stderrInFolder);
        var named = Directory.GetFiles(folder, "securebase-sqlite-*Z.sbbackup").ShouldHaveSingleItem();
        stdout.ShouldContain($"to {named}: schema version {SchemaMigrator.Load(provider)[^1]}");
        Directory.GetFiles(folder).Length.ShouldBe(2, "no partial or temporary files are left behind");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(named).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>A source school's database and its backup; a target installation on another database, holding a school of its own.</summary>
    private sealed class Scene : IAsyncDisposable
    {
        private readonly TestApp _source;

        private Scene(TestApp source, TestApp target, string backup, string sourceSchool)
        {
            _source = source;
            Target = target;
            Backup = backup;
            SourceSchool = sourceSchool;
        }

        public TestApp Target { get; }
        public string Backup { get; }
        public string SourceSchool { get; }

        public static async Task<Scene> StartAsync(DatabaseProvider provider, Func<TestDatabase, Task>? beforeBackup = null)
        {
            var source = await TestApp.StartAsync(provider);
            var school = await TestSchool.CreateAsync(source);
            await school.SignInAsync(Role.EducationStaff); // an audit entry, sealed with this installation's key
            if (beforeBackup is not null)
            {
                await beforeBackup(source.Database);
            }

            var backup = await BackupTools.BackUpAsync(source.Database);
            var target = await TestApp.StartAsync(provider);
            await TestSchool.CreateAsync(target);
            return new Scene(source, target, backup, school.Name);
        }

        /// <summary>Runs restore (on the tests' own installation, or as one with <paramref name="auditKeyOrFlag"/> for its key); it must be refused and change nothing.</summary>
        public async Task<string> RestoreRefusedAsync(string file, string? auditKeyOrFlag = null, params string[] flags)
        {
            var key = auditKeyOrFlag is { } k && !k.StartsWith("--", StringComparison.Ordinal) ? k : TestApp.AuditKeyBase64;
            if (auditKeyOrFlag is { } f && f.StartsWith("--", StringComparison.Ordinal))
            {
                flags = [f, .. flags];
            }

            var before = await BackupTools.FingerprintAsync(Target.Database);
            var (exit, stdout, stderr) = await BackupTools.RunAsync("restore", ["--from", file, .. flags, .. BackupTools.On(Target.Database, key)]);
            exit.ShouldBe(1, stdout + stderr);
            stdout.ShouldBeEmpty();
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines.Length.ShouldBe(1, "one clear line: " + stderr);
            await BackupTools.ShouldBeUnchangedAsync(Target.Database, before, "a refused restore changes nothing");
            return lines[0].TrimEnd('\r');
        }

        public async ValueTask DisposeAsync()
        {
            await _source.DisposeAsync();
            await Target.DisposeAsync();
        }
    }
}
