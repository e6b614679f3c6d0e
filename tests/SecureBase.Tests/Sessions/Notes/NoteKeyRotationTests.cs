using System.Net.Http.Json;
using System.Text.Json;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Sessions.Notes;
using SecureBase.Staff;
using SecureBase.Tests.Backup;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Sessions.Notes;

/// <summary>The <c>rotate-note-key</c> command, as an operator runs it against a running application's database.</summary>
public sealed class NoteKeyRotationTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task RotateNoteKey_ReEncryptsEveryVersionUnderANewKey_TheNotesStillRead_AndARetiredKeyGoesOnceUnused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var session = await NoteTestData.AddSessionAsync(app, school.Id, school.TherapistStaffId, Discipline.Counselling, (school.PupilId, school.EpisodeId));
        var therapist = (await school.SignInAsync(Role.Therapist)).Http;
        var written = await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = session.Value, text = "Before the rotation." });
        var id = (await written.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await therapist.PutAsJsonAsync($"/api/v1/notes/{id}", new { version = 1, text = "Still before the rotation." })).EnsureSuccessStatusCode();
        await NoteTestData.PlantNoteAsync(app, school.Id, new NoteAuthor(school[Role.Therapist].Id, school.TherapistStaffId, "Test Therapist"), NoteKind.Progress, null, school.EpisodeId, school.PupilId, "A progress note.");

        var keyFile = Path.Combine(app.Database.Folder, NoteKeys.FileName);
        var firstKey = File.ReadAllLines(keyFile).Single().Split(' ')[0];
        (await KeyIdsAsync(app)).ShouldBe([firstKey, firstKey, firstKey]);

        var (exit, stdout, stderr) = await BackupTools.RunAsync("rotate-note-key", BackupTools.On(app.Database));
        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("Re-encrypted 3 note versions under key");
        var secondKey = File.ReadAllLines(keyFile)[^1].Split(' ')[0];
        secondKey.ShouldNotBe(firstKey);
        (await KeyIdsAsync(app)).ShouldBe([secondKey, secondKey, secondKey]);
        File.ReadAllLines(keyFile).Length.ShouldBe(2, "the old key is kept until a later run finds no note using it");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var note = await NotesApiTests.GetAsync(therapist, $"/api/v1/notes/{id}");
        note.GetProperty("text").GetString().ShouldBe("Still before the rotation.", "the running application reads the notes under the new key");
        note.GetProperty("versions")[0].GetProperty("text").GetString().ShouldBe("Before the rotation.");

        (exit, stdout, stderr) = await BackupTools.RunAsync("rotate-note-key", BackupTools.On(app.Database));
        exit.ShouldBe(0, stderr);
        stdout.ShouldContain($"Removed 1 old key no note uses: {firstKey}");
        File.ReadAllLines(keyFile).Select(l => l.Split(' ')[0]).ShouldNotContain(firstKey);
        (await NotesApiTests.GetAsync(therapist, $"/api/v1/notes/{id}")).GetProperty("text").GetString().ShouldBe("Still before the rotation.");
    }

    [Theory, OnSqlite]
    public async Task RotateNoteKey_WithKeysInConfiguration_SaysToAddTheKeyThere_AndReEncryptsOnRequest(DatabaseProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider);
        (await BackupTools.RunAsync("migrate", BackupTools.On(db))).Exit.ShouldBe(0);
        var first = "k1:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var (exit, _, stderr) = await BackupTools.RunAsync("rotate-note-key", [.. BackupTools.On(db), $"--SecureBase:NoteKeys={first}"]);
        exit.ShouldBe(2);
        stderr.ShouldContain("add a new key there as the last entry");
        (exit, var stdout, stderr) = await BackupTools.RunAsync("rotate-note-key", ["--reencrypt", .. BackupTools.On(db), $"--SecureBase:NoteKeys={first}"]);
        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("Re-encrypted 0 note versions under key k1");
    }

    private static async Task<List<string>> KeyIdsAsync(TestApp app) =>
        (await RawSql.RowsAsync(app.Database, "SELECT key_id FROM session_note_versions")).Select(r => r[0]).ToList();
}
