using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Audit;
using SecureBase.Cli;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Audit;

/// <summary>The audit log is append-only and hash-chained: edits, deletions and truncation are all found.</summary>
public sealed class AuditChainTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SignIns_AndFailedSignIns_AreRecordedWithWhoRoleAndSchool(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var therapist = school[Role.Therapist];
        var wrong = new TestClient(app.NewBrowser());
        await wrong.SubmitAsync("/login", [Form.Field("Input.UserName", therapist.UserName), Form.Field("Input.Password", "not-the-right-password")]);
        await school.SignInAsync(Role.Therapist);

        var entries = await EntriesAsync(app, e => e.UserId == therapist.Id);
        entries.ShouldContain(e => e.Action == AuditActions.LoginFailed && e.SchoolId == school.Id && e.Role == "Therapist");
        var ok = entries.Where(e => e.Action == AuditActions.LoginSucceeded).ShouldHaveSingleItem();
        ok.UserName.ShouldBe(therapist.UserName);
        ok.At.Kind.ShouldBe(DateTimeKind.Utc);
        (app.Clock.GetUtcNow().UtcDateTime - ok.At).Duration().ShouldBeLessThan(TimeSpan.FromMinutes(5));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ConcurrentWriters_StillProduceOneUnbrokenChain(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            await using var scope = app.Scope();
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
            await log.RecordNowAsync(AuditActor.System(school.Id), "test.concurrent", "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }));

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeTrue(result.Message);
        result.EntriesChecked.ShouldBeGreaterThanOrEqualTo(24);
        (await EntriesAsync(app, e => e.Action == "test.concurrent")).Select(e => e.Sequence).Distinct().Count().ShouldBe(24);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheDatabaseItself_RefusesToEditOrDeleteAnEntry(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.Headteacher);
        await Should.ThrowAsync<Exception>(() => RawSql.ExecAsync(app.Database, "UPDATE audit_entries SET detail = 'nothing happened'"));
        await Should.ThrowAsync<Exception>(() => RawSql.ExecAsync(app.Database, "DELETE FROM audit_entries"));
        (await VerifyAsync(app)).Intact.ShouldBeTrue();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnEditedEntry_IsFound_ByThePageAndTheCommand(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.Therapist);
        await school.SignInAsync(Role.Dsl);
        (await VerifyCommandAsync(app)).ExitCode.ShouldBe(0);

        var target = (await EntriesAsync(app, e => e.Action == AuditActions.LoginSucceeded)).First();
        await RawSql.DisableAuditProtectionAsync(app.Database);
        await RawSql.ExecAsync(app.Database, $"UPDATE audit_entries SET user_name = 'someone.else' WHERE sequence = {target.Sequence}");

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(target.Sequence);
        result.Message.ShouldContain($"Entry {target.Sequence}");
        result.Message.ShouldContain("altered");

        var (exit, output) = await VerifyCommandAsync(app);
        exit.ShouldBe(VerifyAuditCommand.Tampered);
        output.ShouldContain("altered");

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var page = await hot.SubmitAndReadAsync("/audit", [], "form[action*='Verify']");
        page.Document.QuerySelector("#verification")!.TextContent.ShouldContain("Tampering detected");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ADeletedEntry_IsFound(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.Therapist);
        await school.SignInAsync(Role.Sendco);
        await school.SignInAsync(Role.Dsl);
        var middle = (await EntriesAsync(app, _ => true)).OrderBy(e => e.Sequence).ElementAt(1).Sequence;
        await RawSql.DisableAuditProtectionAsync(app.Database);
        await RawSql.ExecAsync(app.Database, $"DELETE FROM audit_entries WHERE sequence = {middle}");

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeFalse();
        result.Message.ShouldContain($"Entry {middle} is missing");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DeletingTheLatestEntries_IsFound(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.Therapist);
        await school.SignInAsync(Role.Sendco);
        var last = (await EntriesAsync(app, _ => true)).Max(e => e.Sequence);
        await RawSql.DisableAuditProtectionAsync(app.Database);
        await RawSql.ExecAsync(app.Database, $"DELETE FROM audit_entries WHERE sequence = {last}");

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeFalse();
        result.Message.ShouldContain("latest entries have been deleted");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RewritingAnEntryAndItsHash_WithoutTheKey_IsFound(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.Therapist);
        var entry = (await EntriesAsync(app, e => e.Action == AuditActions.LoginSucceeded)).Single();

        // An attacker who can write to the database recomputes the hash with a key of their own.
        var forged = AuditChain.ComputeHash(new AuditKey(new byte[32]), entry);
        await RawSql.DisableAuditProtectionAsync(app.Database);
        await RawSql.ExecAsync(app.Database, $"UPDATE audit_entries SET hash = '{forged}' WHERE sequence = {entry.Sequence}");

        (await VerifyAsync(app)).Intact.ShouldBeFalse();
    }

    [Theory, OnSqlite]
    public async Task TheAuditPage_IsOnlyForTheHeadOfTherapyAndAdministrator_AndShowsOnlyThisSchool(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var ours = await TestSchool.CreateAsync(app);
        var theirs = await TestSchool.CreateAsync(app);
        await theirs.SignInAsync(Role.Therapist);
        await ours.SignInAsync(Role.Therapist);

        var admin = await ours.SignInAsync(Role.Administrator);
        var page = await admin.GetPageAsync("/audit");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain(ours[Role.Therapist].UserName);
        page.Text.ShouldNotContain(theirs[Role.Therapist].UserName);
        (await (await ours.SignInAsync(Role.Therapist)).GetAsync("/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<List<AuditEntry>> EntriesAsync(TestApp app, System.Linq.Expressions.Expression<Func<AuditEntry, bool>> where)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().AuditEntries.AsNoTracking().Where(where).ToListAsync();
    }

    private static async Task<AuditVerification> VerifyAsync(TestApp app)
    {
        await using var scope = app.Scope();
        return await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<SecureBaseDb>(), scope.ServiceProvider.GetRequiredService<AuditKey>());
    }

    private static async Task<(int ExitCode, string Output)> VerifyCommandAsync(TestApp app)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var key = app.Provider == DatabaseProvider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite";
        var exit = await Subcommands.Find("verify-audit")!.RunAsync(
            [$"--{key}={app.Database.ConnectionString}", $"--SecureBase:AuditKey={TestApp.AuditKeyBase64}", $"--SecureBase:DataFolder={app.Database.Folder}"], stdout, stderr);
        return (exit, stdout.ToString() + stderr);
    }
}
