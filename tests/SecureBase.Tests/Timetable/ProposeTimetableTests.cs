using System.Net;
using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Tests.Schools;
using SecureBase.Tests.Support;
using SecureBase.Timetable;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Timetable;

/// <summary>The Head of Therapy asks for a proposed timetable, reads it, and accepts it from a date.</summary>
public sealed class ProposeTimetableTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AProposal_KeepsClearOfProtectedLessons_ExplainsWhatItCannotPlace_AndAcceptingItMakesTheWeeksSessions(DatabaseProvider provider)
    {
        var (app, school, monday) = await SchoolReadyToPlanAsync(provider);
        var room = await TimetableData.AddRoomAsync(app, school, "Willow room");
        await ProtectAsync(app, school, school.PupilId, DayOfWeek.Monday, school.Calendar.PeriodId, "Maths");

        // A second pupil in play therapy, which needs a sand tray: no room has one.
        var other = (await PupilFactory.AddAsync(app, school, 1))[0];
        await QueryAsync(app, school, async db =>
        {
            db.Episodes.Add(Episode.Import(school.Id, other.Id, school.TherapistStaffId, Discipline.PlayTherapy, monday.AddDays(-30)));
            return await db.SaveChangesAsync();
        });

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var page = await hot.SubmitAndReadAsync("/timetable/propose", [Form.Field("From", monday.ToString("dd/MM/yyyy", SchoolDates.English))], "#ask");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Errors.ShouldBeEmpty();
        var placed = page.Document.QuerySelectorAll("#placed tbody tr").Select(r => r.TextContent).ToList();
        placed.Count.ShouldBe(1);
        placed[0].ShouldContain("Monday");
        placed[0].ShouldContain("10:00–10:45", Case.Sensitive, "Period 1 is a lesson the pupil must not miss, so the 45-minute session takes Period 2");
        placed[0].ShouldContain("Willow room");
        placed[0].ShouldContain("New");
        page.Document.QuerySelector("#unplaced")!.TextContent.ShouldContain("sand tray");
        (await QueryAsync(app, school, db => db.WeeklySessions.CountAsync())).ShouldBe(2, "each open episode was given its weekly session");
        (await QueryAsync(app, school, db => db.TimetableVersions.CountAsync())).ShouldBe(0, "nothing is accepted until the Head of Therapy says so");

        var fields = AcceptFields(page);
        var token = await hot.TokenFromAsync("/timetable/propose");
        var accepted = await hot.PostFormAsync("/timetable/propose?handler=Accept", [Form.Field("__RequestVerificationToken", token), .. fields]);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        accepted.Headers.Location!.OriginalString.ShouldBe($"/timetable?week={monday:yyyy-MM-dd}");
        var occurrence = await QueryAsync(app, school, db => db.SessionOccurrences.AsNoTracking().SingleAsync(o => o.Date == monday));
        (occurrence.Start, occurrence.End, occurrence.RoomId).ShouldBe((new TimeOnly(10, 0), new TimeOnly(10, 45), room));
        (await QueryAsync(app, school, db => db.SessionOccurrences.CountAsync(o => o.Date > monday))).ShouldBeGreaterThan(0, "the following school weeks get their occurrences too");

        var twice = await hot.PostFormAsync("/timetable/propose?handler=Accept", [Form.Field("__RequestVerificationToken", token), .. fields]);
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await TestClient.ReadAsync(twice)).Document.QuerySelector("#conflict")!.TextContent.ShouldContain("Someone accepted or changed the timetable after this proposal was made");
        (await QueryAsync(app, school, db => db.TimetableVersions.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task AcceptingAfterARoomWasBookedOrWithABadDate_IsRefused_AndNothingChanges()
    {
        var (app, school, monday) = await SchoolReadyToPlanAsync(DatabaseProvider.Sqlite);
        await TimetableData.AddRoomAsync(app, school, "Oak room");
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var page = await hot.SubmitAndReadAsync("/timetable/propose", [Form.Field("From", monday.ToString("yyyy-MM-dd", SchoolDates.English))], "#ask");
        var fields = AcceptFields(page).Where(f => f.Key != "From").ToList();
        var token = await hot.TokenFromAsync("/timetable/propose");

        var past = await hot.PostFormAsync("/timetable/propose?handler=Accept", [Form.Field("__RequestVerificationToken", token), Form.Field("From", "01/09/2025"), .. fields]);
        past.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TestClient.ReadAsync(past)).Errors.ShouldContain(e => e.Contains("cannot start in the past", StringComparison.Ordinal));
        var saturday = monday.AddDays(5);
        (await TestClient.ReadAsync(await hot.PostFormAsync("/timetable/propose?handler=Accept", [Form.Field("__RequestVerificationToken", token), Form.Field("From", saturday.ToString("yyyy-MM-dd", SchoolDates.English)), .. fields])))
            .Errors.ShouldContain(e => e.Contains("is not a school day", StringComparison.Ordinal));
        var forged = await hot.PostFormAsync("/timetable/propose?handler=Accept", [Form.Field("__RequestVerificationToken", token), Form.Field("From", monday.ToString("yyyy-MM-dd", SchoolDates.English)), Form.Field("BasedOn", "0"), Form.Field("Placements", "not|a|proposal")]);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await QueryAsync(app, school, db => db.TimetableVersions.CountAsync())).ShouldBe(0);

        // The therapist now works in the afternoons only: the proposal's morning slot breaks rule 2.
        await QueryAsync(app, school, async db =>
        {
            var staff = await db.StaffMembers.SingleAsync(s => s.Id == school.TherapistStaffId);
            staff.SetWorkingPattern([new WorkingBlock(DayOfWeek.Monday, new TimeOnly(13, 0), new TimeOnly(16, 0), school.SiteId)]).IsSuccess.ShouldBeTrue();
            return await db.SaveChangesAsync();
        });
        var stale = await hot.PostFormAsync("/timetable/propose?handler=Accept", [Form.Field("__RequestVerificationToken", token), Form.Field("From", monday.ToString("yyyy-MM-dd", SchoolDates.English)), .. fields]);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await QueryAsync(app, school, db => db.TimetableVersions.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task OnlyTheHeadOfTherapy_MayPlanTheTimetable()
    {
        var (_, school, _) = await SchoolReadyToPlanAsync(DatabaseProvider.Sqlite);
        foreach (var role in new[] { Role.Therapist, Role.Sendco, Role.Administrator, Role.Headteacher })
        {
            (await (await school.SignInAsync(role)).GetAsync("/timetable/propose")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
        }
    }

    internal static List<KeyValuePair<string, string>> AcceptFields(Page page) =>
        page.Document.QuerySelectorAll("#accept input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .Select(i => Form.Field(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();

    /// <summary>A school whose therapist works Monday mornings (08:30–12:00), with Period 1 (09:00) and Period 2 (10:00); the Monday of the next school week.</summary>
    internal static async Task<(TestApp App, TestSchool School, DateOnly Monday)> SchoolReadyToPlanAsync(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var monday = await QueryAsync(app, school, async db =>
        {
            db.LessonPeriods.Add(CalendarTestData.Period(school.Id, "Period 2", 10, 0, 10, 55));
            var staff = await db.StaffMembers.SingleAsync(s => s.Id == school.TherapistStaffId);
            staff.SetWorkingPattern([new WorkingBlock(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(12, 0), school.SiteId)]).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
            var calendar = await SchoolCalendar.LoadAsync(db);
            var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
            return calendar.SchoolWeeksBetween(today.AddDays(1), today.AddDays(200)).First(w => w.Monday > today && w.SchoolDays.Contains(w.Monday)).Monday;
        });
        return (app, school, monday);
    }

    internal static Task ProtectAsync(TestApp app, TestSchool school, PupilId pupil, DayOfWeek day, LessonPeriodId period, string subject) =>
        QueryAsync(app, school, async db =>
        {
            db.PupilLessons.Add(PupilLesson.Create(school.Id, pupil, day, period, subject));
            db.SubjectMarks.Add(SubjectMark.Create(school.Id, pupil, subject, LessonProtection.Protected, Guid.NewGuid(), app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
}
