using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Sessions;

/// <summary>EHCP delivered counts recorded sessions (and the MDT agenda hears of a shortfall); families and pupils see times and attendance only.</summary>
public sealed class DeliveredAndFamilyTests
{
    [Fact]
    public async Task RecordedSessions_CountAsEhcpDelivered_AndAShortfallIsOnTheMdtAgenda()
    {
        var s = await SessionSchool.CreateAsync(DatabaseProvider.Sqlite);
        var hot = await s.School.SignInAsync(Role.HeadOfTherapy);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var ehcp = $"/api/v1/pupils/{s.School.PupilId}/ehcp";
        (await (await hot.GetAsync(ehcp)).Content.ReadAsStringAsync()).ShouldContain("\"deliveredMinutes\":0");

        object Body(string attendance, int? engagement) => new { members = new[] { new { pupilId = s.School.PupilId.ToString(), attendance, engagement } } };
        (await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{(await s.OccurrenceAsync(0)).Id}/record", Body("Attended", 4))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{(await s.OccurrenceAsync(1)).Id}/record", Body("Refused", null))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var after = await (await hot.GetAsync(ehcp)).Content.ReadAsStringAsync();
        after.ShouldContain("\"deliveredMinutes\":45", Case.Sensitive, "the attended session's 45 minutes count; the refused one does not");
        after.ShouldContain("\"deliveredSessions\":1");
        (await hot.GetPageAsync($"/pupils/{s.School.PupilId}/ehcp")).Status.ShouldBe(HttpStatusCode.OK);

        var prepared = await hot.SubmitAsync("/mdt", [], "main form");
        prepared.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var meeting = await hot.GetPageAsync(prepared.Headers.Location!.OriginalString);
        meeting.Text.ShouldContain($"EHCP provision short: Jamal {s.School.PupilLastName}");
        meeting.Text.ShouldContain("Counselling: 45 of");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheEhcpList_CountsEachPupilsOwnAttendedSessions_AtEachSchoolAlone(DatabaseProvider provider)
    {
        // Two schools in one database, each with a pupil whose EHCP specifies counselling: the list counts a pupil's
        // attended sessions (read from the pupils' side since the list's speed fix), and neither school sees the other's.
        var first = await SessionSchool.CreateAsync(provider);
        var second = await SessionSchool.CreateAsync(provider);
        await RecordAsync(first, 0, "Attended");
        await RecordAsync(first, 1, "PupilAbsent");
        await RecordAsync(second, 0, "Attended");
        await RecordAsync(second, 1, "Attended");

        var firstList = await (await first.School.SignInAsync(Role.HeadOfTherapy)).GetPageAsync("/ehcp");
        var secondList = await (await second.School.SignInAsync(Role.HeadOfTherapy)).GetPageAsync("/ehcp");
        SessionSchool.EhcpRowOf(firstList, first.School.PupilLastName).ShouldContain("1 of ", Case.Sensitive, "one attended session; the absence does not count");
        SessionSchool.EhcpRowOf(secondList, second.School.PupilLastName).ShouldContain("2 of ", Case.Sensitive, "the other school's pupil: their own two sessions, none of the first school's");
        firstList.Text.ShouldNotContain(second.School.PupilLastName);
        secondList.Text.ShouldNotContain(first.School.PupilLastName);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AGroupSession_IsKeptAsAGroup_AndTheUpgradeMarksGroupsRecordedBeforeIt(DatabaseProvider provider)
    {
        // Whether a session was a group decides which EHCP provision it counts towards; it is kept on the session
        // (the delivered totals no longer count each session's members) and the upgrade worked it out for old records.
        var group = await SessionSchool.CreateAsync(provider, groupSize: 2);
        var single = await SessionSchool.CreateAsync(provider);
        var therapist = await group.School.SignInAsync(Role.Therapist);
        var both = new { members = group.Pupils.Select(p => new { pupilId = p.ToString(), attendance = "Attended", engagement = (int?)3 }).ToArray() };
        (await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{(await group.OccurrenceAsync(0)).Id}/record", both)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await RecordAsync(single, 0, "Attended");
        var groupSession = await group.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync());
        var singleSession = await single.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync());
        groupSession.IsGroup.ShouldBeTrue();
        singleSession.IsGroup.ShouldBeFalse();

        // As the column was when the upgrade added it (false), then the upgrade's own statement; on these two sessions
        // only, as the database is shared with other tests.
        var migration = SchemaMigrator.Load(provider).Single(m => m.Name.Contains("session_is_group", StringComparison.Ordinal));
        var backfill = migration.Sql[migration.Sql.IndexOf("UPDATE", StringComparison.Ordinal)..].Trim().TrimEnd(';');
        string Literal(TherapySessionId id) => provider == DatabaseProvider.Sqlite ? $"'{id.Value.ToString().ToUpperInvariant()}'" : $"'{id.Value}'";
        var these = $" WHERE id IN ({Literal(groupSession.Id)}, {Literal(singleSession.Id)})";
        (await RawSql.ExecAsync(group.App.Database, (provider == DatabaseProvider.Postgres ? "UPDATE therapy_sessions SET is_group = false" : "UPDATE therapy_sessions SET is_group = 0") + these)).ShouldBe(2);
        (await group.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync())).IsGroup.ShouldBeFalse("the column as the upgrade added it");
        (await RawSql.ExecAsync(group.App.Database, backfill + these)).ShouldBe(2);
        (await group.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync())).IsGroup.ShouldBeTrue("two pupils were recorded in it");
        (await single.QueryAsync(db => db.TherapySessions.AsNoTracking().SingleAsync())).IsGroup.ShouldBeFalse("one pupil was recorded in it");
    }

    private static async Task RecordAsync(SessionSchool s, int week, string attendance) =>
        await s.RecordAsync(await s.School.SignInAsync(Role.Therapist), week, attendance);

    [Fact]
    public async Task AParentSeesTimesAndAttendance_APupilTheirNextSession_AndNeitherSeesEngagement()
    {
        var s = await SessionSchool.CreateAsync(DatabaseProvider.Sqlite);
        var therapist = await s.School.SignInAsync(Role.Therapist);
        var body = new { members = new[] { new { pupilId = s.School.PupilId.ToString(), attendance = "Attended", engagement = 4 } } };
        (await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{(await s.OccurrenceAsync(0)).Id}/record", body)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var parent = await s.School.SignInAsync(Role.ParentCarer);
        var child = await parent.GetPageAsync($"/my-children/{s.School.PupilId}/sessions");
        child.Status.ShouldBe(HttpStatusCode.OK);
        child.Title.ShouldBe($"Jamal {s.School.PupilLastName}'s sessions");
        child.Document.QuerySelector("#attendance")!.TextContent.ShouldContain("Attended");
        child.Document.QuerySelector("#upcoming")!.TextContent.ShouldContain("09:00–09:45");
        child.Text.ShouldNotContain("engaged", Case.Insensitive, "a parent never sees engagement");
        (await parent.GetAsync($"/my-children/{(await PupilFactory.AddAsync(s.App, s.School, 1))[0].Id}/sessions")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await parent.GetPageAsync("/my-children")).Html.ShouldContain($"/my-children/{s.School.PupilId}/sessions");

        var pupil = await s.School.SignInAsync(Role.Pupil);
        var mine = await pupil.GetPageAsync("/my-sessions");
        mine.Document.QuerySelector("#next")!.TextContent.ShouldContain("Your next session is on");
        mine.Document.QuerySelector("#came")!.TextContent.ShouldContain("Test Therapist");
        mine.Text.ShouldNotContain("engaged", Case.Insensitive);
        (await parent.GetAsync("/my-sessions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pupil.GetAsync("/sessions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
