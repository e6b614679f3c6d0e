using System.Net;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

public sealed class SignInTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task EveryRole_SignsIn_AndSeesItsOwnHomePage(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        foreach (var info in RoleInfo.All)
        {
            var browser = await school.SignInAsync(info.Role);
            var home = await browser.GetPageAsync("/");
            home.Status.ShouldBe(HttpStatusCode.OK, info.Name);
            home.Text.ShouldContain(info.Role == Role.Pupil ? "This is your space" : info.Name);
        }
    }
}
