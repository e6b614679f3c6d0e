using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Imports;
using SecureBase.Pupils;
using SecureBase.Tests.Schools;
using SecureBase.Tests.Support;
using SecureBase.Timetable;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Timetable;

/// <summary>The office imports each pupil's lessons; the SENDCo marks the subjects a pupil must not miss.</summary>
public sealed class LessonImportTests
{
    private const string Header = "UPN,Day,Period,Subject";

    [Theory, OnSqlite, OnPostgres]
    public async Task CheckingTheLessonsFile_ShowsWhatWillHappen_AndOnlyConfirmingImportsIt(DatabaseProvider provider)
    {
        var (app, school, pupil) = await SchoolWithPeriodsAsync(provider);
        var admin = await school.SignInAsync(Role.Administrator);

        var preview = await UploadAsync(admin, Csv(
            $"{pupil.Upn},Monday,Period 1,Maths",
            $"{pupil.Upn},Mon,P2,English",
            $"{pupil.Upn},tuesday,1,Maths",
            $"{pupil.Upn},Wednesday,10:00,Art"));

        preview.Status.ShouldBe(HttpStatusCode.OK);
        preview.Errors.ShouldBeEmpty();
        preview.Text.ShouldContain("Check what will happen, then import");
        var cells = preview.Document.QuerySelector("table tbody tr")!.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        cells.ShouldBe(["4", "4", "1", "0", "0", "0"]);
        (await LessonsAsync(app, school)).ShouldBeEmpty("nothing is imported until the office confirms");

        var token = await admin.TokenFromAsync("/admin/import/lessons");
        var done = await admin.PostFormAsync("/admin/import/lessons?handler=Confirm", [Form.Field("__RequestVerificationToken", token), Form.Field("PendingId", PendingId(preview))]);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetPageAsync(done.Headers.Location!.OriginalString)).Text.ShouldContain("Imported. pupils' lessons: 1 new, 0 replaced, 0 unchanged (4 lessons in the file)");
        var lessons = await LessonsAsync(app, school);
        lessons.Select(l => (l.Day, l.Subject)).Order().ShouldBe([(DayOfWeek.Monday, "English"), (DayOfWeek.Monday, "Maths"), (DayOfWeek.Tuesday, "Maths"), (DayOfWeek.Wednesday, "Art")]);
        lessons.Single(l => l.Day == DayOfWeek.Wednesday).PeriodId.ShouldBe(lessons.Single(l => l.Subject == "English").PeriodId, "10:00 is the start of Period 2");
        (await QueryAsync(app, school, db => db.PendingLessonImports.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task BadLines_AreReportedInTheSchoolsWords_WithTheirLineNumbers_AndNothingChanges()
    {
        var (app, school, pupil) = await SchoolWithPeriodsAsync(DatabaseProvider.Sqlite);
        var admin = await school.SignInAsync(Role.Administrator);
        await ImportLessonsAsync(app, school, Csv($"{pupil.Upn},Monday,Period 1,Maths"));
        var (badUpn, expected) = WrongUpn(7);

        var page = await UploadAsync(admin, Csv(
            $"{pupil.Upn},Monday,Period 1,Science",
            $"{badUpn},Monday,Period 1,Maths",
            $"{Upn(8)},Monday,Period 1,Maths",
            $"{pupil.Upn},Saturday,Period 1,Maths",
            $"{pupil.Upn},Funday,Period 1,Maths",
            $"{pupil.Upn},Tuesday,Period 9,Maths",
            $"{pupil.Upn},Tuesday,Lunch,Maths",
            $"{pupil.Upn},Tuesday,Period 2,",
            $"{pupil.Upn},Monday,P1,History"));

        page.Text.ShouldContain("Nothing was imported");
        var rejects = page.Document.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr")
            .ToDictionary(r => int.Parse(r.QuerySelector("th")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture), r => r.TextContent);
        rejects[2].ShouldContain("is also on line 10");
        rejects[3].ShouldContain($"should be {expected}");
        rejects[4].ShouldContain("is not a pupil of the school: import the pupils file first");
        rejects[5].ShouldContain("is a weekend: lessons are Monday to Friday");
        rejects[6].ShouldContain("Day \"Funday\" should be a weekday");
        rejects[7].ShouldContain("Period \"Period 9\" is not one of the school's lesson periods on Tuesday: they are Period 1, Period 2");
        rejects[8].ShouldContain("Lunch (12:00–13:00) is not a lesson");
        rejects[9].ShouldContain("Enter the subject");
        rejects[10].ShouldContain("is also on line 2");
        page.Document.QuerySelector("form[action*='handler=Confirm']").ShouldBeNull();
        (await LessonsAsync(app, school)).Select(l => l.Subject).ShouldBe(["Maths"], "a rejected file changes nothing");

        (await UploadAsync(admin, "Pupil,Day\r\nx,Monday\r\n")).Text.ShouldContain("The lessons file has no \"UPN\" column");
        (await UploadAsync(admin, null)).Errors.ShouldContain(e => e.Contains("Choose the lessons file to import", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReimport_ReplacesThePupilsLessons_LeavesOtherPupilsAlone_AndKeepsTheSendcosMarks()
    {
        var (app, school, pupil) = await SchoolWithPeriodsAsync(DatabaseProvider.Sqlite);
        var other = (await PupilFactory.AddAsync(app, school, 1))[0];
        await ImportLessonsAsync(app, school, Csv($"{pupil.Upn},Monday,Period 1,Maths", $"{pupil.Upn},Monday,Period 2,Art", $"{other.Upn},Friday,Period 1,PE"));

        var sendco = await school.SignInAsync(Role.Sendco);
        var page = await sendco.GetPageAsync($"/pupils/{pupil.Id}/lessons");
        page.Text.ShouldContain("Maths");
        var saved = await sendco.SubmitAsync($"/pupils/{pupil.Id}/lessons", [Form.Field("Marks[0].Choice", "Avoid"), Form.Field("Marks[1].Choice", "Protected")], "#marks");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var report = await ImportLessonsAsync(app, school, Csv($"{pupil.Upn},Tuesday,Period 1,maths", $"{pupil.Upn},Tuesday,Period 2,Music"));
        report.Pupils.ShouldBe(new ImportCounts(0, 1, 0));
        (await LessonsAsync(app, school)).Where(l => l.PupilId == pupil.Id).Select(l => (l.Day, l.Subject)).Order().ShouldBe([(DayOfWeek.Tuesday, "maths"), (DayOfWeek.Tuesday, "Music")]);
        (await LessonsAsync(app, school)).Where(l => l.PupilId == other.Id).Select(l => l.Subject).ShouldBe(["PE"], "a pupil not in the file keeps their lessons");

        var after = await sendco.GetPageAsync($"/pupils/{pupil.Id}/lessons");
        var grid = after.Document.QuerySelector("#lessons")!.TextContent;
        grid.ShouldContain("Must not miss", Case.Sensitive, "the mark on maths survives the re-import: marks belong to the subject");
        grid.ShouldNotContain("Avoid if possible", Case.Sensitive, "art is no longer on the pupil's week");

        (await ImportLessonsAsync(app, school, Csv($"{pupil.Upn},Tuesday,Period 1,maths", $"{pupil.Upn},Tuesday,Period 2,Music"))).Pupils.ShouldBe(new ImportCounts(0, 0, 1));
    }

    [Fact]
    public async Task TheSendcoMarksSubjects_OthersSeeThemButCannotChangeThem_AndTheListShowsThem()
    {
        var (app, school, pupil) = await SchoolWithPeriodsAsync(DatabaseProvider.Sqlite);
        await ImportLessonsAsync(app, school, Csv($"{pupil.Upn},Monday,Period 1,Maths", $"{pupil.Upn},Monday,Period 2,English"));
        var sendco = await school.SignInAsync(Role.Sendco);

        var bad = await TestClient.ReadAsync(await sendco.SubmitAsync($"/pupils/{pupil.Id}/lessons", [Form.Field("Marks[0].Choice", "Sometimes")], "#marks"));
        bad.Errors.ShouldContain(e => e.Contains("Choose whether", StringComparison.Ordinal));
        (await QueryAsync(app, school, db => db.SubjectMarks.CountAsync())).ShouldBe(0);

        (await sendco.SubmitAsync($"/pupils/{pupil.Id}/lessons", [Form.Field("Marks[0].Choice", "Protected")], "#marks")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var marks = await QueryAsync(app, school, db => db.SubjectMarks.ToListAsync());
        marks.Single().SubjectKey.ShouldBe("english");
        marks.Single().Protection.ShouldBe(LessonProtection.Protected);

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var list = await hot.GetPageAsync("/timetable/lessons");
        var row = list.Document.QuerySelector("#pupil-lessons tbody tr")!;
        row.TextContent.ShouldContain(pupil.DisplayName);
        row.QuerySelectorAll("td")[2].TextContent.Trim().ShouldBe("English");
        var view = await hot.GetPageAsync($"/pupils/{pupil.Id}/lessons");
        view.Document.QuerySelector("#marks").ShouldBeNull("only the SENDCo marks subjects");
        view.Document.QuerySelector("#marked-subjects")!.TextContent.ShouldContain("English: Must not miss");
        (await hot.PostFormAsync($"/pupils/{pupil.Id}/lessons", [Form.Field("__RequestVerificationToken", await hot.TokenFromAsync("/timetable/lessons")), Form.Field("Marks[0].Subject", "maths"), Form.Field("Marks[0].Choice", "Protected")]))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var record = await sendco.GetPageAsync($"/pupils/{pupil.Id}");
        record.Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain($"/pupils/{pupil.Id}/lessons");
    }

    [Fact]
    public async Task AnotherSchoolsPupil_IsNotFound()
    {
        var (app, school, _) = await SchoolWithPeriodsAsync(DatabaseProvider.Sqlite);
        var otherSchool = await TestSchool.CreateAsync(app);
        var sendco = await school.SignInAsync(Role.Sendco);
        (await sendco.GetAsync($"/pupils/{otherSchool.PupilId}/lessons")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string Csv(params string[] lines) => string.Join("\r\n", lines.Prepend(Header)) + "\r\n";

    /// <summary>A school with Period 1 (every weekday, from the test calendar), Period 2 and a lunch break, and one pupil.</summary>
    private static async Task<(TestApp App, TestSchool School, Pupil Pupil)> SchoolWithPeriodsAsync(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await QueryAsync(app, school, async db =>
        {
            db.LessonPeriods.Add(CalendarTestData.Period(school.Id, "Period 2", 10, 0, 10, 55));
            db.LessonPeriods.Add(CalendarTestData.Period(school.Id, "Lunch", 12, 0, 13, 0, teaching: false));
            return await db.SaveChangesAsync();
        });
        var pupil = await QueryAsync(app, school, db => db.Pupils.AsNoTracking().SingleAsync(p => p.Id == school.PupilId));
        return (app, school, pupil);
    }

    private static async Task<LessonImportReport> ImportLessonsAsync(TestApp app, TestSchool school, string csv)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var report = await scope.ServiceProvider.GetRequiredService<LessonImport>().RunAsync("lessons.csv", Encoding.UTF8.GetBytes(csv), dryRun: false);
        report.Imported.ShouldBeTrue(string.Join("; ", report.Problems.Concat(report.Rejects.SelectMany(r => r.Reasons))));
        return report;
    }

    private static Task<List<PupilLesson>> LessonsAsync(TestApp app, TestSchool school) =>
        QueryAsync(app, school, db => db.PupilLessons.AsNoTracking().ToListAsync());

    private static async Task<Page> UploadAsync(TestClient browser, string? csv)
    {
        var token = await browser.TokenFromAsync("/admin/import/lessons");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (csv is not null)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(content, "LessonsFile", "lessons.csv");
        }

        return await TestClient.ReadAsync(await browser.Http.PostAsync(new Uri("/admin/import/lessons", UriKind.Relative), form));
    }
}
