using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Sessions;
using SecureBase.Tests.Support;
using SecureBase.Timetable;

namespace SecureBase.Tests.Sessions;

/// <summary>A practitioner's week of sessions, recording them on the page and by API, and every refusal.</summary>
public sealed class SessionRecordingTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheTherapistsWeek_ShowsTheSessionToRecord_AndOneSubmitRecordsIt(DatabaseProvider provider)
    {
        var s = await SessionSchool.CreateAsync(provider);
        var occurrence = await s.OccurrenceAsync(0);
        var pupil = s.School.PupilId;
        var therapist = await s.School.SignInAsync(Role.Therapist);

        var week = await therapist.GetPageAsync($"/sessions?week={s.FirstMonday.AddDays(2):yyyy-MM-dd}");
        var row = week.Document.QuerySelector("#sessions tbody tr")!.TextContent;
        row.ShouldContain("09:00–09:45");
        row.ShouldContain(s.School.PupilLastName);
        row.ShouldContain("To record");

        var form = await therapist.GetPageAsync($"/sessions/{occurrence.Id}/record");
        ((IHtmlInputElement)form.Document.QuerySelector($"#att-{pupil}-Attended")!).IsChecked.ShouldBeTrue("everyone starts as attended");
        ((IHtmlInputElement)form.Document.QuerySelector("#Minutes")!).Value.ShouldBe("45", "the minutes start as the session's length");
        form.Document.QuerySelectorAll($"input[name='Engagement[{pupil}]']:checked").Length.ShouldBe(0, "engagement starts empty");

        var missing = await TestClient.ReadAsync(await therapist.SubmitAsync($"/sessions/{occurrence.Id}/record", [], "#record"));
        missing.Errors.ShouldContain(e => e.Contains("Choose how Jamal", StringComparison.Ordinal));
        (await s.QueryAsync(db => db.TherapySessions.CountAsync())).ShouldBe(0, "a refused recording saves nothing");

        var done = await therapist.SubmitAsync($"/sessions/{occurrence.Id}/record", [Form.Field($"Engagement[{pupil}]", "4")], "#record");
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await therapist.GetPageAsync($"/sessions?week={s.FirstMonday:yyyy-MM-dd}");
        after.Document.QuerySelector("#sessions tbody tr")!.TextContent.ShouldContain("Recorded: Attended");

        var saved = await s.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync());
        saved.OccurrenceId.ShouldBe(occurrence.Id);
        saved.Members.Single().ShouldBe(new SessionMember(pupil, s.Episodes[0], Attendance.Attended, Engagement.Mostly, 45));
        (await s.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == SessionAuditActions.Recorded && a.RecordId == saved.Id.ToString()))).ShouldBe(1);

        // Correcting: the same form with the record and its stamp.
        var again = await therapist.GetPageAsync($"/sessions/{occurrence.Id}/record");
        again.Title.ShouldBe("Correct a session's record");
        ((IHtmlInputElement)again.Document.QuerySelector($"#eng-{pupil}-4")!).IsChecked.ShouldBeTrue();
        (await therapist.SubmitAsync($"/sessions/{occurrence.Id}/record", [Form.Field($"Attendance[{pupil}]", "Refused"), Form.Field($"Engagement[{pupil}]", "")], "#record"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var corrected = await s.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync());
        corrected.Members.Single().Attendance.ShouldBe(Attendance.Refused);
        corrected.Members.Single().Minutes.ShouldBe(0);
        corrected.Stamp.ShouldNotBe(saved.Stamp);
        (await s.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == SessionAuditActions.Corrected && a.RecordId == saved.Id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task AGroupOfThree_RecordsEachMembersOwnAttendanceEngagementAndMinutes()
    {
        var s = await SessionSchool.CreateAsync(DatabaseProvider.Sqlite, groupSize: 3);
        var occurrence = await s.OccurrenceAsync(0);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var (a, b, c) = (s.Pupils[0], s.Pupils[1], s.Pupils[2]);

        var form = await therapist.GetPageAsync($"/sessions/{occurrence.Id}/record");
        form.Document.QuerySelectorAll("fieldset.member").Length.ShouldBe(3);
        var done = await therapist.SubmitAsync($"/sessions/{occurrence.Id}/record",
        [
            Form.Field($"Engagement[{a}]", "5"), Form.Field($"MemberMinutes[{a}]", "30"),
            Form.Field($"Attendance[{b}]", "Refused"),
            Form.Field($"Attendance[{c}]", "PupilAbsent"),
        ], "#record");
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var saved = await s.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync());
        saved.IsGroup.ShouldBeTrue();
        saved.Members.Single(m => m.PupilId == a).ShouldBe(new SessionMember(a, s.Episodes[0], Attendance.Attended, Engagement.Fully, 30));
        saved.Members.Single(m => m.PupilId == b).ShouldBe(new SessionMember(b, s.Episodes[1], Attendance.Refused, null, 0));
        saved.Members.Single(m => m.PupilId == c).ShouldBe(new SessionMember(c, s.Episodes[2], Attendance.PupilAbsent, null, 0));
        var week = await therapist.GetPageAsync($"/sessions?week={s.FirstMonday:yyyy-MM-dd}");
        week.Document.QuerySelector("#sessions tbody tr")!.TextContent.ShouldContain("1 attended, 1 refused, 1 absent from school");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TwoPeopleRecordingTheSameSessionAtOnce_OneWins_AndTheOtherGetsAPlainConflict(DatabaseProvider provider)
    {
        var s = await SessionSchool.CreateAsync(provider);
        var occurrence = await s.OccurrenceAsync(0);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var hot = await s.School.SignInAsync(Role.HeadOfTherapy);
        var url = $"/api/v1/sessions/occurrences/{occurrence.Id}/record";
        object Body(int engagement) => new { members = new[] { new { pupilId = s.School.PupilId.ToString(), attendance = "Attended", engagement } } };

        var answers = await Task.WhenAll(therapist.Http.PostAsJsonAsync(url, Body(3)), hot.Http.PostAsJsonAsync(url, Body(5)));

        answers.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        var loser = answers.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        (await loser.Content.ReadAsStringAsync()).ShouldContain("Someone else");
        var saved = await s.QueryAsync(db => db.TherapySessions.AsNoTracking().ToListAsync());
        saved.Count.ShouldBe(1);
        var winner = JsonDocument.Parse(await answers.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadAsStringAsync()).RootElement;
        saved[0].Members.Single().Engagement.ToString().ShouldBe(winner.GetProperty("members")[0].GetProperty("engagement").GetString(), "the record is the winner's");
        var pupilText = s.School.PupilId.ToString();
        (await s.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == SessionAuditActions.Recorded && a.Detail!.Contains(pupilText)))).ShouldBe(1, "only the winner's save is audited");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RefusalsOverTheApi_ArePlain_AndChangeNothing(DatabaseProvider provider)
    {
        var s = await SessionSchool.CreateAsync(provider);
        var past = await s.OccurrenceAsync(0);
        var today = DateOnly.FromDateTime(s.App.Clock.GetUtcNow().UtcDateTime);
        var future = await s.FutureOccurrenceAsync(today);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var pupil = s.School.PupilId;
        object Body(object pupilId, string attendance = "Attended", int? engagement = 3, Guid? stamp = null) =>
            new { members = new[] { new { pupilId = pupilId.ToString(), attendance, engagement } }, stamp };

        var inFuture = await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{future.Id}/record", Body(pupil));
        inFuture.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await inFuture.Content.ReadAsStringAsync()).ShouldContain("has not happened yet");

        var stranger = (await PupilFactory.AddAsync(s.App, s.School, 1))[0].Id;
        var notInGroup = await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{past.Id}/record", Body(stranger));
        notInGroup.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notInGroup.Content.ReadAsStringAsync()).ShouldContain("not in this session");

        var other = await SessionSchool.CreateAsync(provider);
        var theirs = await other.OccurrenceAsync(0);
        (await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{theirs.Id}/record", Body(other.School.PupilId))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.GetAsync($"/sessions/{theirs.Id}/record")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await s.QueryAsync(db => db.TherapySessions.CountAsync())).ShouldBe(0, "no refused recording saved anything");
        (await other.QueryAsync(db => db.TherapySessions.CountAsync())).ShouldBe(0);

        var created = await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{past.Id}/record", Body(pupil));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var dto = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = dto.GetProperty("id").GetString();
        var stamp = dto.GetProperty("stamp").GetGuid();
        (await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{past.Id}/record", Body(pupil, engagement: 1))).StatusCode.ShouldBe(HttpStatusCode.Conflict, "recording it a second time without the stamp");

        (await therapist.Http.PutAsJsonAsync($"/api/v1/sessions/{id}", Body(pupil, engagement: 5, stamp: stamp))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stale = await therapist.Http.PutAsJsonAsync($"/api/v1/sessions/{id}", Body(pupil, "Refused", null, stamp));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict, "the stamp seen is no longer the record's");
        (await stale.Content.ReadAsStringAsync()).ShouldContain("Someone else changed this session");
        var kept = await s.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync());
        kept.Members.Single().Engagement.ShouldBe(Engagement.Fully, "the stale correction changed nothing");

        var read = await therapist.GetJsonAsync<JsonElement>($"/api/v1/sessions/{id}");
        read.GetProperty("members")[0].GetProperty("attendanceText").GetString().ShouldBe("Attended");
        var listed = await therapist.GetJsonAsync<JsonElement>($"/api/v1/sessions?week={s.FirstMonday:yyyy-MM-dd}");
        listed.GetProperty("sessions")[0].GetProperty("recorded").GetBoolean().ShouldBeTrue();
        (await therapist.GetAsync($"/api/v1/sessions?week=soon")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task APupilNotYetShownTheConfidentialityStatement_CannotBeRecordedAsAttended()
    {
        var s = await SessionSchool.CreateAsync(DatabaseProvider.Sqlite, explained: false);
        var occurrence = await s.OccurrenceAsync(0);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var page = await TestClient.ReadAsync(await therapist.SubmitAsync($"/sessions/{occurrence.Id}/record", [Form.Field($"Engagement[{s.School.PupilId}]", "3")], "#record"));
        page.Errors.ShouldContain(e => e.Contains("confidentiality statement", StringComparison.Ordinal));
        (await s.QueryAsync(db => db.TherapySessions.CountAsync())).ShouldBe(0);
        (await therapist.SubmitAsync($"/sessions/{occurrence.Id}/record", [Form.Field($"Attendance[{s.School.PupilId}]", "Refused")], "#record")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a refusal can be recorded before the statement was shown");
    }

    [Fact]
    public async Task ASessionLaterToday_IsComingUp_NotToRecord_UntilItHasStarted()
    {
        // Its own app: the clock is moved to the morning of the session (09:00–09:45 London time, GMT in the winter term).
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var s = await SessionSchool.CreateOnAsync(app);
        var next = await s.FutureOccurrenceAsync(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));
        async Task<string> RowAsync() =>
            (await (await s.School.SignInAsync(Role.Therapist)).GetPageAsync($"/sessions?week={next.Date:yyyy-MM-dd}")).Document.QuerySelector("#sessions tbody tr")!.TextContent;

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        DateTimeOffset At(int hour, int minute) => new(TimeZoneInfo.ConvertTimeToUtc(next.Date.ToDateTime(new TimeOnly(hour, minute)), zone), TimeSpan.Zero);
        app.Clock.MoveTo(At(8, 30));
        var before = await RowAsync();
        before.ShouldContain("Coming up");
        before.ShouldNotContain("Record");
        (await (await s.School.SignInAsync(Role.Therapist)).GetPageAsync($"/sessions/{next.Id}/record")).Document.QuerySelector("#not-yet").ShouldNotBeNull("the form says the same");

        app.Clock.MoveTo(At(9, 50));
        var after = await RowAsync();
        after.ShouldContain("To record");
        after.ShouldContain("Record");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ASessionDisplacedTwice_IsLinkedToItsLatestDisplacement_InTheWeekAndWhenRecorded(DatabaseProvider provider)
    {
        var s = await SessionSchool.CreateAsync(provider);
        var occurrence = await s.OccurrenceAsync(0);
        async Task<DisplacementId> DisplaceAsync(DisplacementCause cause, TimeSpan before) => await s.QueryAsync(async db =>
        {
            var o = await db.SessionOccurrences.SingleAsync(x => x.Id == occurrence.Id);
            var d = Displacement.Record(o, cause, 2, Guid.NewGuid(), null, s.App.Clock.GetUtcNow().UtcDateTime - before);
            db.Displacements.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });

        // The later one is recorded first: "latest" is by when each was recorded, not by the order of the rows.
        var latest = await DisplaceAsync(DisplacementCause.Maintenance, TimeSpan.FromHours(1));
        await DisplaceAsync(DisplacementCause.Exam, TimeSpan.FromDays(2));
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var week = await therapist.GetJsonAsync<JsonElement>($"/api/v1/sessions?week={s.FirstMonday:yyyy-MM-dd}");
        var row = week.GetProperty("sessions").EnumerateArray().Single(r => r.GetProperty("occurrenceId").GetString() == occurrence.Id.ToString());
        row.GetProperty("displacementId").GetString().ShouldBe(latest.ToString());
        (await therapist.GetPageAsync($"/sessions?week={s.FirstMonday:yyyy-MM-dd}")).Document.QuerySelector("#sessions tbody tr")!.TextContent.ShouldContain("displaced from room");

        (await therapist.SubmitAsync($"/sessions/{occurrence.Id}/record", [], "#record")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await s.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync())).DisplacementId.ShouldBe(latest);
    }

    [Fact]
    public async Task ADisplacedSession_StartsAsDisplacedFromRoom_LinkedToTheDisplacement()
    {
        var s = await SessionSchool.CreateAsync(DatabaseProvider.Sqlite);
        var occurrence = await s.OccurrenceAsync(0);
        var displacement = await s.QueryAsync(async db =>
        {
            var o = await db.SessionOccurrences.SingleAsync(x => x.Id == occurrence.Id);
            var d = Displacement.Record(o, DisplacementCause.Exam, 2, Guid.NewGuid(), null, s.App.Clock.GetUtcNow().UtcDateTime);
            db.Displacements.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var week = await therapist.GetPageAsync($"/sessions?week={s.FirstMonday:yyyy-MM-dd}");
        week.Document.QuerySelector("#sessions tbody tr")!.TextContent.ShouldContain("displaced from room");
        var form = await therapist.GetPageAsync($"/sessions/{occurrence.Id}/record");
        form.Document.QuerySelector("#displaced").ShouldNotBeNull();
        ((IHtmlInputElement)form.Document.QuerySelector($"#att-{s.School.PupilId}-DisplacedFromRoom")!).IsChecked.ShouldBeTrue();

        (await therapist.SubmitAsync($"/sessions/{occurrence.Id}/record", [], "#record")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await s.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync());
        saved.DisplacementId.ShouldBe(displacement);
        saved.Members.Single().Attendance.ShouldBe(Attendance.DisplacedFromRoom);
    }

    [Fact]
    public async Task ADropIn_IsAddedForAPupilOnTheOwnCaseload_AndRefusedInTheFutureOrForAnotherPupil()
    {
        var s = await SessionSchool.CreateAsync(DatabaseProvider.Sqlite);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var today = DateOnly.FromDateTime(s.App.Clock.GetUtcNow().UtcDateTime);
        object Body(object pupilId, DateOnly date, string kind = "DropIn") => new { pupilId = pupilId.ToString(), kind, date = date.ToString("yyyy-MM-dd"), start = "08:15", minutes = 20, attendance = "Attended", engagement = 2 };

        var notOurs = (await PupilFactory.AddAsync(s.App, s.School, 1))[0].Id;
        var stranger = await therapist.Http.PostAsJsonAsync("/api/v1/sessions", Body(notOurs, today.AddDays(-1)));
        stranger.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await stranger.Content.ReadAsStringAsync()).ShouldContain("your own caseload");
        (await therapist.Http.PostAsJsonAsync("/api/v1/sessions", Body(s.School.PupilId, today.AddDays(2)))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await therapist.Http.PostAsJsonAsync("/api/v1/sessions", Body(s.School.PupilId, today.AddDays(-1), "Timetabled"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await therapist.Http.PostAsJsonAsync("/api/v1/sessions", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await s.QueryAsync(db => db.TherapySessions.CountAsync())).ShouldBe(0);

        var page = await therapist.SubmitAsync("/sessions/new", [Form.Field("Kind", "Crisis"), Form.Field("Date", today.AddDays(-1).ToString("dd/MM/yyyy")), Form.Field("Start", "12:30"), Form.Field("Engagement", "3")], "#add");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await s.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync());
        saved.Kind.ShouldBe(SessionKind.Crisis);
        saved.OccurrenceId.ShouldBeNull();
        saved.Members.Single().ShouldBe(new SessionMember(s.School.PupilId, s.Episodes[0], Attendance.Attended, Engagement.Partly, 30));
        var week = await therapist.GetPageAsync($"/sessions?week={today.AddDays(-1):yyyy-MM-dd}");
        week.Text.ShouldContain("Crisis session");
    }

    [Fact]
    public async Task APractitionerRecordsOnlyTheirOwnSessions_TheHeadOfTherapyAny()
    {
        var s = await SessionSchool.CreateAsync(DatabaseProvider.Sqlite);
        var occurrence = await s.OccurrenceAsync(0);
        var elsa = await s.School.SignInAsync(Role.TherapyAssistant);
        var body = new { members = new[] { new { pupilId = s.School.PupilId.ToString(), attendance = "Attended", engagement = 3 } } };
        (await elsa.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{occurrence.Id}/record", body)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the ELSA neither delivers this session nor holds the pupil's episode");
        (await elsa.GetPageAsync("/sessions")).Document.QuerySelector("#no-sessions").ShouldNotBeNull();

        var hot = await s.School.SignInAsync(Role.HeadOfTherapy);
        var all = await hot.GetPageAsync($"/sessions?week={s.FirstMonday:yyyy-MM-dd}");
        all.Document.QuerySelector("#staff").ShouldNotBeNull("the Head of Therapy chooses whose week");
        all.Document.QuerySelector("#sessions tbody tr")!.TextContent.ShouldContain(s.School.PupilLastName);
        (await hot.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{occurrence.Id}/record", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var saved = await s.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync());
        saved.StaffId.ShouldBe(s.School.TherapistStaffId, "the session stays the practitioner's who delivered it");
        (await (await s.School.SignInAsync(Role.EducationStaff)).GetAsync("/sessions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
