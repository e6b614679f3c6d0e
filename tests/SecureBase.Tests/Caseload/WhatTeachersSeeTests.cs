using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Tests.Support;
using SecureBase.Timetable;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Caseload;

/// <summary>
/// What teachers see (issue 11): when the pupils they teach leave a lesson for therapy (date, period,
/// "therapy session"; never which therapy, with whom, where, or notes) and the classroom strategies the
/// pupil's practitioner chose to share. Who a teacher teaches is their tutor group (lessons do not name
/// their teacher yet). On a term-time clock (<see cref="TermTimeApps"/>), whatever today's date.
/// </summary>
public sealed class WhatTeachersSeeTests
{
    private const string Shared = "Give a movement break after 20 minutes";
    private const string Unshared = "Sit near the door: leaves when overwhelmed";

    private static async Task SetTutorGroupAsync(TestApp app, TestSchool school, string? group) =>
        await QueryAsync(app, school, async db =>
        {
            var user = school[Role.EducationStaff].Id;
            (await db.StaffMembers.SingleAsync(s => s.UserId == user)).SetTutorGroup(group);
            return await db.SaveChangesAsync();
        });

    private static async Task<EpisodeId> OpenEpisodeAsync(TestApp app, TestSchool school, PupilId pupil, StaffId staff, DateOnly start) =>
        await QueryAsync(app, school, async db =>
        {
            var e = Episode.Import(school.Id, pupil, staff, Discipline.MusicTherapy, start);
            db.Episodes.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });

