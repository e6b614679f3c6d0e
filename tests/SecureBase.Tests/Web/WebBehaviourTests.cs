using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Web;

/// <summary>Headers, caching, errors: what protects a child's record in the browser.</summary>
public sealed class WebBehaviourTests
{
    [Theory, OnSqlite]
    public async Task Pages_CarryTheSecurityHeaders_AndAreNeverCached(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var browser = await school.SignInAsync(Role.Administrator);
        foreach (var url in new[] { "/", "/admin/users", "/api/v1/school", "/login", "/no-such-page" })
        {
            var r = await browser.GetAsync(url);
            var csp = r.Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldContain("script-src 'self'");
            csp.ShouldNotContain("unsafe-inline");
            csp.ShouldContain("frame-ancestors 'none'");
            r.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            r.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
            r.Headers.CacheControl!.NoStore.ShouldBeTrue(url);
            r.Headers.Contains("Server").ShouldBeFalse();
        }

        var css = await browser.GetAsync("/css/site.css");
        css.StatusCode.ShouldBe(HttpStatusCode.OK);
        css.Headers.CacheControl!.NoStore.ShouldBeFalse("static assets hold no personal data");
    }

    [Theory, OnSqlite]
    public async Task TheIcon_IsServedWithoutSigningIn(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var r = await new TestClient(app.NewBrowser()).GetAsync("/favicon.ico");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, "otherwise browsers bounce between the icon and the sign-in page");
        r.Content.Headers.ContentType!.MediaType.ShouldBe("image/x-icon");
    }

    [Theory, OnSqlite]
    public async Task OverHttps_TheBrowserIsToldToStayOnHttps(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://therapy.hollybrook.example"), AllowAutoRedirect = false });
        var r = await client.GetAsync(new Uri("/login", UriKind.Relative));
        r.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }

    [Theory, OnSqlite]
    public async Task Pages_HaveNoInlineScriptOrStyle_SoTheStrictPolicyHolds(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var browser = await school.SignInAsync(Role.Administrator);
        foreach (var url in new[] { "/", "/login", "/admin/users", "/admin/users/new", "/audit", "/account" })
        {
            var page = await browser.GetPageAsync(url);
            page.Document.QuerySelectorAll("script:not([src])").ShouldBeEmpty(url);
            page.Document.QuerySelectorAll("[style]").ShouldBeEmpty(url);
            page.Document.QuerySelectorAll("*").SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)).ShouldBeEmpty(url);
        }
    }

    [Theory, OnSqlite]
    public async Task AnUnexpectedFailure_ShowsAPlainMessageWithAReference_NeverAStackTrace(DatabaseProvider provider)
    {
        var shared = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(shared);
        await using var app = shared.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter, Throwing>()));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var head = school[Role.EducationStaff];
        (await new TestClient(client).SubmitAsync("/login", [Form.Field("Input.UserName", head.UserName), Form.Field("Input.Password", head.Password)]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await client.GetAsync(new Uri("/test/fails", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Something went wrong");
        html.ShouldContain("quote reference");
        html.ShouldNotContain("InvalidOperationException");
        html.ShouldNotContain(" at ");
        html.ShouldNotContain("a secret detail");

        var api = await client.GetAsync(new Uri("/api/test/fails", UriKind.Relative));
        api.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await api.Content.ReadAsStringAsync();
        body.ShouldContain("Nothing was changed");
        body.ShouldNotContain("a secret detail");
        body.ShouldNotContain("InvalidOperationException");
    }

    [Theory, OnSqlite]
    public async Task AnUnknownPage_IsAPlainNotFound_AndAnUnknownApiPathIsProblemDetails(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var browser = await school.SignInAsync(Role.Therapist);
        var page = await browser.GetPageAsync("/admin/users/not-a-guid");
        page.Status.ShouldBe(HttpStatusCode.NotFound);
        page.Title.ShouldBe("Page not found");
        var api = await browser.GetAsync("/api/v1/nothing-here");
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory, OnSqlite]
    public async Task RouteParameters_AreOnlyIds_SoNoPersonalDataAppearsInAnAddress(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var loose = EndpointCatalog.From(app)
            .SelectMany(e => e.Endpoint.RoutePattern.Parameters.Select(p => (e, p)))
            // A calendar feed's key is a random secret (the credential of a subscription), never a name or UPN;
            // requests are logged by route pattern, so it is not written to the application's logs.
            .Where(x => x.p.Name is not ("documentName" or "code" or "feedKey") && !x.p.ParameterPolicies.Any(pp => pp.Content is "guid" or "int"))
            .Select(x => $"{x.e}: {{{x.p.Name}}}")
            .Distinct()
            .ToList();
        loose.ShouldBeEmpty("route values must be ids (guid or int), never names or UPNs");
    }

    private sealed class Throwing : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext ctx, RequestDelegate n) => ctx.Request.Path.Value!.EndsWith("/test/fails", StringComparison.Ordinal)
                ? throw new InvalidOperationException("a secret detail about a pupil")
                : n(ctx));
        };
    }
}
