using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SecureBase.BrowserTests.Pages;
using SecureBase.BrowserTests.Support;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Identity;

/// <summary>
/// The administrator registers an API client for the school's information system (issue 15): a form left wrong is
/// explained in the error summary; the secret is shown once and never again; rotating stops the old secret at the token
/// endpoint and the new one works; revoking stops the client. The page is accessible throughout.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiClientsJourneyTests(BrowserFixture browser)
{
    private const string WaitingList = "Read the waiting list";
    private const string Referrals = "Send local authority referrals by UPN (told only that each was received)";

    [BrowserFact]
    public async Task TheAdministratorRegistersAClient_SeesItsSecretOnce_RotatesIt_AndRevokesIt()
    {
        await using var session = await browser.NewSessionAsync(withAxe: true);
        await session.SignInAsync(browser.Demo.For(Role.Administrator));
        var page = session.Page;
        await page.GotoAsync("/");
        await page.Locator("nav a[href='/admin/api-clients']").ClickAsync();
        await page.WaitToArriveAsync("/admin/api-clients");
        var clients = new ApiClientsAdminPage(page);
        (await clients.Heading.InnerTextAsync()).ShouldBe("API clients");
        await page.ShouldHaveNoAccessibilityViolationsAsync("the API clients page");

        // Nothing chosen, no name and a date already gone: each is explained, and nothing is registered.
        var today = SecureBase.Schools.SchoolTime.London.Today(TimeProvider.System);
        await clients.RegisterAsync(null, [], today.AddDays(-1));
        await clients.ErrorSummary.WaitForAsync();
        var problems = await clients.ErrorSummary.InnerTextAsync();
        problems.ShouldContain("Enter a name for the client");
        problems.ShouldContain("Choose at least one thing the client may do");
        problems.ShouldContain("must be today or later");
        (await clients.NewSecret.CountAsync()).ShouldBe(0);
        await page.ShouldHaveNoAccessibilityViolationsAsync("the API clients page with its errors");

        var name = "County case system " + Guid.NewGuid().ToString("N")[..6];
        await clients.RegisterAsync(name, [WaitingList, Referrals], today.AddMonths(6));
        await clients.NewSecret.WaitForAsync();
        var (id, secret) = await clients.ShownSecretAsync();
        secret.ShouldStartWith("sbs_");
        (await clients.Row(name).InnerTextAsync()).ShouldContain("In use");
        (await clients.Row(name).InnerTextAsync()).ShouldContain(WaitingList);
        await page.ShouldHaveNoAccessibilityViolationsAsync("the new client's secret");

        using var http = new HttpClient { BaseAddress = browser.BaseAddress };
        var token = await TokenAsync(http, id, secret, HttpStatusCode.OK);
        using (var call = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/waiting-list", UriKind.Relative)))
        {
            call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await http.SendAsync(call)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // Shown once: reloading the page shows the client, never its secret.
        await ApiClientsAdminPage.OpenAsync(page);
        (await clients.NewSecret.CountAsync()).ShouldBe(0);
        (await page.ContentAsync()).ShouldNotContain(secret);
        (await clients.Row(name).CountAsync()).ShouldBe(1);

        await clients.RotateAsync(name);
        var (sameId, rotated) = await clients.ShownSecretAsync();
        sameId.ShouldBe(id);
        rotated.ShouldNotBe(secret);
        await TokenAsync(http, id, secret, HttpStatusCode.Unauthorized);
        await TokenAsync(http, id, rotated, HttpStatusCode.OK);

        await clients.RevokeAsync(name);
        (await clients.Notice.InnerTextAsync()).ShouldContain($"{name} was revoked");
        (await clients.Row(name).InnerTextAsync()).ShouldContain("Revoked");
        (await clients.Row(name).GetByRole(Microsoft.Playwright.AriaRole.Button).CountAsync()).ShouldBe(0, "a revoked client can be neither rotated nor revoked again");
        await TokenAsync(http, id, rotated, HttpStatusCode.Unauthorized);
        await page.ShouldHaveNoAccessibilityViolationsAsync("the list with a revoked client");
        session.Errors.ShouldBeEmpty();
    }

    /// <summary>Asks /oauth/token for a token as the information system would, expecting <paramref name="expected"/>.</summary>
    private static async Task<string?> TokenAsync(HttpClient http, string id, string secret, HttpStatusCode expected)
    {
        using var response = await http.PostAsync(new Uri("/oauth/token", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"), new("client_id", id), new("client_secret", secret),
        ]));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        var json = JsonDocument.Parse(body).RootElement;
        if (expected != HttpStatusCode.OK)
        {
            json.GetProperty("error").GetString().ShouldBe("invalid_client");
            return null;
        }

        return json.GetProperty("access_token").GetString();
    }
}
