using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Imports;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Imports;

/// <summary>The office's journey: choose the files, see what will happen, then import (or not).</summary>
public sealed class ImportPageTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task CheckingTheFiles_ShowsWhatWillHappen_AndOnlyConfirmingImportsThem(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);

        var preview = await UploadOnPageAsync(admin, SmallSchool(), missingPupilsHaveLeft: true);

        preview.Status.ShouldBe(HttpStatusCode.OK);
        preview.Errors.ShouldBeEmpty();
        preview.Text.ShouldContain("Check what will happen, then import");
        var rows = preview.Document.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        rows[0][0].ShouldStartWith("Pupils");
        rows[0].Skip(1).ShouldBe(["3", "3", "0", "0", "1", "0"]);
        rows[1][0].ShouldStartWith("Parents and carers");
        rows[1][2].ShouldContain("links to pupils: 4");
        preview.Text.ShouldContain("Pupils who will be marked as having left today");
        preview.Text.ShouldContain(school.PupilLastName, Case.Sensitive, "the pupil missing from the file is named before anything changes");
        (await PupilsAsync(app, school)).Count.ShouldBe(1, "nothing is imported until the office confirms");

        var pendingId = PendingId(preview);
        preview.Document.QuerySelectorAll("form").Select(f => f.GetAttribute("action") ?? "").ShouldAllBe(a => !a.Contains(pendingId, StringComparison.Ordinal), "the pending import's id is never in an address");

        // The Import now form is on the preview page; post it as the browser would.
        var token = await admin.TokenFromAsync("/admin/import");
        var done = await admin.PostFormAsync("/admin/import?handler=Confirm", [Form.Field("__RequestVerificationToken", token), Form.Field("PendingId", pendingId)]);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await admin.GetPageAsync(done.Headers.Location!.OriginalString);
        after.Text.ShouldContain("Imported. pupils: 3 new, 0 updated, 0 unchanged, 1 marked as left");
        var pupils = await PupilsAsync(app, school);
        pupils.Count.ShouldBe(4);
        pupils.Single(p => p.Id == school.PupilId).HasLeft.ShouldBeTrue();
        (await QueryAsync(app, school, db => db.PendingImports.CountAsync())).ShouldBe(0, "the files are deleted once imported");

        var twice = await admin.PostFormAsync("/admin/import?handler=Confirm", [Form.Field("__RequestVerificationToken", token), Form.Field("PendingId", pendingId)]);
        (await TestClient.ReadAsync(twice)).Errors.ShouldContain(e => e.Contains("no longer waiting to be imported", StringComparison.Ordinal));
        (await PupilsAsync(app, school)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task RejectedLines_AreShownWithTheirLineNumbers_AndNothingWaitsToBeConfirmed()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var before = await SchoolSnapshot.TakeAsync(app, school);
        var (badUpn, expected) = WrongUpn(4);

        var page = await UploadOnPageAsync(admin, [File(ImportKind.Pupils, PupilsCsv(
            $"{Upn(1)},Amelia,Jones,,,02/03/2014,7,7JB,K,N,Y",
            $"{badUpn},<script>alert('x')</script>,Jones,,,02/03/2014,7,7JB,K,N,Y"))]);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("Nothing was imported");
        var reject = page.Document.QuerySelectorAll("table")[1].QuerySelector("tbody tr")!;
        reject.QuerySelector("th")!.TextContent.Trim().ShouldBe("3");
        reject.TextContent.ShouldContain($"should be {expected}");
        reject.TextContent.ShouldContain("Legal forename can only contain letters");
        page.Html.ShouldNotContain("<script>alert");
        page.Document.QuerySelector("form[action*='handler=Confirm']").ShouldBeNull();
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
    }

    [Fact]
    public async Task ChoosingNoFile_OrATooLargeFile_SaysWhatIsWrong_AndCancellingDeletesTheWaitingFiles()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);

        (await UploadOnPageAsync(admin, [])).Errors.ShouldContain("Error: Choose at least one file to import");
        (await UploadOnPageAsync(admin, [SmallSchool()[2]], missingPupilsHaveLeft: true)).Errors
            .ShouldContain(e => e.Contains("Choose the pupils file too", StringComparison.Ordinal));

        var huge = new byte[(10 * 1024 * 1024) + 10];
        Encoding.UTF8.GetBytes(PupilsHeader).CopyTo(huge, 0);
        var tooLarge = await UploadOnPageAsync(admin, [new ImportFile(ImportKind.Pupils, "pupils.csv", huge)]);
        tooLarge.Errors.ShouldContain(e => e.Contains("the largest file SecureBase accepts is 10 MB", StringComparison.Ordinal));

        var preview = await UploadOnPageAsync(admin, [SmallSchool()[0]]);
        var pendingId = PendingId(preview);
        var token = await admin.TokenFromAsync("/admin/import");
        var cancel = await admin.PostFormAsync("/admin/import?handler=Cancel", [Form.Field("__RequestVerificationToken", token), Form.Field("PendingId", Guid.NewGuid().ToString())]);
        cancel.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await QueryAsync(app, school, db => db.PendingImports.CountAsync())).ShouldBe(1, "an unknown id cancels nothing");

        var adminToken = await admin.TokenFromAsync("/admin/import");
        (await admin.PostFormAsync("/admin/import?handler=Cancel", [Form.Field("__RequestVerificationToken", adminToken), Form.Field("PendingId", pendingId)]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await QueryAsync(app, school, db => db.PendingImports.CountAsync())).ShouldBe(0);
        (await PupilsAsync(app, school)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task FilesLeftWaitingMoreThanHalfAnHour_CannotBeImported_AndAreDeleted()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var pendingId = PendingId(await UploadOnPageAsync(admin, [SmallSchool()[0]]));
        var past = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        await QueryAsync(app, school, db => db.PendingImports.ExecuteUpdateAsync(p => p.SetProperty(x => x.ExpiresAt, past)));

        var token = await admin.TokenFromAsync("/admin/import");
        var late = await TestClient.ReadAsync(await admin.PostFormAsync("/admin/import?handler=Confirm", [Form.Field("__RequestVerificationToken", token), Form.Field("PendingId", pendingId)]));

        late.Errors.ShouldContain(e => e.Contains("no longer waiting to be imported (they are kept for 30 minutes)", StringComparison.Ordinal));
        (await PupilsAsync(app, school)).Count.ShouldBe(1);
        await admin.GetPageAsync("/admin/import");
        (await QueryAsync(app, school, db => db.PendingImports.CountAsync())).ShouldBe(0, "expired files are deleted, not kept");
    }

    [Fact]
    public async Task TheExportPage_DownloadsEachList_AndTheNavigationOffersImportAndExport()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var home = await admin.GetPageAsync("/");
        home.Document.QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")).ShouldContain("/admin/import");
        home.Document.QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")).ShouldContain("/admin/export");

        var download = await admin.SubmitAsync("/admin/export", [], "form[action*='handler=Pupils']");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync());
        csv.ShouldContain(PupilsHeader);
        csv.ShouldContain(school.PupilLastName);

        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await teacher.GetPageAsync("/")).Document.QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")).ShouldNotContain("/admin/import");
    }
}
