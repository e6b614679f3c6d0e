using System.Net;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Development.DevelopmentData;

namespace SecureBase.Tests.Development;

/// <summary>CPD (C12): records seen by their owner and the Head of Therapy, certificates checked, and training delivered to staff with attendance.</summary>
public sealed class CpdTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    private static async Task<HttpResponseMessage> AddCpdAsync(TestApp app, TestClient browser, string title, byte[]? file, string fileName)
    {
        var token = await browser.TokenFromAsync("/cpd");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "Input.Title" },
            { new StringContent(Today(app).AddDays(-2).ToString("yyyy-MM-dd")), "Input.TookOn" },
            { new StringContent("6.5"), "Input.Hours" },
            { new StringContent("Play Therapy UK"), "Input.Provider" },
            { new StringContent("Sand tray work with younger pupils."), "Input.Reflection" },
        };
        if (file is not null)
        {
            form.Add(new ByteArrayContent(file), "Evidence", fileName);
        }

        return await browser.Http.PostAsync(new Uri("/cpd", UriKind.Relative), form);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ACpdRecordWithItsCertificate_IsSeenByItsOwnerAndTheHeadOfTherapyOnly_AndAFileThatIsNotACertificateIsRefused(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var title = "Sand tray course " + TestSchool.Letters(6);
        var therapist = await school.SignInAsync(Role.Therapist);

        var refused = await TestClient.ReadAsync(await AddCpdAsync(app, therapist, title, "MZ\x90\0 not a certificate"u8.ToArray(), "certificate.pdf"));
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Errors.ShouldContain("The evidence must be a PDF, PNG or JPEG file (a certificate or a scan)");
        (await WithDbAsync(app, school, (db, _) => db.CpdRecords.CountAsync())).ShouldBe(0, "nothing is saved when the file is refused");

        (await AddCpdAsync(app, therapist, title, Pdf, "my certificate.pdf")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var own = await therapist.GetPageAsync("/cpd");
        own.Text.ShouldContain(title);
        own.Text.ShouldContain("6.5");
        var link = own.Document.QuerySelector("#cpd a")!.GetAttribute("href")!;
        var download = await therapist.GetAsync(link);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);

        var head = await school.SignInAsync(Role.HeadOfTherapy);
        var all = await head.GetPageAsync("/cpd");
        all.Text.ShouldContain(title);
        all.Text.ShouldContain("Test Therapist");
        (await head.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var elsa = await school.SignInAsync(Role.TherapyAssistant);
        (await elsa.GetPageAsync("/cpd")).Text.ShouldNotContain(title);
        (await elsa.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another person's certificate is not found");
        (await (await elsa.GetAsync("/api/v1/cpd")).Content.ReadAsStringAsync()).ShouldNotContain(title);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TrainingDeliveredToStaff_RecordsWhoAttendedAndWhoDidNot(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await StaffIdOfAsync(app, school, Role.EducationStaff);
        var sendco = await StaffIdOfAsync(app, school, Role.Sendco);
        var therapist = await school.SignInAsync(Role.Therapist);

        var missing = await TestClient.ReadAsync(await therapist.SubmitAsync("/cpd/training", [Form.Field("Input.Title", "SEMH awareness"), Form.Field("Input.Hours", "1.5")]));
        missing.Errors.ShouldContain("Choose the staff who were invited");

        var saved = await therapist.SubmitAsync("/cpd/training",
        [
            Form.Field("Input.Title", "SEMH awareness"),
            Form.Field("Input.Hours", "1.5"),
            Form.Field("Input.Invited", teacher.ToString()),
            Form.Field("Input.Attended", teacher.ToString()),
        ]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The SENDCo was invited too but did not come (added by the API, as a second session).
        var api = await therapist.Http.PostAsync(new Uri("/api/v1/cpd/training", UriKind.Relative), new StringContent(
            $$"""{"title":"Emotional literacy","deliveredOn":"{{Today(app):yyyy-MM-dd}}","hours":1,"deliveredBy":"{{await StaffIdOfAsync(app, school, Role.Therapist)}}","invited":["{{teacher}}","{{sendco}}"],"attended":["{{teacher}}"]}""",
            System.Text.Encoding.UTF8, "application/json"));
        api.StatusCode.ShouldBe(HttpStatusCode.Created);

        var page = await (await school.SignInAsync(Role.HeadOfTherapy)).GetPageAsync("/cpd/training");
        page.Text.ShouldContain("SEMH awareness");
        page.Text.ShouldContain("Attended (1): Test Educationstaff.");
        page.Text.ShouldContain("Emotional literacy");
        page.Text.ShouldContain("Did not attend (1): Test SENDCo");

        (await (await school.SignInAsync(Role.EducationStaff)).GetAsync("/cpd/training")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
