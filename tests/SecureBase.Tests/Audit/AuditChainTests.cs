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
    public async Task VerifyingWhileOthersWrite_FindsTheLogIntact_EveryTime(DatabaseProvider provider)
    {
        // The audit log page and verify-audit run on a live installation: entries committed while the log is being read
        // must not be reported as "tampered with" (the chain's record and its entries used to be read at two moments).
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        using var writing = new CancellationTokenSource();
        var written = 0;
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                await using var scope = app.Scope();
                scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
                await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordNowAsync(AuditActor.System(school.Id), "test.live", "Test", $"{w}-{written}");
                Interlocked.Increment(ref written);
            }
        })).ToList();

        var verifications = new List<AuditVerification>();
        while (verifications.Count < 40 || Volatile.Read(ref written) < 100)
        {
            verifications.Add(await VerifyAsync(app));
        }

        await writing.CancelAsync();
        await Task.WhenAll(writers);
        verifications.ShouldAllBe(v => v.Intact, string.Join(" | ", verifications.Where(v => !v.Intact).Select(v => v.Message).Distinct()));
        verifications.Select(v => v.EntriesChecked).Distinct().Count().ShouldBeGreaterThan(1, "entries were written while the log was verified");
        var last = await VerifyAsync(app);
        last.Intact.ShouldBeTrue(last.Message);
        last.EntriesChecked.ShouldBeGreaterThanOrEqualTo(Volatile.Read(ref written));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ARequestThatRecordsSeveralReads_WhileAnotherRequestRecordsOneBetweenThem_SavesThemAll_InOneUnbrokenChain(DatabaseProvider provider)
    {
        // The supervision page records a read for each note it shows, one after another in one request; another user's
        // request recording a read in between used to leave the first request's chain head stale, so its next entry took
        // a number already used and the page failed with "Someone else changed this at the same moment".
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await using var page = app.Scope();
        page.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var pageLog = page.ServiceProvider.GetRequiredService<AuditLog>();
        await pageLog.RecordNowAsync(AuditActor.System(school.Id), "test.interleaved", "Test", "page-1");

        await using (var other = app.Scope())
        {
            other.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            await other.ServiceProvider.GetRequiredService<AuditLog>().RecordNowAsync(AuditActor.System(school.Id), "test.interleaved", "Test", "other");
        }

        await pageLog.RecordNowAsync(AuditActor.System(school.Id), "test.interleaved", "Test", "page-2");

        (await EntriesAsync(app, e => e.Action == "test.interleaved")).Select(e => e.RecordId).ShouldBe(["page-1", "other", "page-2"], ignoreOrder: true);
        var result = await VerifyAsync(app);
        result.Intact.ShouldBeTrue(result.Message);
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
    public async Task CuttingTheTail_AndRewindingTheHead_IsFoundFromTheWitness_WhenAWitnessedEntryIsGone(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.Therapist);
        await school.SignInAsync(Role.Sendco);
        await school.SignInAsync(Role.Dsl);
        var witnessed = await WitnessAsync(app);
        await CutTheTailAsync(app, witnessed.Sequence - 2);

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeFalse(result.Message);
        result.Message.ShouldContain($"The log ends at entry {witnessed.Sequence - 2} but entry {witnessed.Sequence} was witnessed");
        result.Message.ShouldContain("the latest entries have been deleted");
        var (exit, output) = await VerifyCommandAsync(app);
        exit.ShouldBe(VerifyAuditCommand.Tampered, output);
        output.ShouldContain("latest entries have been deleted");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EmptyingTheLog_AndResettingTheHead_IsFound(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.Therapist);
        var witnessed = await WitnessAsync(app);
        await CutTheTailAsync(app, 0);

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeFalse(result.Message);
        result.Message.ShouldContain($"The log is empty but entry {witnessed.Sequence} was witnessed");
        (await VerifyCommandAsync(app)).ExitCode.ShouldBe(VerifyAuditCommand.Tampered);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CuttingTheTail_ThenLettingTheLogGrowPastTheWitness_IsFound(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.Therapist);
        await school.SignInAsync(Role.Sendco);
        var witnessed = await WitnessAsync(app);
        await CutTheTailAsync(app, witnessed.Sequence - 1);
        // The application carries on writing: the chain is whole again, and longer than the witness.
        await school.SignInAsync(Role.Dsl);
        await school.SignInAsync(Role.Headteacher);
        (await LastSequenceAsync(app)).ShouldBeGreaterThan(witnessed.Sequence);

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeFalse(result.Message);
        result.FirstBadSequence.ShouldBe(witnessed.Sequence);
        result.Message.ShouldContain($"Entry {witnessed.Sequence} is not the entry witnessed there");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CuttingOnlyEntriesWrittenSinceTheLastWitness_GoesUnnoticed_AsTheAdrSays(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.Therapist);
        var witnessed = await WitnessAsync(app);
        await school.SignInAsync(Role.Sendco);
        (await LastSequenceAsync(app)).ShouldBeGreaterThan(witnessed.Sequence);
        await CutTheTailAsync(app, witnessed.Sequence);

        // The window the witness cannot close: ADR 0006 says so, and the page says how far back it reaches.
        var result = await VerifyAsync(app);
        result.Intact.ShouldBeTrue(result.Message);
        result.Message.ShouldContain($"the latest being entry {witnessed.Sequence}");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DeletingTheWitnessFile_AndCuttingTheTail_IsNotFound_ButTheCheckSaysItCannotRuleItOut(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.Therapist);
        await school.SignInAsync(Role.Sendco);
        var witnessed = await WitnessAsync(app);
        await CutTheTailAsync(app, witnessed.Sequence - 1);
        File.Delete(Path.Combine(app.Database.Folder, AuditWitness.FileName));

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeTrue(result.Message);
        result.Message.ShouldContain("removal of the latest entries cannot be ruled out");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnAlteredWitnessLine_IsFound(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await school.SignInAsync(Role.Therapist);
        await school.SignInAsync(Role.Sendco);
        var witnessed = await WitnessAsync(app);
        (await VerifyAsync(app)).Intact.ShouldBeTrue();

        // Someone lowers the witnessed number so that a cut tail would pass.
        var file = Path.Combine(app.Database.Folder, AuditWitness.FileName);
        var line = (await File.ReadAllLinesAsync(file)).Single();
        var parts = line.Split('\t');
        parts[2] = (witnessed.Sequence - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(file, string.Join('\t', parts) + "\n");

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeFalse(result.Message);
        result.Message.ShouldContain("Line 1 of the witness file");
        (await VerifyCommandAsync(app)).ExitCode.ShouldBe(VerifyAuditCommand.Tampered);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WitnessLines_FromSeveralInstances_InAnyOrder_AreEachAnIndependentCheck(DatabaseProvider provider)
    {
        await using var first = await TestApp.StartAsync(provider);
        // A second instance of the same installation on the same database and data folder.
        await using var second = TestApp.StartOn(first.Database);
        var school = await TestSchool.CreateAsync(first);
        await school.SignInAsync(Role.Therapist);
        var early = await WitnessAsync(second);
        await school.SignInAsync(Role.Sendco);
        var late = await WitnessAsync(first);
        await school.SignInAsync(Role.Dsl);
        // An instance that read the head earlier writes its line last.
        await second.Services.GetRequiredService<AuditWitness>().AppendAsync(early with { At = early.At.AddSeconds(1) });
        late.Sequence.ShouldBeGreaterThan(early.Sequence);

        var intact = await VerifyAsync(second);
        intact.Intact.ShouldBeTrue(intact.Message);
        intact.Message.ShouldContain($"the latest being entry {late.Sequence}");

        // The earlier line alone would not catch this cut; the later one, from the other instance, does.
        await CutTheTailAsync(first, late.Sequence - 1);
        var result = await VerifyAsync(second);
        result.Intact.ShouldBeFalse(result.Message);
        result.Message.ShouldContain($"entry {late.Sequence} was witnessed");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheApplication_WitnessesTheHead_WhenItStops(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        long last;
        await using (var app = TestApp.StartOn(database, new Dictionary<string, string?> { ["SecureBase:AuditWitnessMinutes"] = "5" }))
        {
            var school = await TestSchool.CreateAsync(app);
            await school.SignInAsync(Role.Therapist);
            await school.SignInAsync(Role.Sendco);
            last = await LastSequenceAsync(app);
        }

        var lines = await File.ReadAllLinesAsync(Path.Combine(database.Folder, AuditWitness.FileName));
        lines.ShouldContain(l => l.Contains($"\tglobal\t{last}\t", StringComparison.Ordinal), string.Join("\n", lines));

        await using var restarted = TestApp.StartOn(database);
        await CutTheTailAsync(restarted, last - 1);
        var result = await VerifyAsync(restarted);
        result.Intact.ShouldBeFalse(result.Message);
        result.Message.ShouldContain($"entry {last} was witnessed");
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
        return await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<SecureBaseDb>(), scope.ServiceProvider.GetRequiredService<AuditKey>(),
            scope.ServiceProvider.GetRequiredService<AuditWitness>());
    }

    /// <summary>What the witness schedule does every few minutes: note the chain's head in the data folder.</summary>
    private static async Task<WitnessedHead> WitnessAsync(TestApp app)
    {
        await using var scope = app.Scope();
        var head = await AuditWitness.HeadAsync(scope.ServiceProvider.GetRequiredService<SecureBaseDb>(), app.Clock.GetUtcNow().UtcDateTime);
        await scope.ServiceProvider.GetRequiredService<AuditWitness>().AppendAsync(head);
        return head;
    }

    /// <summary>An attacker with database access deletes every entry after <paramref name="keep"/> and rewinds the chain-head row to match.</summary>
    private static async Task CutTheTailAsync(TestApp app, long keep)
    {
        var hash = keep == 0 ? AuditChain.Genesis : (await EntriesAsync(app, e => e.Sequence == keep)).Single().Hash;
        await RawSql.DisableAuditProtectionAsync(app.Database);
        await RawSql.ExecAsync(app.Database, $"DELETE FROM audit_entries WHERE sequence > {keep}");
        await RawSql.ExecAsync(app.Database, $"UPDATE audit_chain_head SET last_sequence = {keep}, last_hash = '{hash}' WHERE id = 1");
    }

    private static async Task<long> LastSequenceAsync(TestApp app) => (await EntriesAsync(app, _ => true)).Max(e => e.Sequence);

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
