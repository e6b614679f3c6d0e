using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Imports;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Imports;

/// <summary>The import and export endpoints under /api/v1, as an integration with the information system uses them.</summary>
public sealed class ImportsApiTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task UploadingAFile_DryRunSavesNothing_ThenTheImportAppliesAndIsAudited(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var pupils = SmallSchool()[0];

        var dry = await UploadToApiAsync(admin, pupils, "?dryRun=true");
        dry.StatusCode.ShouldBe(HttpStatusCode.OK);
        var preview = JsonDocument.Parse(await dry.Content.ReadAsStringAsync()).RootElement;
        preview.GetProperty("imported").GetBoolean().ShouldBeFalse();
        preview.GetProperty("files")[0].GetProperty("records").GetProperty("new").GetInt32().ShouldBe(3);
        (await PupilsAsync(app, school)).Count.ShouldBe(1);

        var applied = await UploadToApiAsync(admin, pupils);
        applied.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await applied.Content.ReadAsStringAsync()).RootElement.GetProperty("imported").GetBoolean().ShouldBeTrue();
        (await PupilsAsync(app, school)).Count.ShouldBe(4);

        var again = JsonDocument.Parse(await (await UploadToApiAsync(admin, pupils)).Content.ReadAsStringAsync()).RootElement;
        again.GetProperty("files")[0].GetProperty("records").GetProperty("unchanged").GetInt32().ShouldBe(3);

        var entries = await QueryAsync(app, school, db => db.AuditEntries.AsNoTracking().Where(e => e.SchoolId == school.Id && e.Action == ImportAuditActions.Imported).OrderBy(e => e.Sequence).ToListAsync());
        entries.Count.ShouldBe(2, "one entry per applied import; a dry run is not an import");
        entries[0].UserName.ShouldBe(school[Role.Administrator].UserName);
        entries[0].Detail!.ShouldContain("pupils: 3 new, 0 updated, 0 unchanged");
        entries[0].Detail!.ShouldNotContain("Amelia");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AFileWithRejectedLines_Answers400WithEveryRejectAndItsLine_AndChangesNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var before = await SchoolSnapshot.TakeAsync(app, school);
        var (badUpn, expected) = WrongUpn(5);

        var response = await UploadToApiAsync(admin, File(ImportKind.Pupils, PupilsCsv($"{Upn(1)},Amelia,Jones,,,02/03/2014,7,7JB,K,N,Y", $"{badUpn},Bad,Letter,,,02/03/2014,7,7JB,K,N,Y")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("The file was not imported");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("1 line was rejected, so nothing was imported");
        var reject = problem.GetProperty("report").GetProperty("files")[0].GetProperty("rejects")[0];
        reject.GetProperty("line").GetInt32().ShouldBe(3);
        reject.GetProperty("reasons")[0].GetString()!.ShouldContain($"should be {expected}");
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
    }

    [Fact]
    public async Task AnUploadWithoutTheClientHeader_IsRefusedAsAPossibleCrossSiteForm_AndChangesNothing()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var before = await SchoolSnapshot.TakeAsync(app, school);

        // What a malicious page could make an administrator's browser send: a multipart form post with the session cookie.
        var forged = await UploadToApiAsync(admin, SmallSchool()[0], withClientHeader: false);

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).ShouldContain(ImportsApi.ClientHeader);
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
    }

    [Fact]
    public async Task AFileOverTheSizeLimit_Answers413_WithoutReadingIt()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var header = Encoding.UTF8.GetBytes(PupilsHeader + "\r\n");
        var huge = new byte[(10 * 1024 * 1024) + 1];
        header.CopyTo(huge, 0);
        Array.Fill(huge, (byte)' ', header.Length, huge.Length - header.Length);

        var response = await UploadToApiAsync(admin, new ImportFile(ImportKind.Pupils, "pupils.csv", huge));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("detail").GetString()!.ShouldContain("The largest file SecureBase accepts is 10 MB");

        var noFile = await admin.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/imports/pupils", UriKind.Relative))
        {
            Headers = { { ImportsApi.ClientHeader, "test" } },
            Content = new MultipartFormDataContent { { new StringContent("x"), "note" } },
        });
        noFile.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await noFile.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!.ShouldContain("as the form field \"file\"");
    }

    [Fact]
    public async Task OnlyTheAdministrator_MayImportOrExport()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var before = await SchoolSnapshot.TakeAsync(app, school);
        foreach (var role in new[] { Role.HeadOfTherapy, Role.Sendco, Role.Therapist, Role.ParentCarer })
        {
            var browser = await school.SignInAsync(role);
            (await UploadToApiAsync(browser, SmallSchool()[0])).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            (await browser.GetAsync("/api/v1/exports/pupils")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            (await browser.GetAsync("/admin/import")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
        }

        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
        PolicyTable.Permits([Role.Administrator], SchoolAction.ImportData).ShouldBeTrue();
        PolicyTable.Permits([Role.Administrator], SchoolAction.ExportData).ShouldBeTrue();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnExport_IsUtf8ForExcel_EscapesFormulas_AndImportsAgainWithoutAnyChange(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        (await ImportAsync(app, school, SmallSchool())).Imported.ShouldBeTrue();
        // Text that a spreadsheet would run: a parent's address typed as a formula, a phone number starting with +.
        var hostile = await ImportAsync(app, school, [File(ImportKind.Carers, CarersCsv(
            $"C300,{Upn(2)},,Mal,Icious,Uncle,N,3,,+44 7700 900999,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Open\"\")\",Phone,-,N"))]);
        hostile.Imported.ShouldBeTrue(string.Join(" | ", hostile.Files[0].Rejects.SelectMany(r => r.Reasons)));

        var exports = new Dictionary<ImportKind, byte[]>();
        foreach (var kind in Enum.GetValues<ImportKind>())
        {
            var response = await admin.GetAsync($"/api/v1/exports/{ImportKinds.FileStem(kind)}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            var today = SecureBase.Schools.SchoolTime.London.Today(app.Clock);
            response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"{ImportKinds.FileStem(kind)}-{today:yyyy-MM-dd}.csv");
            exports[kind] = await response.Content.ReadAsByteArrayAsync();
            exports[kind][..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "Excel needs the byte order mark to read UTF-8");
        }

        var carers = Encoding.UTF8.GetString(exports[ImportKind.Carers]);
        carers.ShouldContain("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Open\"\")\"");
        carers.ShouldContain(",'+44 7700 900999,");
        carers.ShouldContain(",'-,");
        carers.ShouldNotContain(",=HYPERLINK");
        var pupils = Encoding.UTF8.GetString(exports[ImportKind.Pupils]);
        pupils.ShouldContain($"{Upn(3)},Zoë,Ní Bhriain,,,11/11/2010,11,11R,E,Y,N");
        pupils.ShouldContain(school.PupilLastName);

        foreach (var (kind, content) in exports)
        {
            var response = await UploadToApiAsync(admin, new ImportFile(kind, $"{kind}.csv", content));
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            var file = JsonDocument.Parse(body).RootElement.GetProperty("files")[0];
            file.GetProperty("records").GetProperty("new").GetInt32().ShouldBe(0, $"{kind}: {body}");
            file.GetProperty("records").GetProperty("updated").GetInt32().ShouldBe(0, $"{kind}: {body}");
            file.GetProperty("records").GetProperty("unchanged").GetInt32().ShouldBeGreaterThan(0);
            if (kind == ImportKind.Carers)
            {
                file.GetProperty("links").GetProperty("new").GetInt32().ShouldBe(0, body);
                file.GetProperty("links").GetProperty("updated").GetInt32().ShouldBe(0, body);
            }
        }

        var exported = await QueryAsync(app, school, db => db.AuditEntries.AsNoTracking().Where(e => e.SchoolId == school.Id && e.Action == ImportAuditActions.Exported).Select(e => e.RecordType).ToListAsync());
        exported.Order().ShouldBe(["carers", "pupils", "staff"]);
    }

    [Fact]
    public async Task TheImportAndExportEndpoints_AreInTheOpenApiDocument()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var doc = JsonDocument.Parse(await (await new TestClient(app.NewBrowser()).GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync()).RootElement;
        var paths = doc.GetProperty("paths");
        foreach (var stem in new[] { "pupils", "carers", "staff" })
        {
            paths.GetProperty($"/api/v1/imports/{stem}").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _).ShouldBeTrue();
            paths.GetProperty($"/api/v1/exports/{stem}").TryGetProperty("get", out _).ShouldBeTrue();
        }
    }
}
