using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Sessions.Notes;
using SecureBase.Staff;
using SecureBase.Tests.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Sessions.Notes;

/// <summary>Confidential notes on the pages: the note on the record form, the note page and its reason rule, the episode's notes, progress notes and the settings page.</summary>
public sealed class NotePagesTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheTherapist_RecordsASessionWithANote_SeesWhenItLocks_ThenCorrectsSignsAndAddsAnAddendum_AndALockedNoteIsNotEdited(DatabaseProvider provider)
    {
        var s = await SessionSchool.CreateAsync(provider);
        var occurrence = await s.OccurrenceAsync(0);
        var pupil = s.School.PupilId;
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var recordUrl = $"/sessions/{occurrence.Id}/record";

        var form = await therapist.GetPageAsync(recordUrl);
        form.Document.QuerySelector("#record textarea[name=Note]").ShouldNotBeNull("the practitioner who holds the session writes its note on the same form");

        var done = await therapist.SubmitAsync(recordUrl, [Form.Field($"Engagement[{pupil}]", "4"), Form.Field("Note", "Jamal talked about the move.")], "#record");
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        done.Headers.Location!.OriginalString.ShouldBe(recordUrl);
        var after = await therapist.GetPageAsync(recordUrl);
        after.Text.ShouldContain("Recorded: Attended");
        after.Text.ShouldContain("Note written.");
        var link = after.Document.QuerySelector("#session-notes a")!;
        link.TextContent.ShouldStartWith("Note written — locks at ");
        after.Document.QuerySelector("#record textarea[name=Note]").ShouldBeNull("the pupil has a note for this session: it is corrected on its own page");
        var noteUrl = link.GetAttribute("href")!;
        var noteId = SessionNoteId.From(Guid.Parse(noteUrl["/notes/".Length..]));

        var note = await therapist.GetPageAsync(noteUrl);
        note.Status.ShouldBe(HttpStatusCode.OK);
        note.Document.QuerySelector("#note-text")!.TextContent.ShouldBe("Jamal talked about the move.");
        note.Document.QuerySelector("#author")!.TextContent.ShouldBe("Test Therapist");
        note.Document.QuerySelector("#lock-state")!.TextContent.ShouldContain("Not yet");
        note.Document.QuerySelector("#readers")!.TextContent.ShouldContain("Nobody else has opened it");

        (await therapist.SubmitAsync(noteUrl, [Form.Field("Text", "")], "#edit")).StatusCode.ShouldBe(HttpStatusCode.OK, "an empty correction is refused on the page");
        (await therapist.SubmitAsync(noteUrl, [Form.Field("Text", "Jamal talked about moving house.")], "#edit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        note = await therapist.GetPageAsync(noteUrl);
        note.Document.QuerySelector("#note-text")!.TextContent.ShouldBe("Jamal talked about moving house.");
        note.Document.QuerySelectorAll("#history li.version").Length.ShouldBe(2, "both versions are kept");

        // The edit form as it was before signing, kept open in another tab.
        var token = (note.Document.QuerySelector("#edit input[name=__RequestVerificationToken]") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value;
        (await therapist.SubmitAsync(noteUrl, [], "#sign")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        note = await therapist.GetPageAsync(noteUrl);
        note.Document.QuerySelector("#lock-state")!.TextContent.ShouldContain("Locked (signed)");
        note.Document.QuerySelector("#edit").ShouldBeNull("a locked note offers only an addendum");
        note.Document.QuerySelector("#addendum-form").ShouldNotBeNull();

        var stale = await TestClient.ReadAsync(await therapist.PostFormAsync($"{noteUrl}?handler=Edit",
            [Form.Field("__RequestVerificationToken", token), Form.Field("Version", "2"), Form.Field("Text", "Changed after signing")]));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Errors.ShouldContain(e => e.Contains("This note is locked; add an addendum", StringComparison.Ordinal));
        stale.Document.QuerySelector("#note-text")!.TextContent.ShouldBe("Jamal talked about moving house.", "the refused edit changed nothing");

        (await therapist.SubmitAsync(noteUrl, [Form.Field("Addendum", "Mum rang afterwards.")], "#addendum-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        note = await therapist.GetPageAsync(noteUrl);
        note.Document.QuerySelector("#note-text")!.TextContent.ShouldBe("Jamal talked about moving house.", "an addendum sits beside the signed note");
        var addendum = note.Document.QuerySelector("#addenda li.addendum")!.TextContent;
        addendum.ShouldContain("Mum rang afterwards.");
        addendum.ShouldContain("Test Therapist");

        var saved = await s.QueryAsync(db => db.SessionNotes.AsNoTracking().Include(n => n.Versions).SingleAsync());
        (saved.Id, saved.PupilId, saved.EpisodeId, saved.Kind, saved.Version).ShouldBe((noteId, (PupilId?)pupil, (EpisodeId?)s.Episodes[0], NoteKind.Session, 3));
        saved.SignedAt.ShouldNotBeNull();
        var audit = await s.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == noteId.ToString()).ToListAsync());
        audit.ShouldContain(a => a.Action == "note.written");
        audit.ShouldContain(a => a.Action == AuditActions.ConfidentialRead && a.Reason!.StartsWith("the note's author (page)", StringComparison.Ordinal));
        audit.ShouldAllBe(a => a.Detail == null || !a.Detail.Contains("Jamal", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ANoteTooLongOnTheRecordForm_IsRefusedPlainly_AndNeitherTheSessionNorANoteIsSaved(DatabaseProvider provider)
    {
        var s = await SessionSchool.CreateAsync(provider);
        var occurrence = await s.OccurrenceAsync(0);
        var therapist = await s.School.SignInAsync(Role.Therapist);

        var refused = await therapist.SubmitAndReadAsync($"/sessions/{occurrence.Id}/record",
            [Form.Field($"Engagement[{s.School.PupilId}]", "3"), Form.Field("Note", new string('x', SessionNote.MaxLength + 1))], "#record");
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Errors.ShouldContain(e => e.Contains("Keep a note to 20,000 characters", StringComparison.Ordinal));
        (await s.QueryAsync(db => db.TherapySessions.CountAsync())).ShouldBe(0);
        (await s.QueryAsync(db => db.SessionNotes.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task AGroupSession_TakesAGroupNoteAndANoteOnOnePupil_OnTheRecordForm()
    {
        var s = await SessionSchool.CreateAsync(DatabaseProvider.Sqlite, groupSize: 2);
        var occurrence = await s.OccurrenceAsync(0);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var (a, b) = (s.Pupils[0], s.Pupils[1]);

        var done = await therapist.SubmitAsync($"/sessions/{occurrence.Id}/record",
            [Form.Field($"Engagement[{a}]", "4"), Form.Field($"Engagement[{b}]", "2"), Form.Field("Note", "The group planned the garden."), Form.Field($"MemberNote[{b}]", "Quiet; sat apart.")], "#record");
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var notes = await s.QueryAsync(db => db.SessionNotes.AsNoTracking().ToListAsync());
        notes.Select(n => (n.Kind, n.PupilId)).ShouldBe([(NoteKind.Session, (PupilId?)b), (NoteKind.Group, null)], ignoreOrder: true);
        var page = await therapist.GetPageAsync($"/sessions/{occurrence.Id}/record");
        var links = page.Document.QuerySelectorAll("#session-notes a").Select(x => x.TextContent).ToList();
        links.Count.ShouldBe(2);
        links.ShouldContain(l => l.StartsWith("Group note written — locks at ", StringComparison.Ordinal));
        var name = await NameOf(s, b);
        links.ShouldContain(l => l.StartsWith($"Note on {name} written — locks at ", StringComparison.Ordinal));
        page.Document.QuerySelector($"textarea[name='MemberNote[{a}]']").ShouldNotBeNull("a pupil with no note of their own can still have one");
        page.Document.QuerySelector($"textarea[name='MemberNote[{b}]']").ShouldBeNull();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheHeadOfTherapy_ChoosesAReasonBeforeTheNoteOpens_TheReadIsAuditedWithIt_AndTheAuthorSeesWhoReadIt(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var session = await NoteTestData.AddSessionAsync(app, school.Id, school.TherapistStaffId, Discipline.Counselling, (school.PupilId, school.EpisodeId));
        var noteId = await NoteTestData.PlantNoteAsync(app, school.Id, new NoteAuthor(school[Role.Therapist].Id, school.TherapistStaffId, "Test Therapist"),
            NoteKind.Session, session, school.EpisodeId, school.PupilId, "What was said in the room.");
        var url = $"/notes/{noteId}";
        var hot = await school.SignInAsync(Role.HeadOfTherapy);

        var ask = await hot.GetPageAsync(url);
        ask.Status.ShouldBe(HttpStatusCode.OK);
        ask.Document.QuerySelector("#why").ShouldNotBeNull();
        ask.Document.QuerySelectorAll("#why input[name=reason]").Select(r => r.GetAttribute("value")).ShouldBe(["PreparingMdt", "ConsultingTheTeam", "SafeguardingOrWelfare", "Other"]);
        ask.Html.ShouldNotContain("What was said");
        ask.Document.QuerySelector("#note-text").ShouldBeNull();

        var noWords = await hot.GetPageAsync(url + "?reason=Other");
        noWords.Status.ShouldBe(HttpStatusCode.BadRequest);
        noWords.Text.ShouldContain("Say in a few words why you are opening this note");
        noWords.Html.ShouldNotContain("What was said");
        (await AuditAsync(app, school, noteId)).ShouldNotContain(a => a.Action == AuditActions.BreakGlassRead, "nothing is recorded until a reason is given");

        var opened = await hot.GetPageAsync(url + "?reason=PreparingMdt");
        opened.Status.ShouldBe(HttpStatusCode.OK);
        opened.Document.QuerySelector("#note-text")!.TextContent.ShouldBe("What was said in the room.");
        opened.Document.QuerySelector("#read-reason")!.TextContent.ShouldContain("Preparing for an MDT meeting");
        opened.Document.QuerySelector("#readers").ShouldBeNull("only the author sees who else has read the note");
        opened.Document.QuerySelector("#edit").ShouldBeNull("only the author corrects a note");
        (await AuditAsync(app, school, noteId)).ShouldContain(a => a.Action == AuditActions.BreakGlassRead && a.UserId == school[Role.HeadOfTherapy].Id
                                                                   && a.Reason!.Contains("Preparing for an MDT meeting about the pupil", StringComparison.Ordinal));

        var therapist = await school.SignInAsync(Role.Therapist);
        var own = await therapist.GetPageAsync(url);
        own.Document.QuerySelector("#why").ShouldBeNull("the author reads with the reason implied");
        own.Document.QuerySelector("#note-text")!.TextContent.ShouldBe("What was said in the room.");
        var reader = own.Document.QuerySelector("#readers li.reader")!.TextContent;
        reader.ShouldContain("Test Head of Therapy");
        reader.ShouldContain("Preparing for an MDT meeting");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ANoteReadMoreTimesThanTheAuthorsListShows_SaysHowManyEarlierReadsAreNotListed(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var session = await NoteTestData.AddSessionAsync(app, school.Id, school.TherapistStaffId, Discipline.Counselling, (school.PupilId, school.EpisodeId));
        var noteId = await NoteTestData.PlantNoteAsync(app, school.Id, new NoteAuthor(school[Role.Therapist].Id, school.TherapistStaffId, "Test Therapist"),
            NoteKind.Session, session, school.EpisodeId, school.PupilId, "What was said in the room.");
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        for (var i = 0; i < NoteView.ReadersListed + 3; i++)
        {
            (await hot.GetAsync($"/notes/{noteId}?reason=PreparingMdt")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var therapist = await school.SignInAsync(Role.Therapist);
        var own = await therapist.GetPageAsync($"/notes/{noteId}");
        own.Document.QuerySelectorAll("#readers li.reader").Length.ShouldBe(NoteView.ReadersListed);
        own.Document.QuerySelector("#earlier-reads")!.TextContent.ShouldContain("And 3 earlier reads by others");
        var api = await therapist.GetJsonAsync<System.Text.Json.JsonElement>($"/api/v1/notes/{noteId}");
        api.GetProperty("readsNotListed").GetInt32().ShouldBe(3);

        await hot.GetAsync($"/notes/{noteId}?reason=PreparingMdt");
        (await therapist.GetPageAsync($"/notes/{noteId}")).Document.QuerySelector("#earlier-reads")!.TextContent.ShouldContain("And 4 earlier reads");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EachRole_OpensTheNotePageAndTheEpisodesNotes_OnlyAsThePolicySays(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var session = await NoteTestData.AddSessionAsync(app, school.Id, school.TherapistStaffId, Discipline.Counselling, (school.PupilId, school.EpisodeId));
        var noteId = await NoteTestData.PlantNoteAsync(app, school.Id, new NoteAuthor(school[Role.Therapist].Id, school.TherapistStaffId, "Test Therapist"),
            NoteKind.Session, session, school.EpisodeId, school.PupilId, "Words for the therapy team only.");
        var url = $"/notes/{noteId}";
        var list = $"/episodes/{school.EpisodeId}/notes";

        foreach (var role in new[] { Role.Sendco, Role.Headteacher, Role.Dsl, Role.EducationStaff, Role.ParentCarer, Role.Pupil, Role.Administrator })
        {
            var client = await school.SignInAsync(role);
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} never reads session notes");
            (await client.GetAsync(url + "?reason=SafeguardingOrWelfare")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role}: a reason opens nothing");
            (await client.GetAsync(list)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var elsa = await school.SignInAsync(Role.TherapyAssistant);
        (await elsa.GetAsync(url + "?reason=ConsultingTheTeam")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "an ELSA never reads a therapist's notes");
        (await elsa.GetAsync(list)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var therapist = await school.SignInAsync(Role.Therapist);
        var lines = await therapist.GetPageAsync(list);
        lines.Status.ShouldBe(HttpStatusCode.OK);
        var line = lines.Document.QuerySelector("#notes tr.note-line")!;
        line.TextContent.ShouldContain("Session note");
        line.TextContent.ShouldContain("Test Therapist");
        line.TextContent.ShouldContain("Not yet");
        lines.Html.ShouldNotContain("Words for the therapy team", customMessage: "a list never shows a note's words");
        line.QuerySelector("a")!.GetAttribute("href").ShouldBe(url);

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var hotList = await hot.GetPageAsync(list);
        hotList.Status.ShouldBe(HttpStatusCode.OK);
        hotList.Document.QuerySelectorAll("#notes tr.note-line").Length.ShouldBe(1);
        hotList.Document.QuerySelector("#progress").ShouldBeNull("only the episode's practitioner writes its progress notes");

        var episode = await hot.GetPageAsync($"/episodes/{school.EpisodeId}");
        episode.Document.QuerySelector("#notes-link a")!.GetAttribute("href").ShouldBe(list);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AColleaguesNote_OpensOnThePage_OnlyWhileTheSettingsPageAllowsTeamConsultation_AndOnlyWithAReason(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (_, episode, noteId) = await NoteTestData.ColleaguesPupilWithANoteAsync(app, school, "A colleague's words.");
        var url = $"/notes/{noteId}";
        var therapist = await school.SignInAsync(Role.Therapist);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);

        (await therapist.GetAsync(url + "?reason=ConsultingTheTeam")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.GetAsync($"/episodes/{episode}/notes")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.GetAsync("/settings/notes")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var settings = await hot.GetPageAsync("/settings/notes");
        settings.Text.ShouldContain("consult");
        ((AngleSharp.Html.Dom.IHtmlInputElement)settings.Document.QuerySelector("#tc-not-allowed")!).IsChecked.ShouldBeTrue();
        var bad = await hot.SubmitAndReadAsync("/settings/notes", [Form.Field("TeamConsultation", "Sometimes")], "#note-settings");
        bad.Errors.ShouldContain(e => e.Contains("Choose whether therapists may consult", StringComparison.Ordinal));
        (await therapist.GetAsync(url + "?reason=ConsultingTheTeam")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a refused setting changed nothing");

        (await hot.SubmitAsync("/settings/notes", [Form.Field("TeamConsultation", "Allowed")], "#note-settings")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ((AngleSharp.Html.Dom.IHtmlInputElement)(await hot.GetPageAsync("/settings/notes")).Document.QuerySelector("#tc-allowed")!).IsChecked.ShouldBeTrue();

        var ask = await therapist.GetPageAsync(url);
        ask.Document.QuerySelector("#why").ShouldNotBeNull("a consulting colleague gives a reason before the note opens");
        ask.Html.ShouldNotContain("A colleague's words");
        var read = await therapist.GetPageAsync(url + "?reason=ConsultingTheTeam");
        read.Document.QuerySelector("#note-text")!.TextContent.ShouldBe("A colleague's words.");
        read.Document.QuerySelector("#addendum-form").ShouldBeNull("a consulting colleague neither edits nor adds to the note");
        (await AuditAsync(app, school, noteId)).ShouldContain(a => a.Action == AuditActions.BreakGlassRead && a.UserId == school[Role.Therapist].Id
                                                                   && a.Reason!.Contains("Consulting with the therapy team", StringComparison.Ordinal));

        (await hot.SubmitAsync("/settings/notes", [Form.Field("TeamConsultation", "NotAllowed")], "#note-settings")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await therapist.GetAsync(url + "?reason=ConsultingTheTeam")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AProgressNote_IsWrittenInWeek7OfTheCycle_AndRefusedPlainlyInWeek3_OnThePageAndByApi(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (_, week7) = await NoteTestData.EpisodeInWeekAsync(app, school, 7);
        var (_, week3) = await NoteTestData.EpisodeInWeekAsync(app, school, 3);
        var therapist = await school.SignInAsync(Role.Therapist);

        var closed = await therapist.GetPageAsync($"/episodes/{week3}/notes");
        closed.Document.QuerySelector("#progress-form").ShouldBeNull();
        closed.Document.QuerySelector("#progress-closed")!.TextContent.ShouldContain("Progress notes are written in weeks 5 to 10 of the cycle");
        var token = await therapist.TokenFromAsync($"/episodes/{week7}/notes");
        var refused = await TestClient.ReadAsync(await therapist.PostFormAsync($"/episodes/{week3}/notes", [Form.Field("__RequestVerificationToken", token), Form.Field("Text", "Too early.")]));
        refused.Status.ShouldBe(HttpStatusCode.Conflict);
        refused.Errors.ShouldContain(e => e.Contains("this episode is in week 3 of cycle 1", StringComparison.Ordinal));
        var api = await therapist.Http.PostAsJsonAsync("/api/v1/notes", new { episodeId = week3.Value, text = "Too early by API." });
        api.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await api.Content.ReadAsStringAsync()).ShouldContain("weeks 5 to 10");
        var byEpisode = await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{week3}/progress-notes", new { text = "Too early, the other way." });
        byEpisode.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await byEpisode.Content.ReadAsStringAsync()).ShouldContain("this episode is in week 3 of cycle 1");

        var written = await therapist.SubmitAsync($"/episodes/{week7}/notes", [Form.Field("Text", "Week 7: using the calm-down plan.")], "#progress-form");
        written.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var note = await therapist.GetPageAsync(written.Headers.Location!.OriginalString);
        note.Title.ShouldBe("Progress note");
        note.Document.QuerySelector("#note-text")!.TextContent.ShouldBe("Week 7: using the calm-down plan.");
        (await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{week7}/progress-notes", new { text = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var second = await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{week7}/progress-notes", new { text = "A second, by API." });
        second.StatusCode.ShouldBe(HttpStatusCode.Created, await second.Content.ReadAsStringAsync());
        (await second.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("kind").GetString().ShouldBe("Progress");

        var list = await therapist.GetPageAsync($"/episodes/{week7}/notes");
        list.Document.QuerySelectorAll("#notes tr.note-line").Select(r => r.QuerySelector("a")!.TextContent).ShouldBe(["Progress note", "Progress note"]);
        (await QueryAsync(app, school, db => db.SessionNotes.CountAsync(n => n.EpisodeId == week3))).ShouldBe(0, "nothing was written outside weeks 5-10");
        (await QueryAsync(app, school, db => db.SessionNotes.CountAsync(n => n.EpisodeId == week7 && n.Kind == NoteKind.Progress))).ShouldBe(2);
    }

    [Fact]
    public void ProgressNotes_AreWrittenInWeeks5To10_IncludingAHolidayInThatSpan_AndRefusedBeforeAndAfter()
    {
        // Autumn 2 starts on Monday 2 November 2026 (week 1); Christmas holiday 19 Dec – 3 Jan; Spring 1 from Monday 4 January 2027.
        var calendar = CalendarTestData.Calendar();
        var start = new DateOnly(2026, 11, 2);
        Outcome On(int year, int month, int day) => SessionNote.CheckProgressWeek(EpisodeCycles.PositionNow(calendar, start, new DateOnly(year, month, day)));

        On(2026, 11, 18).Error.ShouldBeOfType<Error.Conflict>().Message.ShouldContain("week 3 of cycle 1");
        On(2026, 11, 27).IsSuccess.ShouldBeFalse("week 4");
        On(2026, 11, 30).IsSuccess.ShouldBeTrue("week 5");
        On(2026, 12, 16).IsSuccess.ShouldBeTrue("week 7");
        On(2026, 12, 28).IsSuccess.ShouldBeTrue("the Christmas holiday: the cycle paused in week 7");
        On(2027, 1, 20).IsSuccess.ShouldBeTrue("week 10");
        On(2027, 1, 25).Error!.Message.ShouldContain("week 11 of cycle 1");
        On(2027, 3, 1).IsSuccess.ShouldBeFalse("cycle 2 has begun again at an early week");
        SessionNote.CheckProgressWeek(EpisodeCycles.PositionNow(calendar, new DateOnly(2027, 1, 11), new DateOnly(2027, 1, 4))).Error!.Message.ShouldContain("has not started yet");
    }

    private static Task<string> NameOf(SessionSchool s, PupilId pupil) =>
        s.QueryAsync(async db => (await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == pupil)).DisplayName);

    private static Task<T> QueryAsync<T>(TestApp app, TestSchool school, Func<SecureBaseDb, Task<T>> query) =>
        SecureBase.Tests.Imports.ImportFiles.QueryAsync(app, school, query);

    private static Task<List<AuditEntry>> AuditAsync(TestApp app, TestSchool school, SessionNoteId noteId) =>
        QueryAsync(app, school, db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == noteId.ToString()).ToListAsync());
}
