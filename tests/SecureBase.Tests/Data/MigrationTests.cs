using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Audit;
using SecureBase.Cli;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Data;

/// <summary>The hand-written SQL migrations build exactly the schema the model expects, and upgrade without losing data.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void BothDatabases_HaveTheSameMigrations_InOrder()
    {
        var sqlite = SchemaMigrator.Load(DatabaseProvider.Sqlite).Select(m => (m.Version, m.Name)).ToList();
        var postgres = SchemaMigrator.Load(DatabaseProvider.Postgres).Select(m => (m.Version, m.Name)).ToList();
        sqlite.Count.ShouldBeGreaterThanOrEqualTo(2);
        postgres.ShouldBe(sqlite);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MigratedDatabase_MatchesTheModel_TableByTableColumnByColumn(DatabaseProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider);
        await SchemaMigrator.MigrateAsync(provider, db.ConnectionString);
        var actual = await SchemaCatalog.ReadAsync(db);
        var expected = SchemaCatalog.FromModel(provider);

        actual.Tables.Keys.Order().ShouldBe(expected.Tables.Keys.Order(), "the migrations and the model must have the same tables");
        foreach (var (table, columns) in expected.Tables)
        {
            actual.Tables[table].ShouldBe(columns, $"columns of {table} (name, type, nullable)");
        }

        actual.UniqueIndexes.Order().ShouldBe(expected.UniqueIndexes.Order(), "unique indexes keep duplicates out; they must match the model");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task UpgradeFromTheFirstMigration_KeepsEveryRecord_AndTheAuditChain(DatabaseProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider);
        (await SchemaMigrator.MigrateAsync(provider, db.ConnectionString, targetVersion: 1)).To.ShouldBe(1);

        // Data written while the database was at version 1 (the school as version 1 had it: today's model has more columns).
        var schoolId = new SchoolId(Guid.Parse("5c1e0000-0000-0000-0000-0000000000b1"));
        Guid userId;
        await RawSql.ExecAsync(db, provider == DatabaseProvider.Postgres
            ? "INSERT INTO schools (id, name, urn, time_zone_id, created_at) VALUES ('5c1e0000-0000-0000-0000-0000000000b1', 'Ysgol Bryn Ŵyn', '401234', 'Europe/London', now())"
            : "INSERT INTO schools (id, name, urn, time_zone_id, created_at) VALUES ('5C1E0000-0000-0000-0000-0000000000B1', 'Ysgol Bryn Ŵyn', '401234', 'Europe/London', '2026-11-01 09:00:00')");
        await using (var v1 = TestApp.StartOn(db, new Dictionary<string, string?> { ["SecureBase:MigrateOnStart"] = "false" }))
        {
            await using var scope = v1.Scope();
            var ctx = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(schoolId);
            ctx.Sites.Add(Site.Create(schoolId, "Prif safle"));
            var user = new AppUser { UserName = "nia.ap-rhys", DisplayName = "Nia ap Rhys", CreatedAt = v1.Clock.GetUtcNow().UtcDateTime, LockoutEnabled = true };
            (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, "slate-harbour-kettle-drum")).Succeeded.ShouldBeTrue();
            ctx.Memberships.Add(Membership.Grant(user.Id, schoolId, Role.EducationStaff, v1.Clock.GetUtcNow().UtcDateTime, null));
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            audit.Record(new AuditActor(user.Id, user.UserName, "EducationStaff", schoolId), AuditActions.UserCreated, "User", user.Id.ToString());
            audit.Record(new AuditActor(user.Id, user.UserName, "EducationStaff", schoolId), AuditActions.RoleGranted, "User", user.Id.ToString(), detail: "EducationStaff");
            await ctx.SaveChangesAsync();
            userId = user.Id;
        }

        // The upgrade, as an operator would run it.
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var key = provider == DatabaseProvider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite";
        var exit = await Subcommands.Find("migrate")!.RunAsync([$"--{key}={db.ConnectionString}", $"--SecureBase:DataFolder={db.Folder}"], stdout, stderr);
        exit.ShouldBe(0, stderr.ToString());
        var latest = SchemaMigrator.Load(provider)[^1].Version;
        stdout.ToString().ShouldContain($"from schema version 1 to {latest}");

        await using var v2 = TestApp.StartOn(db);
        await using (var scope = v2.Scope())
        {
            var ctx = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var school = await ctx.Schools.SingleAsync(s => s.Id == schoolId);
            school.Name.ShouldBe("Ysgol Bryn Ŵyn");
            school.CalendarStamp.ShouldNotBe(0L, "the upgrade gives each school a calendar stamp of its own");
            school.SessionsStamp.ShouldNotBe(0L, "and a sessions stamp of its own");
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(schoolId);
            (await ctx.Sites.SingleAsync()).Name.ShouldBe("Prif safle");
            (await ctx.Memberships.SingleAsync()).Role.ShouldBe(Role.EducationStaff);
            var verification = await AuditVerifier.VerifyAsync(ctx, scope.ServiceProvider.GetRequiredService<AuditKey>());
            verification.Intact.ShouldBeTrue(verification.Message);
            verification.EntriesChecked.ShouldBe(2);

            // The new tables work alongside the old data.
            var upn = Upn.TryParse("R201100018042", out var u, out _) ? u : default;
            ctx.Pupils.Add(Pupil.Create(schoolId, upn, new PupilDetails("Gruffydd", "Ellis-Jones", null, null, new DateOnly(2015, 1, 9), 6, "6W", false, SenStatus.None, false, null), v2.Clock.GetUtcNow().UtcDateTime));
            await ctx.SaveChangesAsync();
        }

        // And the person can still sign in with the password set before the upgrade.
        var browser = await TestSchool.SignInAsync(v2, new TestUser(userId, "nia.ap-rhys", "slate-harbour-kettle-drum", Role.EducationStaff, null));
        (await browser.GetPageAsync("/")).Text.ShouldContain("Ysgol Bryn Ŵyn");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PupilsRecordedBeforeTheSquashedSearchKey_AreFoundWithoutTheirMarks_AfterTheUpgrade(DatabaseProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider);
        const long squashed = 202612072100;
        var before = SchemaMigrator.Load(provider).Last(m => m.Version < squashed).Version;
        await SchemaMigrator.MigrateAsync(provider, db.ConnectionString, targetVersion: before);

        // A pupil as the application wrote them before: an apostrophe, a non-breaking hyphen (U+2011) and spaces in the key.
        var key = SearchText.Fold("Siân", "O\u2019Brien\u2011Hughes", null, null, "R201100018042");
        var postgres = provider == DatabaseProvider.Postgres;
        await RawSql.ExecAsync(db, postgres
            ? "INSERT INTO schools (id, name, urn, time_zone_id, created_at) VALUES ('5c1e0000-0000-0000-0000-0000000000b2', 'Ysgol Glan Môr', '401235', 'Europe/London', now())"
            : "INSERT INTO schools (id, name, urn, time_zone_id, created_at) VALUES ('5C1E0000-0000-0000-0000-0000000000B2', 'Ysgol Glan Môr', '401235', 'Europe/London', '2026-11-01 09:00:00')");
        var quoted = key.Replace("'", "''", StringComparison.Ordinal);
        await RawSql.ExecAsync(db, postgres
            ? "INSERT INTO pupils (id, school_id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, care_experienced, sen_status, pupil_premium, created_at, updated_at, search_key, version) "
              + $"VALUES ('5c1e0000-0000-0000-0000-0000000000c1', '5c1e0000-0000-0000-0000-0000000000b2', 'R201100018042', 'Siân', 'O’Brien‑Hughes', '2015-01-09', 6, false, 'None', false, now(), now(), '{quoted}', 1)"
            : "INSERT INTO pupils (id, school_id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, care_experienced, sen_status, pupil_premium, created_at, updated_at, search_key, version) "
              + $"VALUES ('5C1E0000-0000-0000-0000-0000000000C1', '5C1E0000-0000-0000-0000-0000000000B2', 'R201100018042', 'Siân', 'O’Brien‑Hughes', '2015-01-09', 6, 0, 'None', 0, '2026-11-01 09:00:00', '2026-11-01 09:00:00', '{quoted}', 1)");

        (await SchemaMigrator.MigrateAsync(provider, db.ConnectionString)).Applied.ShouldContain(m => m.Version == squashed);

        await using var app = TestApp.StartOn(db);
        await using var scope = app.Scope();
        var ctx = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(new SchoolId(Guid.Parse("5c1e0000-0000-0000-0000-0000000000b2")));
        var pupil = await ctx.Pupils.SingleAsync();
        pupil.SearchSquashed.ShouldBe(SearchText.Squash(key), "the upgrade squashes existing keys as the application does");
        foreach (var typed in new[] { "obrienhughes", "O'Brien Hughes", "sian o brien", "brien-hug" })
        {
            var term = SearchText.Squash(SearchText.Fold(typed));
            (await ctx.Pupils.CountAsync(p => p.SearchSquashed.Contains(term))).ShouldBe(1, $"\"{typed}\" finds her");
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AMigrationFromABranchMergedLater_IsApplied_ThoughANewerOneRanFirst(DatabaseProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider);
        var released = SchemaMigrator.Load(provider).ToList();
        var rooms = SchemaMigrator.FromFile("209912041030_branch_rooms.sql", "CREATE TABLE branch_rooms (id integer PRIMARY KEY);");
        await SchemaMigrator.MigrateAsync(provider, db.ConnectionString, [.. released, rooms], null, default);

        // Another branch wrote its migration an hour earlier but was merged after the first had shipped.
        var notes = SchemaMigrator.FromFile("209912040930_branch_notes.sql", "CREATE TABLE branch_notes (id integer PRIMARY KEY);");
        var report = await SchemaMigrator.MigrateAsync(provider, db.ConnectionString, [.. released, notes, rooms], null, default);

        report.Applied.ShouldBe([notes]);
        report.To.ShouldBe(rooms.Version);
        (await RawSql.ExecAsync(db, "INSERT INTO branch_notes (id) VALUES (1)")).ShouldBe(1);
    }

    [Theory]
    [InlineData("0009_rooms.sql")]
    [InlineData("20261204_rooms.sql")]
    [InlineData("202613041030_rooms.sql")]
    [InlineData("202612041030_Rooms.sql")]
    public void AMigrationFile_NotNamedByTheDateItWasWritten_IsRefused(string file) =>
        Should.Throw<InvalidOperationException>(() => SchemaMigrator.FromFile(file, "SELECT 1;")).Message.ShouldContain("yyyyMMddHHmm_name.sql");

    [Fact]
    public void AMigrationFile_NamedByDateAndTime_SortsAfterTheNumberedOnes()
    {
        var dated = SchemaMigrator.FromFile("202612041030_rooms_and_bookings.sql", "SELECT 1;");
        dated.Version.ShouldBe(202612041030);
        dated.Name.ShouldBe("rooms_and_bookings");
        dated.Version.ShouldBeGreaterThan(SchemaMigrator.FromFile("0008_pupil_photos.sql", "SELECT 1;").Version);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Migrating_AnUpToDateDatabase_ChangesNothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider);
        await SchemaMigrator.MigrateAsync(provider, db.ConnectionString);
        var again = await SchemaMigrator.MigrateAsync(provider, db.ConnectionString);
        again.Applied.ShouldBeEmpty();
        again.From.ShouldBe(again.To);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AMigrationEditedAfterItWasApplied_IsRefused(DatabaseProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider);
        await SchemaMigrator.MigrateAsync(provider, db.ConnectionString);
        await RawSql.ExecAsync(db, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(provider, db.ConnectionString));
        refused.Message.ShouldContain("Migration 1 (foundation) has been changed");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ADatabaseNewerThanTheApplication_IsRefused(DatabaseProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider);
        await SchemaMigrator.MigrateAsync(provider, db.ConnectionString);
        await RawSql.ExecAsync(db, provider == DatabaseProvider.Postgres
            ? "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, 'future', 'x', now())"
            : "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, 'future', 'x', '2030-01-01')");
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(provider, db.ConnectionString));
        refused.Message.ShouldContain("newer than this version of SecureBase");
    }

    [Theory, OnSqlite]
    public async Task SqliteDatabase_UsesWriteAheadLogging_FullSync_ABusyTimeout_AndForeignKeys(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        (await RawSql.ScalarAsync(app.Database, "PRAGMA journal_mode"))!.ToString().ShouldBe("wal");
        await using var scope = app.Scope();
        var ctx = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        await ctx.Database.OpenConnectionAsync();
        await using var cmd = ctx.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "PRAGMA synchronous";
        Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(2, "2 is FULL");
        cmd.CommandText = "PRAGMA busy_timeout";
        Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(10000, "ADR 0003: wait up to 10 s for another writer");
        cmd.CommandText = "PRAGMA foreign_keys";
        Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(1);
    }
}
