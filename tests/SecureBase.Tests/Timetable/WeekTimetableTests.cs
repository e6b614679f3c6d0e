using System.Net;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Tests.Support;
using SecureBase.Timetable;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Timetable;

/// <summary>The week's sessions by room and practitioner, and the Head of Therapy's hand adjustments.</summary>
public sealed class WeekTimetableTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheWeek_ShowsSessionsByRoomAndPractitioner_NamingPupilsOnlyToThoseWhoSeeTheCaseload(DatabaseProvider provider)
    {
        var (app, school, monday) = await ProposeTimetableTests.SchoolReadyToPlanAsync(provider);
        var room = await TimetableData.AddRoomAsync(app, school, "Willow room");
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], room, DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(9, 45), monday);
        var pupil = await QueryAsync(app, school, db => db.Pupils.AsNoTracking().SingleAsync(p => p.Id == school.PupilId));
        var week = $"/timetable?week={monday.AddDays(2):yyyy-MM-dd}";

        var hot = await (await school.SignInAsync(Role.HeadOfTherapy)).GetPageAsync(week);
        hot.Title.ShouldBe($"Sessions in the week beginning {SchoolDates.Long(monday)}");
        var byRoom = hot.Document.QuerySelector("table.by-room")!;
        byRoom.QuerySelector("caption")!.TextContent.ShouldBe("Willow room");
        byRoom.TextContent.ShouldContain("09:00–09:45");
        byRoom.TextContent.ShouldContain(pupil.DisplayName);
        hot.Document.QuerySelector("table.by-practitioner a[href^='/timetable/adjust?occurrence=']").ShouldNotBeNull();

        var sendco = await (await school.SignInAsync(Role.Sendco)).GetPageAsync(week);
        sendco.Document.QuerySelector("table.by-room")!.TextContent.ShouldContain("09:00–09:45");
        sendco.Html.ShouldNotContain(pupil.LastName, Case.Sensitive, "the SENDCo does not see the caseload");
        sendco.Html.ShouldNotContain("/timetable/adjust", Case.Sensitive);

        var therapist = await (await school.SignInAsync(Role.Therapist)).GetPageAsync(week);
        therapist.Document.QuerySelector("table.by-room")!.TextContent.ShouldContain(pupil.DisplayName, Case.Sensitive, "a practitioner sees who their own sessions are with");
        var assistant = await (await school.SignInAsync(Role.TherapyAssistant)).GetPageAsync(week);
        assistant.Document.QuerySelector("#no-sessions").ShouldNotBeNull("a therapy assistant sees only the sessions they deliver");
        (await (await school.SignInAsync(Role.EducationStaff)).GetAsync(week)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var bad = await (await school.SignInAsync(Role.HeadOfTherapy)).GetPageAsync("/timetable?week=next-tuesday");
        bad.Status.ShouldBe(HttpStatusCode.OK);
        bad.Errors.ShouldContain(e => e.Contains("is not a date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMove_IsRefusedWithTheRuleThatBlocksIt_AndASeriesChangeKeepsTheSessionsChangedByHand()
    {
        var (app, school, monday) = await ProposeTimetableTests.SchoolReadyToPlanAsync(DatabaseProvider.Sqlite);
        var willow = await TimetableData.AddRoomAsync(app, school, "Willow room");
        var oak = await TimetableData.AddRoomAsync(app, school, "Oak room");
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], willow, DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(9, 45), monday);
        var period2 = await QueryAsync(app, school, db => db.LessonPeriods.Where(p => p.Name == "Period 2").Select(p => p.Id).SingleAsync());
        await ProposeTimetableTests.ProtectAsync(app, school, school.PupilId, DayOfWeek.Monday, period2, "Maths");
        var occurrences = await QueryAsync(app, school, db => db.SessionOccurrences.AsNoTracking().OrderBy(o => o.Date).ToListAsync());
        var (first, second, third) = (occurrences[0], occurrences[1], occurrences[2]);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);

        async Task<HttpResponseMessage> MoveAsync(Guid occurrence, DateOnly date, LessonPeriodId period, RoomId room, string apply) =>
            await hot.SubmitAsync($"/timetable/adjust?occurrence={occurrence}", [Form.Field("Date", date.ToString("yyyy-MM-dd", SchoolDates.English)), Form.Field("Period", period.ToString()), Form.Field("Room", room.ToString()), Form.Field("Apply", apply)], "#move");

        var protectedLesson = await TestClient.ReadAsync(await MoveAsync(first.Id.Value, first.Date, period2, willow, "one"));
        protectedLesson.Errors.ShouldContain(e => e.Contains("Protected lesson:", StringComparison.Ordinal) && e.Contains("Maths", StringComparison.Ordinal));
        var notWorking = await TestClient.ReadAsync(await MoveAsync(first.Id.Value, first.Date.AddDays(1), school.Calendar.PeriodId, willow, "one"));
        notWorking.Errors.ShouldContain(e => e.Contains("Practitioner available:", StringComparison.Ordinal));
        (await QueryAsync(app, school, db => db.SessionOccurrences.AsNoTracking().SingleAsync(o => o.Id == first.Id))).IsException.ShouldBeFalse("a refused move changes nothing");

        // By hand: the second week's session goes to the Oak room.
        (await MoveAsync(second.Id.Value, second.Date, school.Calendar.PeriodId, oak, "one")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The series from the first week moves to Period 2 (the protection is lifted first): the second week's hand change stays.
        await QueryAsync(app, school, db => db.SubjectMarks.ExecuteDeleteAsync());
        (await MoveAsync(first.Id.Value, first.Date, period2, willow, "series")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await QueryAsync(app, school, db => db.SessionOccurrences.AsNoTracking().ToListAsync());
        after.Single(o => o.OriginalDate == second.OriginalDate).RoomId.ShouldBe(oak, "the session changed by hand is an exception and keeps its room");
        after.Single(o => o.OriginalDate == second.OriginalDate).Start.ShouldBe(new TimeOnly(9, 0));
        after.Single(o => o.OriginalDate == third.OriginalDate).Start.ShouldBe(new TimeOnly(10, 0), "the rest of the series moved to Period 2");

        var cancelPage = $"/timetable/adjust?occurrence={after.Single(o => o.OriginalDate == third.OriginalDate).Id}";
        (await TestClient.ReadAsync(await hot.SubmitAsync(cancelPage, [Form.Field("Reason", "")], "#cancel"))).Errors.ShouldContain(e => e.Contains("Say why the session is cancelled", StringComparison.Ordinal));
        (await hot.SubmitAsync(cancelPage, [Form.Field("Reason", "School trip")], "#cancel")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await QueryAsync(app, school, db => db.SessionOccurrences.AsNoTracking().SingleAsync(o => o.OriginalDate == third.OriginalDate))).Status.ShouldBe(OccurrenceStatus.Cancelled);

        var otherSchool = await TestSchool.CreateAsync(app);
        var stranger = await otherSchool.SignInAsync(Role.HeadOfTherapy);
        (await stranger.GetAsync($"/timetable/adjust?occurrence={first.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AMove_ThatWouldPutAPractitionerAtTwoSitesInADay_IsRefusedNamingTheRule_UntilTheirOtherSessionIsCancelled(DatabaseProvider provider)
    {
        var (app, school, monday) = await ProposeTimetableTests.SchoolReadyToPlanAsync(provider);
        var willow = await TimetableData.AddRoomAsync(app, school, "Willow room");
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], willow, DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(9, 45), monday);
        var juniper = SiteId.New();
        var (annexeRoom, annexeSession) = await QueryAsync(app, school, async db =>
        {
            var site = Site.Create(school.Id, "Juniper annexe");
            juniper = site.Id;
            db.Sites.Add(site);
            var room = SecureBase.Rooms.Room.Create(school.Id, site.Id, "Annexe quiet room", SecureBase.Rooms.RoomKind.DedicatedTherapy, [], [], false);
            db.Rooms.Add(room);
            var pupil = (await db.Pupils.FirstAsync()).Id;
            var session = WeeklySession.ForEpisode(school.Id, site.Id, school.TherapistStaffId, SecureBase.Staff.Discipline.Counselling, pupil, EpisodeId.New(), []);
            db.WeeklySessions.Add(session);
            await db.SaveChangesAsync();
            return (room.Id, session.Id);
        });

        async Task<string?> CheckAsync() => await QueryAsync(app, school, async db =>
        {
            var rules = new PlacementRules(db, []);
            var session = await db.WeeklySessions.AsNoTracking().SingleAsync(s => s.Id == annexeSession);
            return await rules.CheckAsync(session, monday, new TimeOnly(10, 0), new TimeOnly(10, 45), annexeRoom, null);
        });

        var refused = await CheckAsync();
        refused.ShouldNotBeNull();
        refused.ShouldStartWith("One site a day:");
        refused.ShouldContain("Main site");

        await QueryAsync(app, school, async db =>
        {
            (await db.SessionOccurrences.SingleAsync(o => o.Date == monday)).Cancel("Training day").IsSuccess.ShouldBeTrue();
            return await db.SaveChangesAsync();
        });
        (await CheckAsync()).ShouldBeNull("with the Main site session cancelled that Monday, the annexe is the only site that day");
    }
}
