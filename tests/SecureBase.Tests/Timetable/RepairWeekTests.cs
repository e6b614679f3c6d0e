using System.Net;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;
using SecureBase.Timetable;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Timetable;

/// <summary>After a room is taken, the repair moves the displaced session and nothing else, and records what happened.</summary>
public sealed class RepairWeekTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ARoomTaken_IsRepairedByMovingOnlyTheDisplacedSession_AndTheDisplacementIsResolved(DatabaseProvider provider)
    {
        var (app, school, monday) = await ProposeTimetableTests.SchoolReadyToPlanAsync(provider);
        var willow = await TimetableData.AddRoomAsync(app, school, "Willow room");
        var oak = await TimetableData.AddRoomAsync(app, school, "Oak room");
        var other = (await PupilFactory.AddAsync(app, school, 1))[0];
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], willow, DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(9, 45), monday);
        // The other session is an ELSA's, so moving it would gain nothing (a practitioner's rooms in a day are not at stake).
        var elsa = await QueryAsync(app, school, async db =>
        {
            var staff = await db.StaffMembers.SingleAsync(s => s.Discipline == SecureBase.Staff.Discipline.Elsa);
            staff.SetWorkingPattern([new SecureBase.Staff.WorkingBlock(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(12, 0), school.SiteId)]).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
            return staff.Id;
        });
        await TimetableData.PlaceAsync(app, school, elsa, [other.Id], willow, DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(10, 45), monday, SecureBase.Staff.Discipline.Elsa);
        var displaced = await QueryAsync(app, school, async db =>
        {
            var o = await db.SessionOccurrences.SingleAsync(x => x.Date == monday && x.Start == new TimeOnly(9, 0));
            db.Displacements.Add(Displacement.Record(o, DisplacementCause.Meeting, 20, school[Role.EducationStaff].Id, null, app.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
            return o;
        });
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var url = $"/timetable/repair?week={monday:yyyy-MM-dd}";

        var list = await hot.GetPageAsync(url);
        var affected = list.Document.QuerySelectorAll("#affected tbody tr").ToList();
        affected.Count.ShouldBe(1);
        affected[0].TextContent.ShouldContain("Its room was taken");

        var proposal = await hot.SubmitAndReadAsync(url, [], "#propose");
        proposal.Document.QuerySelector("#summary")!.TextContent.ShouldContain("1 of 2 sessions stay where they are", Case.Sensitive, proposal.Text);
        var moves = proposal.Document.QuerySelectorAll("#moves tbody tr").ToList();
        moves.Count.ShouldBe(1);
        moves[0].TextContent.ShouldContain("09:00–09:45 in Oak room");
        (await QueryAsync(app, school, db => db.SessionOccurrences.AsNoTracking().SingleAsync(o => o.Id == displaced.Id))).RoomId.ShouldBe(willow, "nothing moves before the Head of Therapy applies it");

        var fields = proposal.Document.QuerySelectorAll("#apply input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .Select(i => Form.Field(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        var token = await hot.TokenFromAsync(url);
        (await hot.PostFormAsync("/timetable/repair?handler=Apply", [Form.Field("__RequestVerificationToken", token), .. fields])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await QueryAsync(app, school, db => db.SessionOccurrences.AsNoTracking().Where(o => o.Date == monday).ToListAsync());
        var moved = after.Single(o => o.Id == displaced.Id);
        (moved.RoomId, moved.Start, moved.IsException).ShouldBe((oak, new TimeOnly(9, 0), true));
        after.Single(o => o.Id != displaced.Id).RoomId.ShouldBe(willow, "the session that was not disrupted stays where it was");
        var displacement = await QueryAsync(app, school, db => db.Displacements.AsNoTracking().SingleAsync());
        (displacement.Outcome, displacement.MovedToRoom).ShouldBe((DisplacementOutcome.MovedRoom, oak));
        (await hot.GetPageAsync(url)).Document.QuerySelector("#nothing-affected").ShouldNotBeNull();

        var again = await hot.PostFormAsync("/timetable/repair?handler=Apply", [Form.Field("__RequestVerificationToken", token), .. fields]);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict, "the same repair applied twice is refused: the session has changed since");
    }

    [Fact]
    public async Task ASessionWithNowhereToGo_IsAbandoned()
    {
        var (app, school, monday) = await ProposeTimetableTests.SchoolReadyToPlanAsync(DatabaseProvider.Sqlite);
        var willow = await TimetableData.AddRoomAsync(app, school, "Willow room");
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], willow, DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(9, 45), monday);
        await QueryAsync(app, school, async db =>
        {
            var o = await db.SessionOccurrences.SingleAsync(x => x.Date == monday);
            db.Displacements.Add(Displacement.Record(o, DisplacementCause.Exam, 0, school[Role.EducationStaff].Id, null, app.Clock.GetUtcNow().UtcDateTime));
            foreach (var period in await db.LessonPeriods.ToListAsync())
            {
                db.PupilLessons.Add(PupilLesson.Create(school.Id, school.PupilId, DayOfWeek.Monday, period.Id, "Science"));
            }

            db.SubjectMarks.Add(SubjectMark.Create(school.Id, school.PupilId, "Science", LessonProtection.Protected, Guid.NewGuid(), app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var url = $"/timetable/repair?week={monday:yyyy-MM-dd}";
        var proposal = await hot.SubmitAndReadAsync(url, [], "#propose");
        proposal.Document.QuerySelector("#moves")!.TextContent.ShouldContain("Cancelled this week");
        var fields = proposal.Document.QuerySelectorAll("#apply input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .Select(i => Form.Field(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        (await hot.PostFormAsync("/timetable/repair?handler=Apply", [Form.Field("__RequestVerificationToken", await hot.TokenFromAsync(url)), .. fields])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await QueryAsync(app, school, db => db.Displacements.AsNoTracking().SingleAsync())).Outcome.ShouldBe(DisplacementOutcome.Abandoned);
        (await QueryAsync(app, school, db => db.SessionOccurrences.AsNoTracking().SingleAsync(o => o.Date == monday))).Status.ShouldBe(OccurrenceStatus.Cancelled);
    }
}
