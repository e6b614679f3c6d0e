using System.Net;
using System.Text.RegularExpressions;
using SecureBase.Identity;

namespace SecureBase.Bench.Authority;

/// <summary>
/// Signs in to the running application as a user would: password, then the authenticator's code
/// (computed from the account's key), and keeps the cookies for wrk.
/// </summary>
internal sealed partial class SignIn : IDisposable
{
    private readonly HttpClient _client;
    private readonly CookieContainer _cookies;
    private readonly Uri _address;

    private SignIn(Uri address)
    {
        _address = address;
        _cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Every cookie the application set (authentication and antiforgery), as one Cookie header.</summary>
    public string CookieHeader => _cookies.GetCookieHeader(_address);

    /// <summary>The pupil list's antiforgery token, for the search form's POST.</summary>
    public string PupilListToken { get; private set; } = "";

    public static async Task<SignIn> AsAsync(Uri address, BenchAccount account)
    {
        var s = new SignIn(address);
        var login = await s._client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var response = await s._client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("Input.UserName", account.UserName), new("Input.Password", account.Password), new("__RequestVerificationToken", TokenIn(login)),
        ]));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } second)
        {
            throw new InvalidOperationException($"The password step did not pass: {(int)response.StatusCode}");
        }

        // A code is accepted once: when this step's code was already used (or the step turned while posting), the next step's is tried.
        for (var attempt = 0; ; attempt++)
        {
            var page = await s._client.GetStringAsync(second);
            var code = TotpTokenProvider.Code(Base32.Decode(account.AuthenticatorKey), TotpTokenProvider.CurrentStep(TimeProvider.System));
            response = await s._client.PostAsync(second, new FormUrlEncodedContent(
            [
                new("Input.Code", code), new("__RequestVerificationToken", TokenIn(page)),
            ]));
            if (response.StatusCode != HttpStatusCode.OK || attempt == 2)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(TotpTokenProvider.StepSeconds - (TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() % TotpTokenProvider.StepSeconds) + 1));
        }

        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"The second-factor step did not reach the home page: {(int)response.StatusCode} {response.Headers.Location}");
        }

        s.PupilListToken = TokenIn(await s._client.GetStringAsync(new Uri("/pupils", UriKind.Relative)));
        return s;
    }

    /// <summary>Checks the page answers 200 to this user (not a redirect to sign in) and warms it.</summary>
    public async Task WarmAsync(string path, string? formBody, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(formBody is null ? HttpMethod.Get : HttpMethod.Post, new Uri(path, UriKind.Relative));
            if (formBody is not null)
            {
                request.Content = new StringContent(formBody, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
            }

            using var response = await _client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} {response.Headers.Location}");
            }

            await response.Content.ReadAsByteArrayAsync();
        }
    }

    /// <summary>A GET as this user (e.g. an API read as JSON); anything but 200 is an error.</summary>
    public async Task<string> ReadAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? text : throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>A bearer token for an API client, from the token endpoint (OAuth 2.0 client credentials), as a school's system gets one.</summary>
    public static async Task<string> ClientTokenAsync(Uri address, string clientId, string secret)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.PostAsync(new Uri(SecureBase.Identity.Clients.ApiClientsModule.TokenPath, UriKind.Relative), new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", secret),
        ]));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The token endpoint answered {(int)response.StatusCode}: {text}");
        }

        using var json = System.Text.Json.JsonDocument.Parse(text);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>One request, timed from sending to the last byte read (for the profile's one-connection p50).</summary>
    public async Task<double> TimeAsync(string path, string? formBody)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await WarmAsync(path, formBody, times: 1);
        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    public void Dispose() => _client.Dispose();

    private static string TokenIn(string page) => Token().Match(page) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("No antiforgery token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
