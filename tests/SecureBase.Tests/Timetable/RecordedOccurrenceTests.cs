using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Sessions;
using SecureBase.Staff;
using SecureBase.Tests.Support;
using SecureBase.Timetable;

namespace SecureBase.Tests.Timetable;

/// <summary>A recorded session is history: a new timetable from that week neither deletes it nor puts a second session beside it.</summary>
public sealed class RecordedOccurrenceTests
{
    private static readonly DateOnly From = new(2027, 1, 11);

    [Theory, OnSqlite, OnPostgres]
    public async Task ANewTimetableFromAWeekWithARecordedSession_KeepsThatSessionAndItsRecord_AndMovesTheRest(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var room = await TimetableData.AddRoomAsync(app, school);
        var placed = await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], room, DayOfWeek.Wednesday, new TimeOnly(10, 0), new TimeOnly(10, 45), From);
        var held = new DateOnly(2027, 1, 13);

        await InSchoolAsync(app, school, async (db, _) =>
        {
            var occurrence = await db.SessionOccurrences.SingleAsync(o => o.Date == held);
            var episode = await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId);
            db.TherapySessions.Add(TherapySession.Record(school.Id, school.TherapistStaffId, Discipline.Counselling, SessionKind.Timetabled, occurrence.Id,
                held, occurrence.Start, 45, room, null, [new MemberRecording(school.PupilId, Attendance.Refused, null, null)],
                new SessionExpectation([new ExpectedPupil(school.PupilId, episode.Id, "Jamal", false)], held.AddDays(1), new TimeOnly(9, 0)),
                school[SecureBase.Identity.Role.Therapist].Id, app.Clock.GetUtcNow().UtcDateTime).Value);
            await db.SaveChangesAsync();
        });

        // The Head of Therapy moves the series to Thursdays from that same week.
        await InSchoolAsync(app, school, async (db, scope) =>
        {
            var planner = scope.ServiceProvider.GetRequiredService<OccurrencePlanner>();
            var current = await planner.LatestAsync();
            var moved = TimetableVersion.Accept(school.Id, current, From, [new PlacementDetails(placed.SessionId, DayOfWeek.Thursday, null, new TimeOnly(11, 0), new TimeOnly(11, 45), room)], null, app.Clock.GetUtcNow().UtcDateTime).Value;
            (await planner.ApplyAsync(moved, From)).ShouldBeGreaterThan(4);
        });

        await InSchoolAsync(app, school, async (db, _) =>
        {
            var weekOfTheRecord = await db.SessionOccurrences.Where(o => o.Date >= From && o.Date < From.AddDays(7)).ToListAsync();
            weekOfTheRecord.ShouldHaveSingleItem("the held session is that week's; no Thursday session is added beside it").Date.ShouldBe(held);
            (await db.TherapySessions.SingleAsync()).OccurrenceId.ShouldBe(weekOfTheRecord[0].Id);
            (await db.SessionOccurrences.Where(o => o.Date > From.AddDays(7)).Select(o => o.Date.DayOfWeek).Distinct().ToListAsync()).ShouldBe([DayOfWeek.Thursday]);
        });
    }

    private static async Task InSchoolAsync(TestApp app, TestSchool school, Func<SecureBaseDb, AsyncServiceScope, Task> work)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        await work(scope.ServiceProvider.GetRequiredService<SecureBaseDb>(), scope);
    }
}
