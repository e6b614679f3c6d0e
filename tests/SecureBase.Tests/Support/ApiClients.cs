using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SecureBase.Identity;

namespace SecureBase.Tests.Support;

/// <summary>A registered API client as the administrator's page showed it: its id and its secret (shown once).</summary>
public sealed record RegisteredClient(string Id, string Secret, string Name);

/// <summary>Registers API clients through the administrator's page and asks for tokens as a system would.</summary>
public static class ApiClients
{
    public static async Task<RegisteredClient> RegisterAsync(TestClient admin, string name, IEnumerable<SchoolAction> actions, DateOnly? expiresOn = null)
    {
        var fields = new List<KeyValuePair<string, string>> { Form.Field("Input.Name", name), Form.Clear("Input.Actions") };
        fields.AddRange(actions.Select(a => Form.Field("Input.Actions", a.ToString())));
        if (expiresOn is { } on)
        {
            fields.Add(Form.Field("Input.ExpiresOn", on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var page = await admin.SubmitAndReadAsync("/admin/api-clients", fields, "#register-client");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Errors.ShouldBeEmpty();
        return new RegisteredClient(
            page.Document.QuerySelector("#client-id")!.TextContent.Trim(),
            page.Document.QuerySelector("#client-secret")!.TextContent.Trim(),
            name);
    }

    /// <summary>Asks for a token; <paramref name="scope"/> (space-separated action names) narrows it to part of the grant.</summary>
    public static Task<HttpResponseMessage> AskForTokenAsync(TestApp app, string id, string secret, string? scope = null) =>
        AskForTokenAsync(app.CreateClient(), id, secret, scope);

    /// <summary>As <see cref="AskForTokenAsync(TestApp, string, string, string?)"/>, through any HTTP client (e.g. to a load balancer).</summary>
    public static Task<HttpResponseMessage> AskForTokenAsync(HttpClient http, string id, string secret, string? scope = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials"), new("client_id", id), new("client_secret", secret) };
        if (scope is not null)
        {
            fields.Add(new("scope", scope));
        }

        return http.PostAsync(new Uri("/oauth/token", UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    public static Task<string> TokenAsync(TestApp app, RegisteredClient client, string? scope = null) =>
        TokenAsync(app.CreateClient(), client, scope);

    public static async Task<string> TokenAsync(HttpClient http, RegisteredClient client, string? scope = null)
    {
        var response = await AskForTokenAsync(http, client.Id, client.Secret, scope);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>An HTTP client that sends the token and nothing else: no cookies, no antiforgery token.</summary>
    public static TestClient WithToken(TestApp app, string token)
    {
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new TestClient(http);
    }
}
