using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;
using SecureBase.Tests.Support;
using SecureBase.Timetable;

namespace SecureBase.Tests.Timetable;

/// <summary>
/// An episode that ends gives its weekly slot back: the timetable handles the episode's
/// <see cref="EpisodeEnded"/> event in the same save as the discharge, so nobody has to remember to.
/// </summary>
public sealed class EpisodeEndedTests
{
    private static readonly DateOnly From = new(2027, 1, 11);

    [Theory, OnSqlite, OnPostgres]
    public async Task EndingAnEpisode_EndsItsOneToOneSession_AndRemovesLaterWeeks_KeepingEarlierOnes(DatabaseProvider provider)
    {
        await using var app = await OnItsDayAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var room = await TimetableData.AddRoomAsync(app, school);
        var sessionId = await PlaceAsync(app, school, room, [(school.PupilId, school.EpisodeId)]);
        var endsOn = new DateOnly(2027, 2, 3);

        await ChangeAsync(app, school, async db =>
            (await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId)).Close(endsOn, DischargeReason.NaturalEndPoint, "Goals met").IsSuccess.ShouldBeTrue());

        await ChangeAsync(app, school, async db =>
        {
            (await db.WeeklySessions.SingleAsync(s => s.Id == sessionId)).EndedOn.ShouldBe(endsOn);
            var dates = await db.SessionOccurrences.Where(o => o.SessionId == sessionId).Select(o => o.Date).ToListAsync();
            dates.ShouldNotBeEmpty("the weeks before the discharge stay on the record");
            dates.ShouldAllBe(d => d <= endsOn, "no session is left on the timetable after the episode ended");
        });
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EndingOneMembersEpisode_LeavesTheGroupRunning_WithoutThem(DatabaseProvider provider)
    {
        await using var app = await OnItsDayAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var room = await TimetableData.AddRoomAsync(app, school);
        var friend = (await PupilFactory.AddAsync(app, school, 1))[0];
        var friendsEpisode = EpisodeId.New();
        await ChangeAsync(app, school, db =>
        {
            var e = Episode.Import(school.Id, friend.Id, school.TherapistStaffId, Discipline.Counselling, From.AddDays(-20));
            friendsEpisode = e.Id;
            db.Episodes.Add(e);
            return Task.CompletedTask;
        });
        var sessionId = await PlaceAsync(app, school, room, [(school.PupilId, school.EpisodeId), (friend.Id, friendsEpisode)]);
        var before = await CountAsync(app, school, sessionId);

        await ChangeAsync(app, school, async db =>
            (await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId)).Close(new DateOnly(2027, 2, 3), DischargeReason.NoLongerNeeded).IsSuccess.ShouldBeTrue());

        await ChangeAsync(app, school, async db =>
        {
            var group = await db.WeeklySessions.SingleAsync(s => s.Id == sessionId);
            group.EndedOn.ShouldBeNull();
            group.Pupils.ShouldHaveSingleItem().PupilId.ShouldBe(friend.Id);
        });
        (await CountAsync(app, school, sessionId)).ShouldBe(before, "the group still meets every week");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ADischargeThatFailsToSave_ReleasesNothing(DatabaseProvider provider)
    {
        await using var app = await OnItsDayAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var room = await TimetableData.AddRoomAsync(app, school);
        var sessionId = await PlaceAsync(app, school, room, [(school.PupilId, school.EpisodeId)]);
        var before = await CountAsync(app, school, sessionId);

        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            (await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId)).Close(new DateOnly(2027, 2, 3), DischargeReason.NaturalEndPoint).IsSuccess.ShouldBeTrue();
            // Something else in the same save breaks a rule of the database: the whole save, discharge and release, is refused.
            db.Rooms.Add(SecureBase.Rooms.Room.Create(school.Id, SiteId.New(), "Nowhere", SecureBase.Rooms.RoomKind.Other, [], [], false));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await ChangeAsync(app, school, async db =>
        {
            (await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId)).Status.ShouldBe(EpisodeStatus.Open);
            (await db.WeeklySessions.SingleAsync(s => s.Id == sessionId)).EndedOn.ShouldBeNull();
        });
        (await CountAsync(app, school, sessionId)).ShouldBe(before);
    }

    /// <summary>
    /// An app of its own whose today is 6 January 2027: the test's dates (sessions from 11 January, a discharge on
    /// 3 February) are in the future and after the test pupil's episode began, whatever day the suite runs on.
    /// </summary>
    private static async Task<TestApp> OnItsDayAsync(DatabaseProvider provider)
    {
        var app = await TestApp.StartAsync(provider);
        app.Clock.MoveTo(new DateTimeOffset(2027, 1, 6, 12, 0, 0, TimeSpan.Zero));
        return app;
    }

    private static async Task<WeeklySessionId> PlaceAsync(TestApp app, TestSchool school, RoomId room, IReadOnlyList<(PupilId Pupil, EpisodeId Episode)> pupils)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var session = WeeklySession.ForEpisode(school.Id, school.SiteId, school.TherapistStaffId, Discipline.Counselling, pupils[0].Pupil, pupils[0].Episode, []);
        foreach (var (pupil, episode) in pupils.Skip(1))
        {
            session.AddPupil(pupil, episode, school.SiteId).IsSuccess.ShouldBeTrue();
        }

        db.WeeklySessions.Add(session);
        await db.SaveChangesAsync();
        var version = TimetableVersion.Accept(school.Id, null, From, [new PlacementDetails(session.Id, DayOfWeek.Wednesday, null, new TimeOnly(10, 0), new TimeOnly(10, 45), room)], null, app.Clock.GetUtcNow().UtcDateTime).Value;
        (await scope.ServiceProvider.GetRequiredService<OccurrencePlanner>().ApplyAsync(version, From)).ShouldBeGreaterThan(4);
        return session.Id;
    }

    private static async Task<int> CountAsync(TestApp app, TestSchool school, WeeklySessionId session)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().SessionOccurrences.CountAsync(o => o.SessionId == session);
    }

    private static async Task ChangeAsync(TestApp app, TestSchool school, Func<SecureBaseDb, Task> change)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        await change(db);
        await db.SaveChangesAsync();
    }
}
