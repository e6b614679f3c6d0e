using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Sessions;
using SecureBase.Staff;
using SecureBase.Tests.Support;
using SecureBase.Timetable;
using static SecureBase.Tests.Schools.CalendarTestData;

namespace SecureBase.Tests.Sessions;

/// <summary>
/// The 6-week rule end to end, through the save that records each week's session: warnings at 3 weeks
/// (once), the MDT agenda, absences and cancellations that do not reset, the release at 6 weeks, and
/// the re-referral linked to the episode that closed.
/// </summary>
public sealed class DisengagementRuleTests
{
    private sealed record Setup(TestApp App, TestSchool School, EpisodeId EpisodeId, WeeklySessionId SessionId);

    /// <summary>The school's pupil in art therapy since September, referred by the teacher, in a weekly Tuesday session.</summary>
    private static async Task<Setup> ArrangeAsync(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var episode = Episode.Import(school.Id, school.PupilId, school.TherapistStaffId, Discipline.ArtTherapy, D(2026, 9, 7), school.ReferralId);
        db.Episodes.Add(episode);
        // The teacher is the tutor of 7A (the pupil's group, written differently); nobody else is pastoral.
        var teacher = await db.StaffMembers.SingleAsync(s => s.UserId == school[Role.EducationStaff].Id);
        teacher.SetTutorGroup("7a ");
        var session = WeeklySession.ForEpisode(school.Id, school.SiteId, school.TherapistStaffId, Discipline.ArtTherapy, school.PupilId, episode.Id, []);
        db.WeeklySessions.Add(session);
        await db.SaveChangesAsync();
        var version = TimetableVersion.Accept(school.Id, null, D(2026, 9, 7),
            [new PlacementDetails(session.Id, DayOfWeek.Tuesday, null, new TimeOnly(10, 0), new TimeOnly(10, 45), school.RoomId)], null, app.Clock.GetUtcNow().UtcDateTime).Value;
        await scope.ServiceProvider.GetRequiredService<OccurrencePlanner>().ApplyAsync(version, D(2026, 9, 7));
        return new Setup(app, school, episode.Id, session.Id);
    }

