using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Deployment;

/// <summary>
/// A full disk during a write (issue 14): the write fails cleanly with a plain "out of storage space" answer, nothing
/// saved earlier is lost, the audit chain still verifies, and once space is freed writing works again without a restart.
/// The disk is filled the way SQLite itself offers for this: <c>PRAGMA max_page_count</c> caps the database file at its
/// current size, and a write that needs another page fails with SQLITE_FULL ("database or disk is full"), exactly the
/// error a full file system gives it. On PostgreSQL the file system really fills: the scratch database's tables are
/// moved onto a small tmpfs tablespace (<c>.ci/full-disk-tablespace</c>, which <c>.ci/run</c> runs as root) and a
/// filler table takes the rest, until PostgreSQL answers "could not extend file" (SQLSTATE 53100).
/// </summary>
public sealed class DiskFullTests
{
    [Theory, OnSqlite]
    public async Task AWriteOnAFullDisk_FailsWithAPlainMessage_LosesNothingSavedBefore_AndWritingResumesWhenThereIsSpace(DatabaseProvider provider)
    {
        var disk = new FullDisk();
        await using var app = await TestApp.StartAsync(provider, services: s => s.ConfigureDbContext<SecureBaseDb>(o => o.AddInterceptors(disk)));
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);

        var before = await ReferAsync(teacher, school, "saved before the disk filled");
        before.StatusCode.ShouldBe(HttpStatusCode.Created, await before.Content.ReadAsStringAsync());
        var savedId = (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await disk.FillAsync(app.Database.ConnectionString);
        try
        {
            // The API: 503 with a plain problem and a Retry-After; no exception text.
            var api = await ReferAsync(teacher, school, "written while the disk was full");
            var apiBody = await api.Content.ReadAsStringAsync();
            api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, apiBody);
            api.Headers.RetryAfter.ShouldNotBeNull();
            apiBody.ShouldContain("run out of storage space");
            apiBody.ShouldNotContain("SqliteException");
            apiBody.ShouldNotContain("   at ");

            // A page: the same, in words.
            var form = await teacher.SubmitAsync($"/referrals/new?pupilId={school.PupilId}", ReferralForm(school, "typed into the form while the disk was full"));
            var page = await TestClient.ReadAsync(form);
            form.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, page.Text);
            page.Text.ShouldContain("run out of storage space");
            page.Text.ShouldNotContain("Exception");
        }
        finally
        {
            disk.Free();
        }

        // Space again: the next write works without a restart; what was saved before is there, the failed ones are not half there.
        var after = await ReferAsync(teacher, school, "saved after space was freed");
        after.StatusCode.ShouldBe(HttpStatusCode.Created, await after.Content.ReadAsStringAsync());

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var details = await db.Referrals.AsNoTracking().Select(r => r.Details).ToListAsync();
        details.ShouldContain(d => d.Contains("saved before the disk filled"));
        details.ShouldContain(d => d.Contains("saved after space was freed"));
        details.ShouldNotContain(d => d.Contains("while the disk was full"));
        (await db.Referrals.AsNoTracking().AnyAsync(r => r.Id == new ReferralId(savedId))).ShouldBeTrue();
        var received = await db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == ReferralAuditActions.Received);
        received.ShouldBe(details.Count - 1, "every referral made through the application has its audit entry, and no failed one left an entry behind");
        (await AuditVerifier.VerifyAsync(db, scope.ServiceProvider.GetRequiredService<AuditKey>())).Intact.ShouldBeTrue("the audit chain verifies");

        await using var connection = new SqliteConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        (await check.ExecuteScalarAsync()).ShouldBe("ok");
    }

    [Theory, OnPostgresFullDisk]
    public async Task OnPostgreSql_AWriteOnAFullFileSystem_FailsWithAPlainMessage_LosesNothingSavedBefore_AndWritingResumesWhenSpaceIsFreed(DatabaseProvider provider)
    {
        await FullDiskTablespace.EnsureAsync();
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var saved = new List<string>();
        var failed = new List<string>();

        var before = await ReferAsync(teacher, school, "saved before the disk filled");
        before.StatusCode.ShouldBe(HttpStatusCode.Created, await before.Content.ReadAsStringAsync());
        saved.Add("saved before the disk filled");

        await using var disk = await FullTablespace.MoveOntoAsync(app.Database.ConnectionString);
        await disk.FillAsync();
        try
        {
            // Writing through the API until the file system has no room for the next page: every write answered
            // 201 before that was saved; the first that cannot be gets 503 with a plain problem and a Retry-After.
            HttpResponseMessage? refused = null;
            for (var i = 1; i <= 40 && refused is null; i++)
            {
                var marker = $"API write {i} on the filling disk";
                var api = await ReferAsync(teacher, school, marker);
                if (api.StatusCode == HttpStatusCode.Created)
                {
                    saved.Add(marker);
                }
                else
                {
                    failed.Add(marker);
                    refused = api;
                }
            }

            refused.ShouldNotBeNull("PostgreSQL reported the full disk within 40 writes");
            var apiBody = await refused.Content.ReadAsStringAsync();
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, apiBody);
            refused.Headers.RetryAfter.ShouldNotBeNull();
            apiBody.ShouldContain("run out of storage space");
            apiBody.ShouldNotContain("PostgresException");
            apiBody.ShouldNotContain("could not extend");
            apiBody.ShouldNotContain("   at ");

            // A page: the same, in words.
            const string typed = "typed into the form while the disk was full";
            var form = await teacher.SubmitAsync($"/referrals/new?pupilId={school.PupilId}", ReferralForm(school, typed));
            var page = await TestClient.ReadAsync(form);
            form.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, page.Text);
            page.Text.ShouldContain("run out of storage space");
            page.Text.ShouldNotContain("Exception");
            failed.Add(typed);
        }
        finally
        {
            await disk.FreeAsync();
        }

        // Space again: the next write works without a restart.
        var after = await ReferAsync(teacher, school, "saved after space was freed");
        after.StatusCode.ShouldBe(HttpStatusCode.Created, await after.Content.ReadAsStringAsync());
        saved.Add("saved after space was freed");

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var referrals = await db.Referrals.AsNoTracking().Select(r => new { r.Id, r.Details }).ToListAsync();
        foreach (var marker in saved)
        {
            referrals.ShouldContain(r => r.Details.Contains(marker + ":"), $"\"{marker}\" was acknowledged, so it is there");
        }

        foreach (var marker in failed)
        {
            referrals.ShouldNotContain(r => r.Details.Contains(marker + ":"), $"\"{marker}\" was refused, so nothing of it is there");
        }

        // Record and audit entry both or neither: every referral written here has its one "received" entry, and no
        // entry names a referral that is not there (the test school's own first referral is seeded without one).
        var received = await db.AuditEntries.AsNoTracking().Where(a => a.Action == ReferralAuditActions.Received).Select(a => a.RecordId).ToListAsync();
        var written = referrals.Where(r => saved.Any(m => r.Details.Contains(m + ":"))).Select(r => r.Id.ToString()).ToList();
        written.Count.ShouldBe(saved.Count);
        foreach (var id in written)
        {
            received.Count(r => r == id).ShouldBe(1, $"referral {id} has its audit entry, once");
        }

        received.ShouldAllBe(r => referrals.Any(x => x.Id.ToString() == r), "no audit entry for a referral that was not saved");
        (await AuditVerifier.VerifyAsync(db, scope.ServiceProvider.GetRequiredService<AuditKey>())).Intact.ShouldBeTrue("the audit chain verifies");
    }

    private static Task<HttpResponseMessage> ReferAsync(TestClient client, TestSchool school, string marker)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals")
        {
            Content = JsonContent.Create(new
            {
                pupilId = school.PupilId.Value,
                reasons = new[] { nameof(ReferralReason.EmotionalWellbeing) },
                // Long enough to need new pages of the database file, which a full disk cannot give.
                details = $"Referral {marker}: " + string.Concat(Enumerable.Repeat("Seems withdrawn in lessons and at break. ", 90)),
                whatHasBeenTried = string.Concat(Enumerable.Repeat("Check-ins with the tutor. ", 70)),
                urgency = nameof(ReferralUrgency.Routine),
                consentGiven = true,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return client.Http.SendAsync(request);
    }

    private static IEnumerable<KeyValuePair<string, string>> ReferralForm(TestSchool school, string marker) =>
    [
        Form.Field("Input.Reasons", nameof(ReferralReason.EmotionalWellbeing)),
        Form.Field("Input.Details", $"Referral {marker}: " + string.Concat(Enumerable.Repeat("Seems withdrawn in lessons and at break. ", 90))),
        Form.Field("Input.WhatHasBeenTried", string.Concat(Enumerable.Repeat("Check-ins with the tutor. ", 70))),
        Form.Field("Input.Urgency", nameof(ReferralUrgency.Routine)),
        Form.Field("Input.ConsentGiven", "true"),
    ];

    /// <summary>Caps every new connection's database file at its present size while "full".</summary>
    private sealed class FullDisk : DbConnectionInterceptor
    {
        private volatile bool _full;

        public async Task FillAsync(string connectionString)
        {
            // No free pages left inside the file either: compact it first, then cap it.
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;";
                await vacuum.ExecuteNonQueryAsync();
            }

            _full = true;
            SqliteConnection.ClearAllPools();
        }

        public void Free()
        {
            _full = false;
            SqliteConnection.ClearAllPools();
        }

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Cap(connection);
            return Task.CompletedTask;
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Cap(connection);

        private void Cap(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            // max_page_count cannot go below the file's size: 1 means "exactly as big as it is now"; 1073741823 is SQLite's default.
            command.CommandText = _full ? "PRAGMA max_page_count = 1;" : "PRAGMA max_page_count = 1073741823;";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The scratch database's tables and indexes on the small tablespace, and a filler table there that takes the
    /// rest of the file system; dropping the filler gives the space back (its file is truncated at once).
    /// </summary>
    private sealed class FullTablespace : IAsyncDisposable
    {
        private readonly string _connectionString;

        private FullTablespace(string connectionString) =>
            // Its own connections (not the application's pool), given the time a slow shared machine needs.
            _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 300 }.ConnectionString;

        public static async Task<FullTablespace> MoveOntoAsync(string connectionString)
        {
            var disk = new FullTablespace(connectionString);
            var owner = new NpgsqlConnectionStringBuilder(connectionString).Username;
            await disk.ExecuteAsync(
                $"ALTER TABLE ALL IN TABLESPACE pg_default OWNED BY \"{owner}\" SET TABLESPACE {FullDiskTablespace.Name}; " +
                $"ALTER INDEX ALL IN TABLESPACE pg_default OWNED BY \"{owner}\" SET TABLESPACE {FullDiskTablespace.Name};");
            return disk;
        }

        public async Task FillAsync()
        {
            // Unlogged (no WAL) and stored plain (no compression), so each row takes the room it says.
            await ExecuteAsync($"DROP TABLE IF EXISTS disk_filler; CREATE UNLOGGED TABLE disk_filler (t text) TABLESPACE {FullDiskTablespace.Name}; ALTER TABLE disk_filler ALTER COLUMN t SET STORAGE PLAIN;");
            // About a megabyte a statement until the file system is full, then a page's worth at a time for the last pages.
            while (await TryAsync("INSERT INTO disk_filler SELECT repeat('x', 1800) FROM generate_series(1, 500)"))
            {
            }

            for (var i = 0; i < 500 && await TryAsync("INSERT INTO disk_filler SELECT repeat('x', 1800) FROM generate_series(1, 4)"); i++)
            {
            }
        }

        public Task FreeAsync() => ExecuteAsync("DROP TABLE IF EXISTS disk_filler");

        public async ValueTask DisposeAsync() => await FreeAsync();

        private async Task<bool> TryAsync(string sql)
        {
            try
            {
                await ExecuteAsync(sql);
                return true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DiskFull)
            {
                return false;
            }
        }

        private async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
