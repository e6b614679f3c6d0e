using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Tests.Support;
using Xunit.Abstractions;

namespace SecureBase.Tests.Backup;

/// <summary>
/// The restore drill (docs/backup.md): a school's database filled through the application is backed up
/// while referrals keep arriving through the API, restored into a fresh database, and the restore is
/// one consistent moment of the original: nothing half-written, the audit chain verifies, and people can sign in.
/// </summary>
public sealed class RestoreDrillTests(ITestOutputHelper output)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ABackupTakenWhileReferralsArrive_RestoresOneConsistentMoment_ThatVerifiesAndLetsPeopleSignIn(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app, "Drill school " + TestSchool.Letters(6));
        var other = await TestSchool.CreateAsync(app);

        // Filled through the application: pupils added by the office, referrals made by a teacher (each audited).
        var admin = await school.SignInAsync(Role.Administrator);
        var pupils = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var created = await admin.Http.PostAsJsonAsync("/api/v1/pupils", new
            {
                upn = PupilFactory.NextUpn().Value, legalFirstName = "Drill", legalLastName = "Pupil " + TestSchool.Letters(5), dateOfBirth = "2014-05-01", yearGroup = 7, senStatus = "SenSupport",
            });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            pupils.Add((await created.Content.ReadFromJsonAsync<SecureBase.Pupils.PupilDto>(Json.Options))!.Id.Value);
        }

        var teacher = await school.SignInAsync(Role.EducationStaff);
        // A referral is "sent" when its request leaves and "made" (numbered 1, 2, …) when the teacher is told it was made;
        // both are counted under one lock, so a snapshot never sees a referral made but not yet recorded as made.
        var acknowledged = new ConcurrentDictionary<Guid, int>();
        var gate = new Lock();
        var made = 0;
        var sent = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var pupil = pupils[made % pupils.Count];
                lock (gate)
                {
                    sent++;
                }

                var response = await teacher.Http.PostAsJsonAsync("/api/v1/referrals", new
                {
                    pupilId = pupil, reasons = new[] { "EmotionalWellbeing" }, details = $"Drill referral {made}: withdrawn at break times.", consentGiven = true,
                }, CancellationToken.None);
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
                var status = (await response.Content.ReadFromJsonAsync<ReferralStatusDto>(Json.Options))!;
                lock (gate)
                {
                    acknowledged[status.Id] = ++made;
                }
            }
        });

        while (Volatile.Read(ref made) < 10)
        {
            writer.IsFaulted.ShouldBeFalse();
            await Task.Delay(20);
        }

        // The backup, while the teacher goes on making referrals: at least one referral is sent before the backup ends
        // and not yet made when it begins, so it is in flight while the backup runs (a writer the backup may hold up
        // until it ends, on SQLite). On a busy machine a small backup can fall between two referrals: then it is taken again.
        HashSet<Guid> acknowledgedBefore;
        string file;
        int sentByTheEnd;
        var attempts = 0;
        do
        {
            lock (gate)
            {
                acknowledgedBefore = acknowledged.Keys.ToHashSet();
            }

            file = await BackupTools.BackUpAsync(app.Database);
            lock (gate)
            {
                sentByTheEnd = sent;
            }
        }
        while (sentByTheEnd <= acknowledgedBefore.Count && ++attempts < 50);

        while (Volatile.Read(ref made) < sentByTheEnd + 3)
        {
            writer.IsFaulted.ShouldBeFalse();
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await writer;
        sentByTheEnd.ShouldBeGreaterThan(acknowledgedBefore.Count, "referrals were being made while the backup ran");
        // One teacher makes referrals one after another, so the n-th referral sent is the n-th made: the restore may hold
        // any referral sent before the backup ended (one in flight may have been written before the backup's moment).
        var acknowledgedAfter = acknowledged.Where(a => a.Value <= sentByTheEnd).Select(a => a.Key).ToHashSet();

        await using var fresh = await TestDatabases.CreateAsync(provider);
        var (exit, stdout, stderr) = await BackupTools.RunAsync("restore", ["--from", file, .. BackupTools.On(fresh)]);
        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("Restored the");
        stdout.ShouldContain("The restored audit log verifies");

        // Every referral acknowledged before the backup began is there; none acknowledged after it ended.
        var restored = (await RawSql.RowsAsync(fresh, "SELECT id FROM referrals")).Select(r => Guid.Parse(r[0])).ToHashSet();
        var restoredDrill = restored.Where(acknowledged.ContainsKey).ToHashSet();
        restoredDrill.IsSupersetOf(acknowledgedBefore).ShouldBeTrue("a referral the teacher was told was made before the backup began is missing");
        restoredDrill.IsSubsetOf(acknowledgedAfter).ShouldBeTrue("the restore holds a referral made after the backup ended");
        restoredDrill.Count.ShouldBeInRange(acknowledgedBefore.Count, acknowledgedAfter.Count);
        restoredDrill.Select(id => acknowledged[id]).Order().ShouldBe(Enumerable.Range(1, restoredDrill.Count), "the restore is one moment: the first referrals made, with none missing in between");
        output.WriteLine($"{provider}: {acknowledgedBefore.Count} referrals acknowledged before the backup began, {acknowledgedAfter.Count} by the time it ended; the restore holds {restoredDrill.Count}.");

        // Each restored referral has its audit entry, and each audited referral is there: nothing half-applied.
        var audited = (await RawSql.RowsAsync(fresh, $"SELECT record_id FROM audit_entries WHERE action = '{ReferralAuditActions.Received}'")).Select(r => Guid.Parse(r[0])).ToHashSet();
        audited.Where(acknowledged.ContainsKey).ToHashSet().SetEquals(restoredDrill).ShouldBeTrue("a referral and its audit entry are restored together or not at all");

        // The restored audit log is the first entries of the original, unchanged, and its head is its last entry.
        var originalAudit = await AuditRowsAsync(app.Database);
        var restoredAudit = await AuditRowsAsync(fresh);
        restoredAudit.Count.ShouldBeGreaterThan(0);
        restoredAudit.ShouldBe(originalAudit.Take(restoredAudit.Count).ToList());
        var head = (await RawSql.RowsAsync(fresh, "SELECT last_sequence, last_hash FROM audit_chain_head")).ShouldHaveSingleItem();
        (long.Parse(head[0], System.Globalization.CultureInfo.InvariantCulture), head[1]).ShouldBe((restoredAudit.Count, restoredAudit[^1].Split('|')[1]));

        // Every other row is a row of the original as it stands now (the drill only adds rows while it runs).
        var original = await BackupTools.FingerprintAsync(app.Database);
        var copy = await BackupTools.FingerprintAsync(fresh);
        copy.Keys.ShouldBe(original.Keys);
        foreach (var (table, rows) in copy.Where(t => t.Key is not "audit_chain_head"))
        {
            rows.Except(original[table], StringComparer.Ordinal).ShouldBeEmpty($"rows of {table} in the restore that the original never held");
        }

        foreach (var table in new[] { "schools", "users", "memberships", "pupils", "episodes", "staff_members", "carers", "carer_links", "ehcp_plans", "mdt_meetings", "schema_migrations" })
        {
            copy[table].ShouldBe(original[table], $"{table} did not change during the drill, so the restore holds all of it");
        }

        // verify-audit, as an operator runs it, passes on the restored database.
        var verify = await BackupTools.RunAsync("verify-audit", BackupTools.On(fresh));
        verify.Exit.ShouldBe(0, verify.Err);

        // The application starts on the restored database, people sign in and see their referrals.
        await using var restoredApp = TestApp.StartOn(fresh);
        var again = await TestSchool.SignInAsync(restoredApp, school[Role.EducationStaff]);
        var mine = (await again.GetJsonAsync<List<ReferralStatusDto>>("/api/v1/referrals/mine"))!;
        mine.Select(r => r.Id).Where(acknowledged.ContainsKey).ToHashSet().SetEquals(restoredDrill).ShouldBeTrue();
        (await again.GetPageAsync("/")).Text.ShouldContain(school.Name);
        var head2 = await TestSchool.SignInAsync(restoredApp, other[Role.HeadOfTherapy]);
        (await head2.GetPageAsync("/")).Text.ShouldContain(other.Name);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ABackupOfAnOlderSchema_IsUpgradedWhenRestored(DatabaseProvider provider)
    {
        await using var old = await TestDatabases.CreateAsync(provider);
        (await SchemaMigrator.MigrateAsync(provider, old.ConnectionString, targetVersion: 1)).To.ShouldBe(1);
        await RawSql.ExecAsync(old, provider == DatabaseProvider.Postgres
            ? "INSERT INTO schools (id, name, time_zone_id, created_at) VALUES ('5c1e0000-0000-0000-0000-000000000001', 'Ysgol y Graig', 'Europe/London', now())"
            : "INSERT INTO schools (id, name, time_zone_id, created_at) VALUES ('5C1E0000-0000-0000-0000-000000000001', 'Ysgol y Graig', 'Europe/London', '2026-11-01 09:00:00')");
        var file = await BackupTools.BackUpAsync(old);
        File.ReadLines(file).Skip(1).First().ShouldContain("\"schemaVersion\":1,\"schemaName\":\"foundation\"");

        await using var fresh = await TestDatabases.CreateAsync(provider);
        var (exit, stdout, stderr) = await BackupTools.RunAsync("restore", ["--from", file, .. BackupTools.On(fresh)]);
        exit.ShouldBe(0, stderr);
        var latest = SchemaMigrator.Load(provider)[^1];
        stdout.ShouldContain($"Upgraded it from schema version 1 to {latest.Version}");
        (await SchemaMigrator.CurrentVersionAsync(provider, fresh.ConnectionString)).ShouldBe(latest.Version);
        (await RawSql.ScalarAsync(fresh, "SELECT name FROM schools"))!.ToString().ShouldBe("Ysgol y Graig");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RestoringAnEarlierBackupInPlace_SetsAsideAWitnessThatSawLaterEntries_AndTheAuditLogVerifies(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.EducationStaff);
        var file = await BackupTools.BackUpAsync(app.Database);
        var entriesInBackup = await AuditRowsAsync(app.Database);

        // Work goes on after the backup, and the witness records the audit log's end outside the database.
        await school.SignInAsync(Role.HeadOfTherapy);
        await school.SignInAsync(Role.Sendco);
        var witness = app.Services.GetRequiredService<AuditWitness>();
        await using (var scope = app.Scope())
        {
            await witness.AppendAsync(await AuditWitness.HeadAsync(scope.ServiceProvider.GetRequiredService<SecureBaseDb>(), app.Clock.GetUtcNow().UtcDateTime));
        }

        var (exit, stdout, stderr) = await BackupTools.RunAsync("restore", ["--from", file, "--replace", .. BackupTools.On(app.Database)]);
        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("The audit witness file had seen entries this backup does not hold");
        stdout.ShouldContain("they were written after the backup and are lost");
        File.Exists(witness.FilePath).ShouldBeFalse("a new witness file starts when the application starts");
        Directory.GetFiles(Path.GetDirectoryName(witness.FilePath)!, AuditWitness.FileName + ".before-restore-*").ShouldHaveSingleItem();
        (await AuditRowsAsync(app.Database)).ShouldBe(entriesInBackup);

        var verify = await BackupTools.RunAsync("verify-audit", BackupTools.On(app.Database));
        verify.Exit.ShouldBe(0, verify.Err);
    }

    private static async Task<List<string>> AuditRowsAsync(TestDatabase db) =>
        (await RawSql.RowsAsync(db, "SELECT sequence, hash, action, record_id FROM audit_entries ORDER BY sequence")).Select(r => string.Join('|', r)).ToList();
}
