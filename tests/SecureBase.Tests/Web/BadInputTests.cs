using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Web;

/// <summary>Bad input gets a clear message naming the field, and changes nothing.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string, string, string> BadNewUsers => new()
    {
        // display name, username, role, expected message
        { "", "", "Therapist", "Enter name" },
        { "Ms Valid", "", "Therapist", "Enter username" },
        { "Ms Valid", "valid.one", "", "Choose at least one role" },
        { "<script>alert('x')</script>", "valid.two", "Therapist", "Name can only contain letters" },
        { "Robert'); DROP TABLE users;--", "valid.three", "Therapist", "Name can only contain letters" },
        { "Ali\u202Egnp.exe", "valid.four", "Therapist", "Name contains a hidden text-direction character" },
        { "Zoë\u0007Bell", "valid.five", "Therapist", "Name contains a control character" },
        { new string('a', 101), "valid.six", "Therapist", "Name must be 100 characters or fewer" },
        { "Ms Valid", "has a space", "Therapist", "no spaces" },
        { "Ms Valid", new string('u', 65), "Therapist", "Username must be 64 characters or fewer" },
        { "Ms Valid", "valid.seven", "Superuser", "Choose roles from the list" },
        { "Ms Valid", "valid.eight", "7", "Choose roles from the list" },
    };

    [Theory, MemberData(nameof(BadNewUsers))]
    public async Task AddingAUser_WithBadInput_SaysWhatIsWrong_AndCreatesNoOne(string name, string userName, string role, string message)
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var before = await UserCountAsync(app, school);

        var fields = new List<KeyValuePair<string, string>> { Form.Field("Input.DisplayName", name), Form.Field("Input.UserName", userName) };
        if (role.Length > 0)
        {
            fields.Add(Form.Field("Input.Roles", role));
        }

        var page = await admin.SubmitAndReadAsync("/admin/users/new", fields);
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Errors.ShouldContain(e => e.Contains(message, StringComparison.Ordinal), $"errors shown: {string.Join(" | ", page.Errors)}");
        page.Html.ShouldNotContain("<script>alert");
        (await UserCountAsync(app, school)).ShouldBe(before);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AddingAUser_LinkedToAnotherSchoolsStaffRecord_IsRefused(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var ours = await TestSchool.CreateAsync(app);
        var theirs = await TestSchool.CreateAsync(app);
        var admin = await ours.SignInAsync(Role.Administrator);
        var before = await SchoolSnapshot.TakeAsync(app, theirs);

        var page = await admin.SubmitAndReadAsync("/admin/users/new",
        [
            Form.Field("Input.DisplayName", "Niamh Ní Bhriain"), Form.Field("Input.UserName", "niamh." + TestSchool.Letters(5)),
            Form.Field("Input.Roles", "Therapist"), Form.Field("Input.StaffId", theirs.TherapistStaffId.ToString()),
        ]);
        page.Errors.ShouldContain("Error: That staff record was not found in this school");
        (await SchoolSnapshot.TakeAsync(app, theirs)).ShouldBe(before);

        var garbled = await admin.SubmitAndReadAsync("/admin/users/new",
            [Form.Field("Input.DisplayName", "Niamh Ní Bhriain"), Form.Field("Input.UserName", "niamh.x"), Form.Field("Input.Roles", "Therapist"), Form.Field("Input.StaffId", "1 OR 1=1")]);
        garbled.Errors.ShouldContain("Error: Choose a staff record from the list");
    }

    [Fact]
    public async Task AddingAUser_WithANameInAnyScript_Works_AndShowsAPasswordOnce()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        foreach (var name in new[] { "Siobhán O'Connor-Ní Bhriain", "王芳", "Дмитрий Иванов", "سارة حسن" })
        {
            var page = await admin.SubmitAndReadAsync("/admin/users/new",
                [Form.Field("Input.DisplayName", name), Form.Field("Input.UserName", "u." + TestSchool.Letters(8)), Form.Field("Input.Roles", "EducationStaff")]);
            page.Errors.ShouldBeEmpty();
            page.Title.ShouldBe($"{name} can now sign in");
            page.Document.QuerySelector("#temporary-password")!.TextContent.Trim().Length.ShouldBeGreaterThanOrEqualTo(12);
        }
    }

    [Fact]
    public async Task SigningIn_WithEmptyOrOverlongFields_NamesTheField()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var browser = new TestClient(app.NewBrowser());
        var empty = await browser.SubmitAndReadAsync("/login", [Form.Field("Input.UserName", ""), Form.Field("Input.Password", "")]);
        empty.Errors.ShouldContain("Error: Enter username");
        empty.Errors.ShouldContain("Error: Enter password");
        var overlong = await browser.SubmitAndReadAsync("/login", [Form.Field("Input.UserName", new string('x', 300)), Form.Field("Input.Password", new string('y', 200))]);
        overlong.Errors.ShouldContain(e => e.Contains("Username must be 256 characters or fewer", StringComparison.Ordinal));
        overlong.Errors.ShouldContain(e => e.Contains("at most 128 characters", StringComparison.Ordinal));
        var hostile = await browser.SubmitAndReadAsync("/login", [Form.Field("Input.UserName", "<img src=x onerror=alert(1)>"), Form.Field("Input.Password", "' OR '1'='1' --")]);
        hostile.Status.ShouldBe(HttpStatusCode.OK);
        hostile.Html.ShouldNotContain("<img src=x");
    }

    [Fact]
    public async Task StoredText_IsEncodedWhereverItIsShown()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        await using (var scope = app.Scope())
        {
            // Text that reached the database by some other route (an import, an older version).
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var user = await db.Users.SingleAsync(u => u.Id == school[Role.Therapist].Id);
            user.DisplayName = "<script>alert('stored')</script> & Co";
            await db.SaveChangesAsync();
        }

        var admin = await school.SignInAsync(Role.Administrator);
        foreach (var url in new[] { "/admin/users", $"/admin/users/{school[Role.Therapist].Id}" })
        {
            var page = await admin.GetPageAsync(url);
            page.Html.ShouldNotContain("<script>alert('stored')");
            page.Text.ShouldContain("<script>alert('stored')</script> & Co");
        }
    }

    [Fact]
    public async Task ChangingRoles_ToSomethingThatIsNotARole_ChangesNothing()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var before = await SchoolSnapshot.TakeAsync(app, school);
        var page = await admin.SubmitAndReadAsync($"/admin/users/{school[Role.Sendco].Id}", [Form.Field("Input.Roles", "Administrator'--")], "form[action*='handler=Roles']");
        page.Errors.ShouldContain("Error: Choose roles from the list");
        var none = await admin.SubmitAndReadAsync($"/admin/users/{school[Role.Sendco].Id}", [Form.Clear("Input.Roles")], "form[action*='handler=Roles']");
        none.Errors.ShouldContain(e => e.Contains("Choose at least one role", StringComparison.Ordinal));
        var self = await admin.SubmitAndReadAsync($"/admin/users/{school[Role.Administrator].Id}", [Form.Field("Input.Roles", "Therapist")], "form[action*='handler=Roles']");
        self.Errors.ShouldContain(e => e.Contains("cannot remove your own administrator role", StringComparison.Ordinal));
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
    }

    private static async Task<int> UserCountAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Memberships.CountAsync();
    }
}
