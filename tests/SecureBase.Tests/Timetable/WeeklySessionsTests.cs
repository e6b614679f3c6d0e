using System.Net;
using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Rooms;
using SecureBase.Staff;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Timetable;

/// <summary>Each open episode's weekly session, and the Head of Therapy's changes to it.</summary>
public sealed class WeeklySessionsTests
{
    [Fact]
    public async Task OpenEpisodes_GetA45Minute1to1_WhoseLengthAndRoomNeedsCanChange_AndPupilsCanBeGrouped()
    {
        var (app, school, monday) = await ProposeTimetableTests.SchoolReadyToPlanAsync(DatabaseProvider.Sqlite);
        var other = (await PupilFactory.AddAsync(app, school, 1))[0];
        await QueryAsync(app, school, async db =>
        {
            db.Episodes.Add(Episode.Import(school.Id, other.Id, school.TherapistStaffId, Discipline.Counselling, monday.AddDays(-10)));
            return await db.SaveChangesAsync();
        });
        var hot = await school.SignInAsync(Role.HeadOfTherapy);

        (await hot.GetPageAsync("/timetable/sessions")).Document.QuerySelector("#create")!.TextContent.ShouldContain("2 open episodes have no weekly session yet");
        (await hot.SubmitAsync("/timetable/sessions", [], "#create")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sessions = await QueryAsync(app, school, db => db.WeeklySessions.AsNoTracking().ToListAsync());
        sessions.Count.ShouldBe(2);
        sessions.ShouldAllBe(s => s.Minutes == 45 && !s.IsGroup && s.StaffId == school.TherapistStaffId);
        (await hot.GetPageAsync("/timetable/sessions")).Document.QuerySelector("#create").ShouldBeNull("every open episode has its session now");

        var first = sessions.Single(s => s.Pupils[0].PupilId == school.PupilId);
        var token = await hot.TokenFromAsync("/timetable/sessions");
        var tooShort = await TestClient.ReadAsync(await hot.PostFormAsync("/timetable/sessions?handler=Change",
            [Form.Field("__RequestVerificationToken", token), Form.Field("SessionId", first.Id.ToString()), Form.Field("Minutes", "5")]));
        tooShort.Errors.ShouldContain(e => e.Contains("between 15 and 120 minutes", StringComparison.Ordinal));
        (await hot.PostFormAsync("/timetable/sessions?handler=Change",
            [Form.Field("__RequestVerificationToken", token), Form.Field("SessionId", first.Id.ToString()), Form.Field("Minutes", "30"), Form.Field("Features", "SandTray")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var changed = await QueryAsync(app, school, db => db.WeeklySessions.AsNoTracking().SingleAsync(s => s.Id == first.Id));
        (changed.Minutes, changed.RequiredFeatures.Single()).ShouldBe((30, RoomFeature.SandTray));

        var second = sessions.Single(s => s.Id != first.Id);
        (await hot.PostFormAsync("/timetable/sessions?handler=Group",
            [Form.Field("__RequestVerificationToken", token), Form.Field("SessionId", first.Id.ToString()), Form.Field("JoinId", second.Id.ToString())]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var group = await QueryAsync(app, school, db => db.WeeklySessions.AsNoTracking().SingleAsync(s => s.Id == first.Id));
        group.Pupils.Select(p => p.PupilId.Value).Order().ShouldBe(new[] { school.PupilId.Value, other.Id.Value }.Order());
        (await QueryAsync(app, school, db => db.WeeklySessions.AsNoTracking().SingleAsync(s => s.Id == second.Id))).EndedOn.ShouldNotBeNull();
        (await QueryAsync(app, school, db => db.Episodes.AsNoTracking().CountAsync(e => e.Status == EpisodeStatus.Open))).ShouldBe(2, "grouping changes the sessions, not the episodes");
    }
}
