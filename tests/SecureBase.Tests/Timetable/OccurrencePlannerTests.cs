using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Tests.Support;
using SecureBase.Timetable;
using static SecureBase.Tests.Schools.CalendarTestData;

namespace SecureBase.Tests.Timetable;

/// <summary>
/// Each week's session is its own row, made for the school weeks of the calendar, so that one week can be moved
/// or cancelled alone and a later change to the series never loses it.
/// </summary>
public sealed class OccurrencePlannerTests
{
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly NineFortyFive = new(9, 45);

    [Theory, OnSqlite, OnPostgres]
    public async Task AWeeklySession_MeetsOnEverySchoolDayOfItsWeekday_SkippingHalfTermAndClosures(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var room = await TimetableData.AddRoomAsync(app, school);
        // Tuesdays from 1 September 2026 (an INSET day) to the end of Autumn 1, then Autumn 2 after the half term.
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], room, DayOfWeek.Tuesday, Nine, NineFortyFive, D(2026, 9, 1));

        var dates = await ReadAsync(app, school, D(2026, 9, 1), D(2026, 11, 10));
        dates.Select(o => o.Date).ShouldNotContain(D(2026, 9, 1), "the INSET day is a closure day");
        dates.Select(o => o.Date).ShouldNotContain(D(2026, 10, 27), "the October half term is a holiday");
        dates.First().Date.ShouldBe(D(2026, 9, 8));
        dates.Select(o => o.Date).ShouldContain(D(2026, 11, 3));
        dates.ShouldAllBe(o => o.Date.DayOfWeek == DayOfWeek.Tuesday && o.Start == Nine && o.End == NineFortyFive && o.RoomId == room);
        dates.Count.ShouldBe(7 + 2, "seven Tuesdays in Autumn 1 after the INSET day, two in Autumn 2 up to 10 November");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task OneWeekMovedByHand_SurvivesANewTimetableFromAnEarlierDate_AndTheOtherWeeksFollowTheNewTimetable(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var room = await TimetableData.AddRoomAsync(app, school);
        var other = await TimetableData.AddRoomAsync(app, school);
        var placed = await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], room, DayOfWeek.Tuesday, Nine, NineFortyFive, D(2026, 11, 2));

        // The week of 16 November moves to Thursday in the other room, and the week of 23 November is cancelled.
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var moved = await db.SessionOccurrences.SingleAsync(o => o.OriginalDate == D(2026, 11, 17));
            moved.MoveTo(D(2026, 11, 19), new TimeOnly(13, 0), new TimeOnly(13, 45), other).IsSuccess.ShouldBeTrue();
            var cancelled = await db.SessionOccurrences.SingleAsync(o => o.OriginalDate == D(2026, 11, 24));
            cancelled.Cancel("Pupil on a school trip").IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();

            // The series moves to Wednesdays from 9 November.
            var planner = scope.ServiceProvider.GetRequiredService<OccurrencePlanner>();
            var current = await planner.LatestAsync();
            var next = TimetableVersion.Accept(school.Id, current, D(2026, 11, 9), [new PlacementDetails(placed.SessionId, DayOfWeek.Wednesday, null, Nine, NineFortyFive, room)], null, app.Clock.GetUtcNow().UtcDateTime).Value;
            await planner.ApplyAsync(next, D(2026, 11, 9));
        }

        var all = await ReadAsync(app, school, D(2026, 11, 2), D(2026, 12, 4), includeCancelled: true);
        all.Single(o => o.OriginalDate == D(2026, 11, 17)).ShouldSatisfyAllConditions(
            o => o.Date.ShouldBe(D(2026, 11, 19)),
            o => o.Start.ShouldBe(new TimeOnly(13, 0)),
            o => o.RoomId.ShouldBe(other),
            o => o.Status.ShouldBe(OccurrenceStatus.Moved));
        all.Single(o => o.OriginalDate == D(2026, 11, 24)).Status.ShouldBe(OccurrenceStatus.Cancelled);
        all.Count(o => o.Date >= D(2026, 11, 16) && o.Date <= D(2026, 11, 29)).ShouldBe(2, "the two changed weeks get no second session");
        all.Where(o => o.Status == OccurrenceStatus.Planned).Select(o => o.Date).ShouldBe([D(2026, 11, 3), D(2026, 11, 11), D(2026, 12, 2)]);
    }

    [Theory, OnSqlite]
    public async Task AMoveOutsideTheWeek_OrEndingBeforeItStarts_IsRefused_AndTheSessionStaysWhereItWas(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var room = await TimetableData.AddRoomAsync(app, school);
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], room, DayOfWeek.Tuesday, Nine, NineFortyFive, D(2026, 11, 2));
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var o = await db.SessionOccurrences.SingleAsync(x => x.OriginalDate == D(2026, 11, 17));

        o.MoveTo(D(2026, 11, 24), Nine, NineFortyFive, room).Error!.Message.ShouldBe("A session can be moved to another day of the same week only");
        o.MoveTo(D(2026, 11, 18), NineFortyFive, Nine, room).Error!.Message.ShouldBe("The session ends (09:00) before it starts (09:45)");
        o.Cancel("  ").Error!.Message.ShouldBe("Say why the session is cancelled");
        o.Date.ShouldBe(D(2026, 11, 17));
        o.Status.ShouldBe(OccurrenceStatus.Planned);
        o.IsException.ShouldBeFalse();
    }

    [Theory, OnSqlite]
    public async Task ADisplacement_ReadsWhatHappenedFromWhereTheSessionWent(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var room = await TimetableData.AddRoomAsync(app, school);
        var other = await TimetableData.AddRoomAsync(app, school);
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], room, DayOfWeek.Tuesday, Nine, NineFortyFive, D(2026, 11, 2));
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var occurrences = await db.SessionOccurrences.OrderBy(o => o.Date).Take(3).ToListAsync();

        var stillThere = Displacement.Record(occurrences[0], DisplacementCause.Exam, 20, school[SecureBase.Identity.Role.EducationStaff].Id, null, now);
        stillThere.Resolve(occurrences[0], now).Error!.Message.ShouldBe("The session is still in the room that was taken: move it or cancel it first.");
        occurrences[0].MoveTo(occurrences[0].Date, Nine, NineFortyFive, other);
        stillThere.Resolve(occurrences[0], now).IsSuccess.ShouldBeTrue();
        stillThere.Outcome.ShouldBe(DisplacementOutcome.MovedRoom);
        stillThere.MovedToRoom.ShouldBe(other);
        stillThere.Resolve(occurrences[0], now).Error.ShouldBeOfType<Error.Conflict>();

        var later = Displacement.Record(occurrences[1], DisplacementCause.Meeting, 2, school[SecureBase.Identity.Role.EducationStaff].Id, null, now);
        occurrences[1].MoveTo(occurrences[1].Date.AddDays(2), new TimeOnly(14, 0), new TimeOnly(14, 45), room);
        later.Resolve(occurrences[1], now).IsSuccess.ShouldBeTrue();
        later.Outcome.ShouldBe(DisplacementOutcome.MovedTime);
        later.RoomId.ShouldBe(room, "the record keeps the room that was taken");

        var abandoned = Displacement.Record(occurrences[2], DisplacementCause.Maintenance, 0, school[SecureBase.Identity.Role.EducationStaff].Id, null, now);
        occurrences[2].Cancel("No room free");
        abandoned.Resolve(occurrences[2], now).IsSuccess.ShouldBeTrue();
        abandoned.Outcome.ShouldBe(DisplacementOutcome.Abandoned);
        abandoned.MovedToRoom.ShouldBeNull();
    }

    private static async Task<IReadOnlyList<OccurrenceView>> ReadAsync(TestApp app, TestSchool school, DateOnly from, DateOnly to, bool includeCancelled = false)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<TimetableWeek>().BetweenAsync(from, to, new OccurrenceFilter(IncludeCancelled: includeCancelled));
    }
}
