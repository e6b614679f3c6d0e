using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Sessions;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Safeguarding;

/// <summary>Missed appointments are safeguarding information: a run of missed weeks for a pupil with an open concern reaches the DSL as a pattern.</summary>
public sealed class WasNotBroughtTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task APupilWithAnOpenConcern_WhoMissesSessionsThreeSchoolWeeksRunning_IsFlaggedToTheDsl_WithoutNotes(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var weeks = await LastSchoolDaysAsync(app, school, 3);

        // Two missed weeks before any concern: nobody is watching yet, so nothing is flagged.
        await RecordAsync(app, school, weeks[0], Attendance.Refused);
        await RecordAsync(app, school, weeks[1], Attendance.PupilAbsent);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await teacher.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns",
            new { whatWasSeenOrSaid = "Says nobody is at home in the evenings.", category = "Neglect", submissionKey = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Notes.ForAsync(app, school, school[Role.Dsl].Id)).ShouldNotContain(n => n.Title.StartsWith("Was not brought", StringComparison.Ordinal));

        // The third week running: the DSL is told once, with the number of weeks and no notes.
        await RecordAsync(app, school, weeks[2], Attendance.Refused);
        var told = (await Notes.ForAsync(app, school, school[Role.Dsl].Id)).Where(n => n.Title.StartsWith("Was not brought", StringComparison.Ordinal)).ToList();
        told.ShouldHaveSingleItem().Body.ShouldContain("3 school weeks running");
        told[0].Body.ShouldNotContain("nobody is at home", Case.Insensitive, "the pattern never carries the concern's words");
        (await Notes.ForAsync(app, school, school[Role.Therapist].Id)).ShouldNotContain(n => n.Title.StartsWith("Was not brought", StringComparison.Ordinal), "the pattern is for the DSL");

        var dsl = await school.SignInAsync(Role.Dsl);
        var page = await dsl.GetPageAsync("/safeguarding");
        page.Document.QuerySelector("#missed-patterns")!.TextContent.ShouldContain("missed 3 school weeks running");
        page.Document.QuerySelector("#missed-patterns")!.TextContent.ShouldContain("open safeguarding concern");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task APupilWhoIsNotLookedAfterAndHasNoOpenConcern_IsNotFlagged_HoweverManyWeeksTheyMiss(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var weeks = await LastSchoolDaysAsync(app, school, 4);
        foreach (var day in weeks)
        {
            await RecordAsync(app, school, day, Attendance.Refused);
        }

        (await Notes.ForAsync(app, school, school[Role.Dsl].Id)).ShouldNotContain(n => n.Title.StartsWith("Was not brought", StringComparison.Ordinal));
    }

    /// <summary>The first school day of each of the last <paramref name="count"/> school weeks before this one.</summary>
    internal static async Task<List<DateOnly>> LastSchoolDaysAsync(TestApp app, TestSchool school, int count)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var today = SecureBase.Schools.SchoolTime.London.Today(app.Clock);
        var calendar = await SecureBase.Schools.SchoolCalendar.LoadAsync(db);
        return calendar.SchoolWeeksBetween(today.AddDays(-120), today.AddDays(-7)).Where(w => w.SchoolDays.Count > 0).TakeLast(count).Select(w => w.SchoolDays[0]).ToList();
    }

    /// <summary>Records a drop-in session on <paramref name="date"/> for the school's pupil with the given attendance.</summary>
    internal static async Task RecordAsync(TestApp app, TestSchool school, DateOnly date, Attendance attendance)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var session = TherapySession.Record(school.Id, school.TherapistStaffId, Discipline.Counselling, SessionKind.DropIn, null, date, new TimeOnly(10, 0), 30, null, null,
            [new MemberRecording(school.PupilId, attendance, null, null)],
            new SessionExpectation([new ExpectedPupil(school.PupilId, school.EpisodeId, "Pupil", true)], today, new TimeOnly(23, 59)), Guid.NewGuid(), now);
        db.TherapySessions.Add(session.Value);
        await db.SaveChangesAsync();
    }
}
