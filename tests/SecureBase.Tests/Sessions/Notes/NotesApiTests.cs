using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Sessions.Notes;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Sessions.Notes;

/// <summary>Confidential notes through the API: writing, correcting, signing, locking, addenda, and who may read them.</summary>
public sealed class NotesApiTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheTherapist_WritesCorrectsAndSigns_ThenAnEditIsRefusedAsLocked_AndAnAddendumIsKeptBesideEveryVersion(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var session = await NoteTestData.AddSessionAsync(app, school.Id, school.TherapistStaffId, Discipline.Counselling, (school.PupilId, school.EpisodeId));
        var therapist = (await school.SignInAsync(Role.Therapist)).Http;

        var written = await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = session.Value, text = "Jamal talked about the move." });
        written.StatusCode.ShouldBe(HttpStatusCode.Created, await written.Content.ReadAsStringAsync());
        var id = (await written.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var note = await GetAsync(therapist, $"/api/v1/notes/{id}");
        note.GetProperty("text").GetString().ShouldBe("Jamal talked about the move.");
        note.GetProperty("pupilId").GetGuid().ShouldBe(school.PupilId.Value);
        note.GetProperty("locked").GetBoolean().ShouldBeFalse();
        note.GetProperty("readReason").GetString().ShouldBe("the note's author");

        (await therapist.PutAsJsonAsync($"/api/v1/notes/{id}", new { version = 1, text = "Jamal talked about moving house." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stale = await therapist.PutAsJsonAsync($"/api/v1/notes/{id}", new { version = 1, text = "Written over someone else's change" });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await therapist.PostAsJsonAsync($"/api/v1/notes/{id}/sign", new { version = 2 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterSigning = await therapist.PutAsJsonAsync($"/api/v1/notes/{id}", new { version = 2, text = "Changed after signing" });
        afterSigning.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await afterSigning.Content.ReadAsStringAsync()).ShouldContain("This note is locked; add an addendum");

        var addendum = await therapist.PutAsJsonAsync($"/api/v1/notes/{id}", new { version = 2, text = "Mum rang afterwards.", asAddendum = true });
        addendum.StatusCode.ShouldBe(HttpStatusCode.OK, await addendum.Content.ReadAsStringAsync());
        (await therapist.PostAsJsonAsync($"/api/v1/notes/{id}/addenda", new { text = "Discussed at MDT." })).StatusCode.ShouldBe(HttpStatusCode.OK);

        note = await GetAsync(therapist, $"/api/v1/notes/{id}");
        note.GetProperty("locked").GetBoolean().ShouldBeTrue();
        note.GetProperty("text").GetString().ShouldBe("Jamal talked about moving house.", "the note as signed; addenda are beside it");
        var versions = note.GetProperty("versions").EnumerateArray().Select(v => (v.GetProperty("kind").GetString(), v.GetProperty("text").GetString(), v.GetProperty("author").GetString())).ToList();
        versions.ShouldBe([
            ("Written", "Jamal talked about the move.", "Test Therapist"),
            ("Written", "Jamal talked about moving house.", "Test Therapist"),
            ("Addendum", "Mum rang afterwards.", "Test Therapist"),
            ("Addendum", "Discussed at MDT.", "Test Therapist"),
        ]);

        var again = await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = session.Value, pupilId = school.PupilId.Value, text = "A second note" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict, "one note per pupil per session: the second is refused");

        var reads = await AuditAsync(app, school, id);
        reads.ShouldContain(a => a.Action == AuditActions.ConfidentialRead && a.Reason!.StartsWith("the note's author", StringComparison.Ordinal));
        reads.ShouldContain(a => a.Action == "note.signed");
        reads.ShouldAllBe(a => a.Detail == null || !a.Detail.Contains("Jamal", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task BadNotes_AreRefusedPlainly_AndChangeNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var session = await NoteTestData.AddSessionAsync(app, school.Id, school.TherapistStaffId, Discipline.Counselling, (school.PupilId, school.EpisodeId));
        var therapist = (await school.SignInAsync(Role.Therapist)).Http;

        (await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = session.Value, text = "  " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = session.Value, text = new string('x', SessionNote.MaxLength + 1) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = session.Value, pupilId = Guid.NewGuid(), text = "Someone else" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = session.Value, group = true, text = "Not a group" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = Guid.NewGuid(), text = "No such session" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.PostAsJsonAsync("/api/v1/notes", new { text = "About nothing" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // A session another practitioner held: only they write its notes.
        var elsaSession = await ElsaSessionAsync(app, school);
        (await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = elsaSession.Value, text = "Not my session" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Another school's session is not found.
        var other = await TestSchool.CreateAsync(app);
        var otherSession = await NoteTestData.AddSessionAsync(app, other.Id, other.TherapistStaffId, Discipline.Counselling, (other.PupilId, other.EpisodeId));
        (await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = otherSession.Value, text = "Another school" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A progress note on the therapist's own open episode in week 6 of its cycle is written.
        var (_, inWeek6) = await NoteTestData.EpisodeInWeekAsync(app, school, 6);
        var progress = await therapist.PostAsJsonAsync("/api/v1/notes", new { episodeId = inWeek6.Value, text = "Week 6: steadier." });
        progress.StatusCode.ShouldBe(HttpStatusCode.Created, await progress.Content.ReadAsStringAsync());
        (await progress.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString().ShouldBe("Progress");
        var list = await GetAsync(therapist, $"/api/v1/episodes/{inWeek6}/notes");
        list.GetArrayLength().ShouldBe(1);
        list[0].TryGetProperty("text", out _).ShouldBeFalse("a list never carries a note's text");

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        (await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().SessionNotes.CountAsync()).ShouldBe(1, "only the progress note was written");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EachRole_ReadsATherapistsNote_OnlyAsThePolicySays_AndEveryReadIsAuditedWithItsReason(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var session = await NoteTestData.AddSessionAsync(app, school.Id, school.TherapistStaffId, Discipline.Counselling, (school.PupilId, school.EpisodeId));
        var therapist = (await school.SignInAsync(Role.Therapist)).Http;
        var written = await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = session.Value, text = "What was said in the room." });
        var id = (await written.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var url = $"/api/v1/notes/{id}";

        foreach (var role in new[] { Role.Sendco, Role.Headteacher, Role.Dsl, Role.EducationStaff, Role.ParentCarer, Role.Pupil, Role.Administrator, Role.LocalAuthorityOfficer })
        {
            var client = (await school.SignInAsync(role)).Http;
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} never reads session notes");
            (await client.GetAsync(new Uri(url + "?reason=SafeguardingOrWelfare", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role}: a reason opens nothing");
            (await client.GetAsync(new Uri($"/api/v1/episodes/{school.EpisodeId}/notes", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var elsa = (await school.SignInAsync(Role.TherapyAssistant)).Http;
        (await elsa.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "an ELSA never reads a therapist's notes");
        (await elsa.GetAsync(new Uri(url + "?reason=ConsultingTheTeam", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var hot = (await school.SignInAsync(Role.HeadOfTherapy)).Http;
        var noReason = await hot.GetAsync(new Uri(url, UriKind.Relative));
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await noReason.Content.ReadAsStringAsync();
        problem.ShouldContain("Say why you are opening this note");
        problem.ShouldNotContain("What was said");
        (await hot.GetAsync(new Uri(url + "?reason=ComplaintOrLegal", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "not one of the note's reasons");
        (await hot.GetAsync(new Uri(url + "?reason=Other", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "'other' needs words");
        (await AuditAsync(app, school, id)).ShouldNotContain(a => a.Action == AuditActions.BreakGlassRead, "nothing is recorded until a reason is given");

        var read = await GetAsync(hot, url + "?reason=PreparingMdt");
        read.GetProperty("text").GetString().ShouldBe("What was said in the room.");
        read.GetProperty("readers").ValueKind.ShouldBe(JsonValueKind.Null, "only the author sees who else has read the note");
        (await hot.PutAsJsonAsync(url, new { version = 1, text = "The head of therapy's words" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "only the author edits");

        var audit = await AuditAsync(app, school, id);
        audit.ShouldContain(a => a.Action == AuditActions.BreakGlassRead && a.UserId == school[Role.HeadOfTherapy].Id && a.Reason!.Contains("Preparing for an MDT meeting", StringComparison.Ordinal));

        var own = await GetAsync(therapist, url);
        own.GetProperty("text").GetString().ShouldBe("What was said in the room.", "the head of therapy's attempted edit changed nothing");
        var readers = own.GetProperty("readers").EnumerateArray().ToList();
        readers.ShouldHaveSingleItem();
        readers[0].GetProperty("name").GetString().ShouldBe("Test Head of Therapy");
        readers[0].GetProperty("reason").GetString()!.ShouldContain("Preparing for an MDT meeting");

        // The ELSA's own note of an ELSA session is hers; the pupil's therapist reads it with the reason implied.
        var elsaSession = await ElsaSessionAsync(app, school);
        var elsaNote = await elsa.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = elsaSession.Value, text = "Played the feelings game." });
        elsaNote.StatusCode.ShouldBe(HttpStatusCode.Created, await elsaNote.Content.ReadAsStringAsync());
        var elsaNoteId = (await elsaNote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await GetAsync(elsa, $"/api/v1/notes/{elsaNoteId}")).GetProperty("text").GetString().ShouldBe("Played the feelings game.");
        var byTherapist = await GetAsync(therapist, $"/api/v1/notes/{elsaNoteId}");
        byTherapist.GetProperty("readReason").GetString().ShouldBe("the pupil's own therapist");
        (await AuditAsync(app, school, elsaNoteId)).ShouldContain(a => a.Action == AuditActions.ConfidentialRead && a.UserId == school[Role.Therapist].Id);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AColleaguesNote_IsHiddenFromATherapist_UntilTheSchoolAllowsTeamConsultation_ThenOpensOnlyWithAReason(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (_, episode, noteId) = await NoteTestData.ColleaguesPupilWithANoteAsync(app, school, "A colleague's words.");
        var url = $"/api/v1/notes/{noteId}";
        var therapist = (await school.SignInAsync(Role.Therapist)).Http;
        var hot = (await school.SignInAsync(Role.HeadOfTherapy)).Http;

        (await therapist.GetAsync(new Uri(url + "?reason=ConsultingTheTeam", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.GetAsync(new Uri($"/api/v1/episodes/{episode}/notes", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync(hot, "/api/v1/notes/settings")).GetProperty("teamConsultation").GetBoolean().ShouldBeFalse();

        (await hot.PutAsJsonAsync("/api/v1/notes/settings", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await hot.PutAsJsonAsync("/api/v1/notes/settings", new { teamConsultation = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await therapist.PutAsJsonAsync("/api/v1/notes/settings", new { teamConsultation = false })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await therapist.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a consulting colleague gives a reason before the note opens");
        var read = await GetAsync(therapist, url + "?reason=ConsultingTheTeam");
        read.GetProperty("text").GetString().ShouldBe("A colleague's words.");
        (await GetAsync(therapist, $"/api/v1/episodes/{episode}/notes")).GetArrayLength().ShouldBe(1);
        (await therapist.PutAsJsonAsync(url, new { version = 1, text = "Not mine to change" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await therapist.PostAsJsonAsync($"{url}/addenda", new { text = "Not mine to add to" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await AuditAsync(app, school, noteId.Value)).ShouldContain(a => a.Action == AuditActions.BreakGlassRead && a.UserId == school[Role.Therapist].Id
                                                                       && a.Reason!.Contains("Consulting with the therapy team", StringComparison.Ordinal));

        (await hot.PutAsJsonAsync("/api/v1/notes/settings", new { teamConsultation = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await therapist.GetAsync(new Uri(url + "?reason=ConsultingTheTeam", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync(hot, url + "?reason=SafeguardingOrWelfare")).GetProperty("versions").GetArrayLength().ShouldBe(1, "nothing the therapist tried changed the note");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ANoteUnderAMissingKey_OrWithAnAlteredOrSwappedCiphertext_IsReportedPlainly_NotShown(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var session = await NoteTestData.AddSessionAsync(app, school.Id, school.TherapistStaffId, Discipline.Counselling, (school.PupilId, school.EpisodeId));
        var progress = await NoteTestData.PlantNoteAsync(app, school.Id, new NoteAuthor(school[Role.Therapist].Id, school.TherapistStaffId, "Test Therapist"),
            NoteKind.Progress, null, school.EpisodeId, school.PupilId, "The other note's words.");
        var therapist = (await school.SignInAsync(Role.Therapist)).Http;
        var written = await therapist.PostAsJsonAsync("/api/v1/notes", new { therapySessionId = session.Value, text = "Words to protect." });
        var id = SessionNoteId.From((await written.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        var url = $"/api/v1/notes/{id}";

        byte[] original = [];
        string originalKey = "";
        await ChangeVersionAsync(app, school, id, v =>
        {
            original = v.Ciphertext.ToArray();
            originalKey = v.KeyId;
            return (v.Ciphertext.ToArray(), "kmissing");
        });
        var missing = await therapist.GetAsync(new Uri(url, UriKind.Relative));
        missing.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("key 'kmissing', which this installation does not have");

        await ChangeVersionAsync(app, school, id, v =>
        {
            var flipped = original.ToArray();
            flipped[15] ^= 0x01;
            return (flipped, originalKey);
        });
        var altered = await therapist.GetAsync(new Uri(url, UriKind.Relative));
        altered.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await altered.Content.ReadAsStringAsync()).ShouldContain("failed its integrity check");

        // The other note's ciphertext, copied onto this note, does not open: the ciphertext is bound to its note and version.
        byte[] otherCiphertext = [];
        await ChangeVersionAsync(app, school, progress, v => (otherCiphertext = v.Ciphertext.ToArray(), v.KeyId));
        await ChangeVersionAsync(app, school, id, _ => (otherCiphertext, originalKey));
        (await therapist.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        await ChangeVersionAsync(app, school, id, _ => (original, originalKey));
        (await GetAsync(therapist, url)).GetProperty("text").GetString().ShouldBe("Words to protect.");
    }

    internal static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<AuditEntry>> AuditAsync(TestApp app, TestSchool school, Guid noteId)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var id = noteId.ToString();
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().AuditEntries.AsNoTracking().Where(a => a.RecordId == id).ToListAsync();
    }

    private static async Task ChangeVersionAsync(TestApp app, TestSchool school, SessionNoteId id, Func<NoteVersion, (byte[] Ciphertext, string KeyId)> change)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var version = await db.NoteVersions.SingleAsync(v => v.NoteId == id && v.Number == 1);
        var (ciphertext, keyId) = change(version);
        db.Entry(version).Property(v => v.Ciphertext).CurrentValue = ciphertext;
        db.Entry(version).Property(v => v.KeyId).CurrentValue = keyId;
        await db.SaveChangesAsync();
    }

    /// <summary>The ELSA's own episode with the school's pupil, and a session she held yesterday.</summary>
    private static async Task<TherapySessionId> ElsaSessionAsync(TestApp app, TestSchool school)
    {
        StaffId elsaStaff;
        EpisodeId episodeId;
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var user = school[Role.TherapyAssistant].Id;
            var elsa = await db.StaffMembers.SingleAsync(s => s.UserId == user);
            var episode = await db.Episodes.FirstOrDefaultAsync(e => e.StaffId == elsa.Id && e.PupilId == school.PupilId);
            if (episode is null)
            {
                episode = Episode.Import(school.Id, school.PupilId, elsa.Id, Discipline.Elsa, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-10));
                db.Episodes.Add(episode);
                await db.SaveChangesAsync();
            }

            (elsaStaff, episodeId) = (elsa.Id, episode.Id);
        }

        return await NoteTestData.AddSessionAsync(app, school.Id, elsaStaff, Discipline.Elsa, (school.PupilId, episodeId));
    }
}
