using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Imports;
using SecureBase.Pupils;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Imports;

/// <summary>CSV files in the shape school information systems export, and ways to import them in a test school.</summary>
public static class ImportFiles
{
    public const string PupilsHeader = "UPN,Legal forename,Legal surname,Preferred forename,Preferred surname,Date of birth,Year group,Reg group,SEN status,Looked after,Pupil premium";
    public const string CarersHeader = "Contact ID,Pupil UPN,Title,Forename,Surname,Relationship,Parental responsibility,Priority,Email,Telephone,Address,Contact preference,Language,Restricted";
    public const string StaffHeader = "Staff code,Title,Forename,Surname,Email,Job title,Discipline,Registration body,Registration number,Registration renewal,Caseload capacity";

    /// <summary>A valid UPN (with its check letter) numbered <paramref name="n"/>; never the test school's own pupil.</summary>
    public static string Upn(int n)
    {
        var twelve = "8231234" + n.ToString("D5", CultureInfo.InvariantCulture);
        return SecureBase.Pupils.Upn.CheckLetterFor(twelve) + twelve;
    }

    /// <summary>A UPN with the wrong check letter, and the letter the message should ask for.</summary>
    public static (string Upn, char Expected) WrongUpn(int n)
    {
        var good = Upn(n);
        var wrong = good[0] == 'A' ? 'B' : 'A';
        return (wrong + good[1..], good[0]);
    }

    public static string PupilsCsv(params string[] lines) => string.Join("\r\n", lines.Prepend(PupilsHeader)) + "\r\n";

    public static string CarersCsv(params string[] lines) => string.Join("\r\n", lines.Prepend(CarersHeader)) + "\r\n";

    public static string StaffCsv(params string[] lines) => string.Join("\r\n", lines.Prepend(StaffHeader)) + "\r\n";

    /// <summary>Three pupils, four carer lines (one parent with two children) and two staff: a small school's export.</summary>
    public static IReadOnlyList<ImportFile> SmallSchool() =>
    [
        File(ImportKind.Pupils, PupilsCsv(
            $"{Upn(1)},Amelia,Jones,Millie,,02/03/2014,7,7JB,K,N,Y",
            $"{Upn(2)},Oliver,Jones,,,2016-09-14,Year 5,5T,N,N,Y",
            $"{Upn(3)},Zoë,Ní Bhriain,,,11/11/2010,11,11R,E,Y,N")),
        File(ImportKind.Carers, CarersCsv(
            $"C100,{Upn(1)},Mrs,Sarah,Jones,Mother,Y,1,sarah.jones@example.org,07700 900123,\"1 High Street, Leeds\",Email,English,N",
            $"C100,{Upn(2)},Mrs,Sarah,Jones,Mother,Y,1,sarah.jones@example.org,07700 900123,\"1 High Street, Leeds\",Email,English,N",
            $"C101,{Upn(1)},Mr,David,Jones,Father,Y,2,,07700 900456,,Phone,,N",
            $"C200,{Upn(3)},Ms,Aoife,Ní Bhriain,Foster carer,N,1,aoife@example.org,,,Email,Irish,N")),
        File(ImportKind.Staff, StaffCsv(
            "SLT1,Ms,Priya,Shah,p.shah@example.org,Speech and language therapist,SaLT,HCPC,SL12345,31/03/2027,25",
            "TCH7,Mr,Tom,Baker,t.baker@example.org,Class teacher,,,,,")),
    ];

    public static ImportFile File(ImportKind kind, string text, bool bom = false) =>
        new(kind, $"{ImportKinds.FileStem(kind)}.csv", Bytes(text, bom));

    public static byte[] Bytes(string text, bool bom = false) =>
        [.. bom ? (byte[])[0xEF, 0xBB, 0xBF] : [], .. Encoding.UTF8.GetBytes(text)];

    /// <summary>Runs an import in the school as the application would, outside any request.</summary>
    public static async Task<ImportReport> ImportAsync(TestApp app, TestSchool school, IReadOnlyList<ImportFile> files, ImportOptions? options = null, bool dryRun = false)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<SchoolDataImport>().RunAsync(files, options ?? new ImportOptions(), dryRun);
    }

    /// <summary>Reads the school's records with a fresh context.</summary>
    public static async Task<T> QueryAsync<T>(TestApp app, TestSchool school, Func<SecureBaseDb, Task<T>> query)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await query(scope.ServiceProvider.GetRequiredService<SecureBaseDb>());
    }

    public static Task<List<Pupil>> PupilsAsync(TestApp app, TestSchool school) =>
        QueryAsync(app, school, db => db.Pupils.AsNoTracking().OrderBy(p => p.Upn).ToListAsync());

    /// <summary>Posts the import page's form with files, as a browser does (multipart, with the antiforgery token).</summary>
    public static async Task<Page> UploadOnPageAsync(TestClient browser, IEnumerable<ImportFile> files, bool missingPupilsHaveLeft = false)
    {
        var token = await browser.TokenFromAsync("/admin/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        if (missingPupilsHaveLeft)
        {
            form.Add(new StringContent("true"), "Input.MissingPupilsHaveLeft");
        }

        foreach (var f in files)
        {
            var content = new ByteArrayContent(f.Content);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(content, f.Kind switch { ImportKind.Pupils => "Input.PupilsFile", ImportKind.Carers => "Input.CarersFile", _ => "Input.StaffFile" }, f.FileName);
        }

        return await TestClient.ReadAsync(await browser.Http.PostAsync(new Uri("/admin/import", UriKind.Relative), form));
    }

    /// <summary>Posts one file to the import API as an integration would.</summary>
    public static Task<HttpResponseMessage> UploadToApiAsync(TestClient client, ImportFile file, string query = "", bool withClientHeader = true)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", file.FileName);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/imports/{ImportKinds.FileStem(file.Kind)}{query}", UriKind.Relative)) { Content = form };
        if (withClientHeader)
        {
            request.Headers.Add(ImportsApi.ClientHeader, "test-suite");
        }

        return client.Http.SendAsync(request);
    }

    /// <summary>The hidden pending-import id of the page's "Import now" form.</summary>
    public static string PendingId(Page page) =>
        (page.Document.QuerySelector("form[action*='handler=Confirm'] input[name=PendingId]") as IHtmlInputElement)?.Value
        ?? throw new InvalidOperationException("The page has no Import now button: " + string.Join(" | ", page.Errors) + page.Text[..Math.Min(600, page.Text.Length)]);
}
