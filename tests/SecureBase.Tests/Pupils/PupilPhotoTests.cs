using System.Net;
using System.Net.Http.Headers;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Pupils;

public sealed class PupilPhotoTests
{
    /// <summary>The smallest valid PNG: a single transparent pixel.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static byte[] Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8.ToArray(), 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    private static async Task<Page> UploadAsync(TestClient browser, string pupilId, byte[] bytes, string fileName, string contentType)
    {
        var token = await browser.TokenFromAsync($"/pupils/{pupilId}/photo");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "Photo", fileName);
        var response = await browser.Http.PostAsync(new Uri($"/pupils/{pupilId}/photo", UriKind.Relative), form);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return await browser.GetPageAsync(response.Headers.Location!.OriginalString);
        }

        return await TestClient.ReadAsync(response);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheOffice_AddsAPhoto_WhichTheTherapyTeamSees_AndNobodyElse(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var pupilId = school.PupilId.ToString();
        var admin = await school.SignInAsync(Role.Administrator);

        (await admin.GetPageAsync($"/pupils/{pupilId}")).Document.QuerySelector("img.pupil-photo").ShouldBeNull("no photo yet");
        var record = await UploadAsync(admin, pupilId, Png, "jamal.png", "image/png");
        record.Status.ShouldBe(HttpStatusCode.OK);
        record.Text.ShouldContain("The photo has been saved.");

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var seen = await hot.GetPageAsync($"/pupils/{pupilId}");
        seen.Document.QuerySelector("img.pupil-photo")!.GetAttribute("src").ShouldBe($"/pupils/{pupilId}/photo/image");
        var image = await hot.GetAsync($"/pupils/{pupilId}/photo/image");
        image.StatusCode.ShouldBe(HttpStatusCode.OK);
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await image.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        image.Headers.CacheControl?.NoStore.ShouldBe(true, "a child's photo is not kept in the browser's cache");

        (await (await school.SignInAsync(Role.EducationStaff)).GetAsync($"/pupils/{pupilId}/photo/image")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await school.SignInAsync(Role.LocalAuthorityOfficer)).GetAsync($"/pupils/{pupilId}/photo/image")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await hot.GetAsync($"/pupils/{pupilId}/photo")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "only the office changes the photo");

        var otherSchool = await TestSchool.CreateAsync(app);
        var otherHot = await otherSchool.SignInAsync(Role.HeadOfTherapy);
        (await otherHot.GetAsync($"/pupils/{pupilId}/photo/image")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another school's pupil does not exist for them");
        var otherAdmin = await otherSchool.SignInAsync(Role.Administrator);
        (await otherAdmin.GetAsync($"/pupils/{pupilId}/photo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite]
    public async Task APhotoThatIsNotAnImageOrTooLarge_IsRefusedWithAReason_AndTheOldOneStays(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var pupilId = school.PupilId.ToString();
        var admin = await school.SignInAsync(Role.Administrator);
        (await UploadAsync(admin, pupilId, Jpeg, "first.jpg", "image/jpeg")).Status.ShouldBe(HttpStatusCode.OK);

        var renamed = await UploadAsync(admin, pupilId, "%PDF-1.7 not a picture"u8.ToArray(), "sneaky.png", "image/png");
        renamed.Errors.ShouldContain("The photo must be a JPEG or PNG image", "recognised by its contents, not its name");

        var huge = new byte[(2 * 1024 * 1024) + 10];
        Png.CopyTo(huge, 0);
        var tooLarge = await UploadAsync(admin, pupilId, huge, "huge.png", "image/png");
        tooLarge.Errors.ShouldContain(e => e.Contains("2 MB or less", StringComparison.Ordinal));

        var nothing = await admin.SubmitAndReadAsync($"/pupils/{pupilId}/photo", [], "#upload");
        nothing.Errors.ShouldContain("Choose a photo to upload");

        var image = await admin.GetAsync($"/pupils/{pupilId}/photo/image");
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg", "the first photo is still there");
        (await image.Content.ReadAsByteArrayAsync()).ShouldBe(Jpeg);
    }

    [Theory, OnSqlite]
    public async Task ReplacingAndRemovingThePhoto_IsAudited(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var pupilId = school.PupilId.ToString();
        var admin = await school.SignInAsync(Role.Administrator);
        await UploadAsync(admin, pupilId, Jpeg, "first.jpg", "image/jpeg");
        await UploadAsync(admin, pupilId, Png, "second.png", "image/png");
        (await admin.GetAsync($"/pupils/{pupilId}/photo/image")).Content.Headers.ContentType!.MediaType.ShouldBe("image/png");

        var removed = await admin.SubmitAsync($"/pupils/{pupilId}/photo", [], "#remove");
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetAsync($"/pupils/{pupilId}/photo/image")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetPageAsync($"/pupils/{pupilId}")).Document.QuerySelector("img.pupil-photo").ShouldBeNull();

        var trail = await admin.GetPageAsync("/audit");
        trail.Text.ShouldContain("Changed a pupil's photo");
        trail.Text.ShouldContain("Removed a pupil's photo");
    }
}
