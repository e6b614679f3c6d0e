using System.Net;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Web;

public sealed class FormTests
{
    [Theory, OnSqlite]
    public async Task EveryPostForm_OnEveryPageARoleCanOpen_CarriesAnAntiforgeryToken(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var samples = Identity.RouteSamples.For(school);
        var pages = EndpointCatalog.From(app).Where(e => e.IsPage && e.Method == "GET").ToList();
        var missing = new List<string>();
        var forms = 0;
        foreach (var role in new[] { Role.Administrator, Role.HeadOfTherapy, Role.EducationStaff, Role.Pupil })
        {
            var browser = await school.SignInAsync(role);
            foreach (var e in pages)
            {
                var page = await browser.GetPageAsync(e.Url(samples));
                if (page.Status != HttpStatusCode.OK)
                {
                    continue;
                }

                foreach (var form in page.Document.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
                {
                    forms++;
                    if (form.QuerySelector("input[name=__RequestVerificationToken]") is null)
                    {
                        missing.Add($"{RoleInfo.Of(role).Name} on {e.Url(samples)}: form posting to '{form.GetAttribute("action")}' has no token");
                    }
                }
            }
        }

        forms.ShouldBeGreaterThan(10);
        missing.ShouldBeEmpty();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SignOut_FromTheHeader_EndsTheSession(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var browser = await school.SignInAsync(Role.Therapist);
        var response = await browser.SubmitAsync("/", [], "form[action='/logout']");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("/login");
        var after = await browser.GetAsync("/");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.AbsolutePath.ShouldBe("/login");
    }
}
