using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Web;

/// <summary>
/// A client generated from the OpenAPI document by a real generator compiles and works (issue 15): openapi-typescript
/// turns the running application's /openapi/v1.json into TypeScript types, the TypeScript compiler compiles a small
/// script written against them (Web/openapi/client.ts), and the script calls the application through openapi-fetch.
/// </summary>
public sealed class GeneratedClientTests
{
    [Theory, OnSqlite]
    public async Task AClientGeneratedFromTheDocument_Compiles_AndCallsTheApi(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        TestSchool school;
        await using (var seed = TestApp.StartOn(database))
        {
            school = await TestSchool.CreateAsync(seed);
        }

        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Sqlite"] = database.ConnectionString,
            ["SecureBase:AuditKey"] = TestApp.AuditKeyBase64,
            ["SecureBase:LoginAttemptsPerMinute"] = "100000",
        });
        var user = school[Role.HeadOfTherapy];
        var cookie = await SignInAsync(app.Address, user);

        var folder = Folder();
        await NodeTools.EnsureInstalledAsync(folder, "openapi-typescript");
        using (var http = new HttpClient { BaseAddress = app.Address })
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "openapi.json"), await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        }

        try
        {
            var generated = await NodeTools.RunAsync("npx", "--no-install openapi-typescript openapi.json -o api.d.ts", folder);
            generated.Code.ShouldBe(0, generated.Output + generated.Error);
            var compiled = await NodeTools.RunAsync("npx", "--no-install tsc -p .", folder);
            compiled.Code.ShouldBe(0, "the generated client and the script using it compile:\n" + compiled.Output + compiled.Error);

            var ran = await NodeTools.RunAsync("node", $"out/client.js {app.Address.ToString().TrimEnd('/')} \"{cookie}\"", folder);
            ran.Code.ShouldBe(0, ran.Error);
            using var result = JsonDocument.Parse(ran.Output);
            var me = result.RootElement.GetProperty("me");
            me.GetProperty("status").GetInt32().ShouldBe(200);
            me.GetProperty("userName").GetString().ShouldBe(user.UserName);
            me.GetProperty("school").GetString().ShouldBe(school.Name);
            var pupils = result.RootElement.GetProperty("pupils");
            pupils.GetProperty("status").GetInt32().ShouldBe(200);
            pupils.GetProperty("body").GetRawText().ShouldContain(school.PupilId.ToString());
            var missing = result.RootElement.GetProperty("missing");
            missing.GetProperty("status").GetInt32().ShouldBe(404);
            missing.GetProperty("title").GetString().ShouldNotBeNullOrEmpty("the 404's problem details are typed and read by the client");
        }
        finally
        {
            File.Delete(Path.Combine(folder, "openapi.json"));
        }
    }

    /// <summary>Signs in with password and authenticator code, as a person would; the session cookie a script is handed.</summary>
    private static async Task<string> SignInAsync(Uri address, TestUser user)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(120),
        };
        var client = new TestClient(http);
        var response = await client.SubmitAsync("/login", [Form.Field("Input.UserName", user.UserName), Form.Field("Input.Password", user.Password)]);
        if (response.Headers.Location?.OriginalString.StartsWith("/login/two-factor", StringComparison.Ordinal) == true)
        {
            response = await client.SubmitAsync(response.Headers.Location.OriginalString,
                [Form.Field("Input.Code", AuthenticatorApp.CodeFor(user.AuthenticatorKey!, TimeProvider.System.GetUtcNow()))]);
        }

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldNotStartWith("/login");
        return cookies.GetCookieHeader(address);
    }

    private static string Folder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "openapi");
}