    [Theory, OnSqlite, OnPostgres]
    public async Task Teacher_SeesDatePeriodLessonAndTherapySession_ForTheirTutorGroup_NeverTheTherapyPractitionerRoomOrOtherPupils(DatabaseProvider provider)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = SchoolTime.London.Today(app.Clock);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var pupilA = await QueryAsync(app, school, db => db.Pupils.SingleAsync(p => p.Id == school.PupilId));
        var other = (await PupilFactory.AddAsync(app, school, 1))[0];
        var room = await TimetableData.AddRoomAsync(app, school, "Sunflower room");
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], room, DayOfWeek.Thursday, new TimeOnly(9, 0), new TimeOnly(9, 45), monday);
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [other.Id], room, DayOfWeek.Thursday, new TimeOnly(10, 0), new TimeOnly(10, 45), monday);
        var thursday = monday.AddDays(3) >= today ? monday.AddDays(3) : monday.AddDays(10);
        await QueryAsync(app, school, async db =>
        {
            db.PupilLessons.Add(PupilLesson.Create(school.Id, school.PupilId, DayOfWeek.Thursday, school.Calendar.PeriodId, "Maths"));
            var next = await db.SessionOccurrences.SingleAsync(o => o.Date == thursday.AddDays(7) && o.Start == new TimeOnly(9, 0));
            next.Cancel("The practitioner is on a course").IsSuccess.ShouldBeTrue();
            return await db.SaveChangesAsync();
        });

        var teacher = await school.SignInAsync(Role.EducationStaff);
        var before = await teacher.GetPageAsync("/my-lessons/therapy");
        before.Status.ShouldBe(HttpStatusCode.OK);
        before.Document.QuerySelector("#no-tutor-group").ShouldNotBeNull("without a tutor group the teacher is told why nobody is listed");
        before.Text.ShouldNotContain(pupilA.DisplayName);

        await SetTutorGroupAsync(app, school, "7a");
        var therapist = await school.SignInAsync(Role.Therapist);
        (await therapist.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/classroom-strategies", new { text = Shared, share = true })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await therapist.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/classroom-strategies", new { text = Unshared, share = false })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var page = await teacher.GetPageAsync("/my-lessons/therapy");
        var rows = page.Document.QuerySelectorAll("#leaving tbody tr").Select(r => System.Text.RegularExpressions.Regex.Replace(r.TextContent, @"\s+", " ").Trim()).ToList();
        rows.ShouldBe([
            $"{SchoolDates.Long(thursday)} Period 1 09:00–09:45 {pupilA.DisplayName} Maths Therapy session",
            $"{SchoolDates.Long(thursday.AddDays(7))} Period 1 09:00–09:45 {pupilA.DisplayName} Maths Cancelled: stays in the lesson",
        ]);
        page.Document.QuerySelector("#shared-strategies")!.TextContent.ShouldContain(Shared);
        var profileLinks = page.Document.QuerySelectorAll("#assessment-profiles a").Select(a => a.GetAttribute("href")).ToList();
        profileLinks.ShouldBe([$"/pupils/{school.PupilId}/assessments"], "the teacher reaches the strengths and targets of the pupils they teach, and only theirs");
        (await teacher.GetAsync(profileLinks[0]!)).StatusCode.ShouldBe(HttpStatusCode.OK, "the link leads to a page the teacher may open");
        foreach (var secret in new[] { Unshared, "Sunflower", "Music", "Counselling", "Test Therapist", other.DisplayName })
        {
            page.Text.ShouldNotContain(secret, Case.Insensitive, $"a teacher never sees {secret}");
        }

        var json = (await teacher.GetJsonAsync<TeacherViewDto>("/api/v1/my-lessons/therapy"))!;
        json.Leaving.Select(l => (l.Date, l.Period, l.Pupil, l.What, l.Status)).ShouldBe([
            (thursday, (string?)"Period 1", pupilA.DisplayName, "Therapy session", OccurrenceStatusWords.Planned),
            (thursday.AddDays(7), (string?)"Period 1", pupilA.DisplayName, "Cancelled: stays in the lesson", OccurrenceStatusWords.Cancelled),
        ]);
        json.SharedStrategies.ShouldHaveSingleItem().Strategies.Select(s => s.Text).ShouldBe([Shared]);
        var raw = await teacher.Http.GetStringAsync("/api/v1/my-lessons/therapy");
        raw.ShouldNotContain("Sunflower");
        raw.ShouldNotContain(Unshared);

        // A teacher of another school, tutor of its own 7A, sees none of this school's pupils.
        var elsewhere = await TestSchool.CreateAsync(app);
        await SetTutorGroupAsync(app, elsewhere, "7A");
        var otherTeacher = await elsewhere.SignInAsync(Role.EducationStaff);
        (await otherTeacher.GetPageAsync("/my-lessons/therapy")).Text.ShouldNotContain(pupilA.DisplayName);
        (await otherTeacher.GetAsync($"/api/v1/pupils/{school.PupilId}/classroom-strategies")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherTeacher.GetAsync($"/pupils/{school.PupilId}/classroom-strategies")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Practitioner_ChoosesWhichStrategiesTeachersSee_AndCannotWriteOrShareForSomeoneElsesPupil(DatabaseProvider provider)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = SchoolTime.London.Today(app.Clock);
        var pupilB = (await PupilFactory.AddAsync(app, school, 1, _ => new PupilDetails("Bea", "Other" + TestSchool.Letters(6), null, null, new DateOnly(2014, 1, 1), 7, "7A", false, SenStatus.None, false, school.SiteId)))[0];
        var notInTherapy = (await PupilFactory.AddAsync(app, school, 1))[0];
        var colleague = await QueryAsync(app, school, async db =>
        {
            var s = StaffMember.Create(school.Id, "C" + TestSchool.Letters(4), new StaffDetails(null, "Colleague", "Practitioner", null, "Music therapist", Discipline.MusicTherapy, RegistrationBody.None, null, null, 20));
            db.StaffMembers.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
        await OpenEpisodeAsync(app, school, pupilB.Id, colleague, today.AddDays(-20));
        await SetTutorGroupAsync(app, school, "7A");
        var api = $"/api/v1/pupils/{school.PupilId}/classroom-strategies";
        var therapist = await school.SignInAsync(Role.Therapist);

        (await therapist.Http.PostAsJsonAsync(api, new { text = "  ", share = true })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await therapist.Http.PostAsJsonAsync(api, new { text = new string('x', 301), share = true })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await QueryAsync(app, school, db => db.ClassroomStrategies.CountAsync())).ShouldBe(0, "a refused strategy changes nothing");

        // On the page: written unshared, then shared with a button.
        var written = await therapist.SubmitAsync($"/pupils/{school.PupilId}/classroom-strategies", [Form.Field("Input.Text", Unshared)], "#add-strategy");
        written.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var created = await therapist.Http.PostAsJsonAsync(api, new { text = Shared, share = true });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var mine = (await therapist.GetJsonAsync<PupilStrategiesDto>(api))!;
        mine.Strategies.Select(s => (s.Text, s.SharedWithTeachers)).ShouldBe([(Shared, true), (Unshared, false)]);

        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await teacher.GetJsonAsync<PupilStrategiesDto>(api))!.Strategies.Select(s => s.Text).ShouldBe([Shared]);
        var teacherPage = await teacher.GetPageAsync($"/pupils/{school.PupilId}/classroom-strategies");
        teacherPage.Text.ShouldContain(Shared);
        teacherPage.Text.ShouldNotContain(Unshared);
        teacherPage.Document.QuerySelector("#add-strategy").ShouldBeNull("a teacher cannot write strategies");
        (await teacher.Http.PostAsJsonAsync(api, new { text = "Teacher's own idea", share = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var unsharedId = mine.Strategies.Single(s => s.Text == Unshared).Id;
        (await therapist.Http.PutAsJsonAsync($"{api}/{unsharedId}/sharing", new { share = true })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await therapist.Http.PutAsJsonAsync($"{api}/{unsharedId}/sharing", new { share = true })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await therapist.Http.PutAsJsonAsync($"{api}/{unsharedId}/sharing", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await teacher.GetJsonAsync<PupilStrategiesDto>(api))!.Strategies.Select(s => s.Text).ShouldBe([Shared, Unshared], ignoreOrder: true);
        var sharedId = mine.Strategies.Single(s => s.Text == Shared).Id;
        (await therapist.SubmitAsync($"/pupils/{school.PupilId}/classroom-strategies", [], $"#share-{sharedId}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await teacher.GetJsonAsync<PupilStrategiesDto>(api))!.Strategies.Select(s => s.Text).ShouldBe([Unshared], "taken back from the teachers");

        // Someone else's pupil (B is in therapy with a colleague): not found, nothing written or shared.
        var apiB = $"/api/v1/pupils/{pupilB.Id}/classroom-strategies";
        (await therapist.Http.PostAsJsonAsync(apiB, new { text = Shared, share = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.GetAsync(apiB)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var forB = await hot.Http.PostAsJsonAsync(apiB, new { text = "Check in at the start of the lesson", share = false });
        forB.StatusCode.ShouldBe(HttpStatusCode.Created);
        var bId = (await forB.Content.ReadFromJsonAsync<ClassroomStrategyDto>(Json.Options))!.Id;
        (await therapist.Http.PutAsJsonAsync($"{apiB}/{bId}/sharing", new { share = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.Http.PutAsJsonAsync($"{api}/{bId}/sharing", new { share = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound, "B's strategy is not one of A's");
        (await QueryAsync(app, school, db => db.ClassroomStrategies.SingleAsync(s => s.Id == bId))).SharedWithTeachers.ShouldBeFalse();
        (await teacher.GetJsonAsync<PupilStrategiesDto>(apiB))!.Strategies.ShouldBeEmpty("B's only strategy is not shared");

        // A pupil in no therapy has no practitioner to write for them.
        (await hot.Http.PostAsJsonAsync($"/api/v1/pupils/{notInTherapy.Id}/classroom-strategies", new { text = Shared, share = true })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Another school's ids are not found.
        var elsewhere = await TestSchool.CreateAsync(app);
        var otherHot = await elsewhere.SignInAsync(Role.HeadOfTherapy);
        (await otherHot.GetAsync(api)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherHot.Http.PutAsJsonAsync($"{api}/{sharedId}/sharing", new { share = false })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherHot.Http.PostAsJsonAsync(api, new { text = Shared, share = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
