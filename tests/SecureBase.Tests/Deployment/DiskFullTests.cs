using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
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
/// error a full file system gives it. (Mounting a small file system needs privileges a CI machine may not grant.)
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
}