    /// <summary>Records that week's Tuesday session as the therapist would, in one save.</summary>
    private static async Task RecordAsync(Setup s, DateOnly tuesday, Attendance attendance)
    {
        await using var scope = s.App.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(s.School.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var occurrence = await db.SessionOccurrences.SingleAsync(o => o.SessionId == s.SessionId && o.Date == tuesday);
        var now = s.App.Clock.GetUtcNow().UtcDateTime;
        var expected = new SessionExpectation([new ExpectedPupil(s.School.PupilId, s.EpisodeId, "Jamal", true)], SchoolTime.London.Today(s.App.Clock), new TimeOnly(23, 59));
        var recorded = TherapySession.Record(s.School.Id, s.School.TherapistStaffId, Discipline.ArtTherapy, SessionKind.Timetabled, occurrence.Id,
            occurrence.Date, occurrence.Start, 45, occurrence.RoomId, null,
            [new MemberRecording(s.School.PupilId, attendance, attendance == Attendance.Attended ? Engagement.Mostly : null, null)], expected, s.School[Role.Therapist].Id, now);
        db.TherapySessions.Add(recorded.Value);
        await db.SaveChangesAsync();
    }

    private static Task<T> QueryAsync<T>(Setup s, Func<SecureBaseDb, Task<T>> query) => Imports.ImportFiles.QueryAsync(s.App, s.School, query);

    private static Task<List<SecureBase.Notifications.Notification>> ToldAsync(Setup s, Role role) =>
        QueryAsync(s, db => db.Notifications.AsNoTracking().Where(n => n.UserId == s.School[role].Id && n.DedupeKey.StartsWith("disengagement")).ToListAsync());

    [Theory, OnSqlite, OnPostgres]
    public async Task ThreeRefusedWeeks_TellTheTherapistTutorAndParentOnce_PutThePupilOnTheMdtAgenda_AndSixCloseTheEpisodeAndReleaseTheSlot(DatabaseProvider provider)
    {
        var s = await ArrangeAsync(provider);
        await RecordAsync(s, D(2026, 9, 8), Attendance.Attended);
        await RecordAsync(s, D(2026, 9, 15), Attendance.Refused);
        await RecordAsync(s, D(2026, 9, 22), Attendance.Refused);
        await RecordAsync(s, D(2026, 9, 29), Attendance.PupilAbsent);
        (await ToldAsync(s, Role.Therapist)).ShouldBeEmpty("two weeks refused, and an absence that does not count");

        await RecordAsync(s, D(2026, 10, 6), Attendance.Refused);
        var therapist = (await ToldAsync(s, Role.Therapist)).ShouldHaveSingleItem();
        therapist.Title.ShouldContain("refused 3 weeks in a row");
        therapist.Body.ShouldContain("art therapy");
        var tutor = (await ToldAsync(s, Role.EducationStaff)).ShouldHaveSingleItem();
        var parent = (await ToldAsync(s, Role.ParentCarer)).ShouldHaveSingleItem();
        tutor.Body.ShouldContain("not come to their sessions with the therapy team for 3 weeks");
        parent.Body.ShouldContain("not wanted to come to their therapy sessions for the last 3 weeks");
        foreach (var n in new[] { tutor, parent })
        {
            n.Body.ShouldNotContain("art therapy", Case.Insensitive, "which therapy is the therapist's to tell");
            n.Body.ShouldNotContain("refused", Case.Insensitive);
        }

        (await ToldAsync(s, Role.Sendco)).ShouldBeEmpty("only the pupil's tutor or pastoral lead is told");
        (await ToldAsync(s, Role.HeadOfTherapy)).ShouldBeEmpty();
        var agenda = await AgendaAsync(s);
        agenda.ShouldContain(i => i.Kind == AgendaItemKind.NearingDisengagement && i.PupilId == s.School.PupilId && i.Detail!.Contains("Refused 3 school weeks in a row", StringComparison.Ordinal));

        // What the therapist tried shows on the MDT item.
        var hot = await s.School.SignInAsync(Role.HeadOfTherapy);
        (await hot.Http.PostAsJsonAsync($"/api/v1/episodes/{s.EpisodeId}/engagement/strategies", new { triedOn = "2026-10-07", what = "Collected from the form room by the therapist" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await AgendaAsync(s)).Single(i => i.Kind == AgendaItemKind.NearingDisengagement).Detail!.ShouldContain("Collected from the form room by the therapist");

        // Cancellations and a displaced session do not reset; week 4 tells nobody again.
        await RecordAsync(s, D(2026, 10, 13), Attendance.CancelledBySchool);
        await RecordAsync(s, D(2026, 10, 20), Attendance.Refused);
        await RecordAsync(s, D(2026, 11, 3), Attendance.DisplacedFromRoom);
        await RecordAsync(s, D(2026, 11, 10), Attendance.CancelledByTherapist);
        await RecordAsync(s, D(2026, 11, 17), Attendance.Refused);
        (await ToldAsync(s, Role.Therapist)).Count.ShouldBe(1);
        (await ToldAsync(s, Role.EducationStaff)).Count.ShouldBe(1);
        (await ToldAsync(s, Role.ParentCarer)).Count.ShouldBe(1);
        (await QueryAsync(s, db => db.Episodes.AsNoTracking().SingleAsync(e => e.Id == s.EpisodeId))).RefusedWeeks.ShouldBe(5);

        await RecordAsync(s, D(2026, 11, 24), Attendance.Refused);
        var episode = await QueryAsync(s, db => db.Episodes.AsNoTracking().SingleAsync(e => e.Id == s.EpisodeId));
        var sunday = SchoolDates.MondayOf(SchoolTime.London.Today(s.App.Clock)).AddDays(6);
        (episode.Status, episode.DischargeReason, episode.EndDate).ShouldBe((EpisodeStatus.Closed, DischargeReason.Disengagement, sunday));
        (await QueryAsync(s, db => db.WeeklySessions.AsNoTracking().SingleAsync(w => w.Id == s.SessionId))).EndedOn.ShouldBe(sunday);
        (await QueryAsync(s, db => db.SessionOccurrences.CountAsync(o => o.SessionId == s.SessionId && o.Date > sunday))).ShouldBe(0, "the placement ends from the next school week");
        (await QueryAsync(s, db => db.SessionOccurrences.CountAsync(o => o.SessionId == s.SessionId && o.Date <= sunday))).ShouldBeGreaterThan(10, "the weeks already held stay");
        (await ToldAsync(s, Role.HeadOfTherapy)).ShouldHaveSingleItem().Title.ShouldContain("Closed for disengagement");
        // The teacher referred the pupil: they are told the place was released and how to refer again.
        (await ToldAsync(s, Role.EducationStaff)).ShouldContain(n => n.Title.StartsWith("Therapy ended", StringComparison.Ordinal) && n.Body.Contains("make a new referral", StringComparison.Ordinal));
        (await AgendaAsync(s)).ShouldNotContain(i => i.Kind == AgendaItemKind.NearingDisengagement, "a closed episode is not nearing anything");

        // A re-referral is linked to the episode that closed, and the referral shows it.
        var teacher = await s.School.SignInAsync(Role.EducationStaff);
        var referred = await teacher.Http.PostAsJsonAsync("/api/v1/referrals", new
        {
            pupilId = s.School.PupilId.Value,
            requestedDiscipline = "ArtTherapy",
            reasons = new[] { "EmotionalWellbeing" },
            details = "Asking for art therapy again: he says he is ready now.",
            consentGiven = true,
            submissionKey = Guid.NewGuid(),
        });
        referred.StatusCode.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.Accepted], await referred.Content.ReadAsStringAsync());
        var again = await QueryAsync(s, db => db.Referrals.AsNoTracking().Where(r => r.PreviousEpisodeId == s.EpisodeId).ToListAsync());
        var rereferral = again.ShouldHaveSingleItem();
        (await hot.GetPageAsync($"/referrals/{rereferral.Id}")).Document.Body!.TextContent.ShouldContain("After disengagement from art therapy");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DoNotTellParents_KeepsTheParentsOut_AndTheHeadOfTherapysThresholdsApply(DatabaseProvider provider)
    {
        var s = await ArrangeAsync(provider);
        var hot = await s.School.SignInAsync(Role.HeadOfTherapy);
        var nonsense = await hot.Http.PutAsJsonAsync("/api/v1/settings/engagement", new { warnAfterWeeks = 4, releaseAfterWeeks = 4 });
        nonsense.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nonsense.Content.ReadAsStringAsync()).ShouldContain("The warning must come before the slot is released");
        (await hot.Http.PutAsJsonAsync("/api/v1/settings/engagement", new { warnAfterWeeks = 2, releaseAfterWeeks = 4 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hot.Http.PutAsJsonAsync($"/api/v1/episodes/{s.EpisodeId}/engagement/parents", new { doNotTellParents = true })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await RecordAsync(s, D(2026, 9, 8), Attendance.Refused);
        await RecordAsync(s, D(2026, 9, 15), Attendance.Refused);
        (await ToldAsync(s, Role.Therapist)).ShouldHaveSingleItem().Title.ShouldContain("refused 2 weeks in a row");
        (await ToldAsync(s, Role.ParentCarer)).ShouldBeEmpty("the practitioner marked the episode: do not tell parents");
        var view = (await hot.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/episodes/{s.EpisodeId}/engagement"));
        (view.GetProperty("refusedWeeks").GetInt32(), view.GetProperty("warnAfterWeeks").GetInt32(), view.GetProperty("releaseAfterWeeks").GetInt32(), view.GetProperty("doNotTellParents").GetBoolean())
            .ShouldBe((2, 2, 4, true));

        await RecordAsync(s, D(2026, 9, 22), Attendance.Attended);
        (await QueryAsync(s, db => db.Episodes.AsNoTracking().SingleAsync(e => e.Id == s.EpisodeId))).RefusedWeeks.ShouldBe(0, "a week attended resets the count");
        (await hot.GetPageAsync("/settings/engagement")).Document.QuerySelector("#Input_WarnAfterWeeks")!.GetAttribute("value").ShouldBe("2");
    }

    private static async Task<IReadOnlyList<MdtAgendaItem>> AgendaAsync(Setup s)
    {
        await using var scope = s.App.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(s.School.Id);
        var sources = scope.ServiceProvider.GetServices<IMdtAgendaSource>();
        var items = new List<MdtAgendaItem>();
        foreach (var source in sources)
        {
            items.AddRange(await source.ItemsAsync(SchoolTime.London.Today(s.App.Clock), default));
        }

        return items;
    }
}
