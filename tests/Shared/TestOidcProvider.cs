using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SecureBase.Tests.Support;

/// <summary>Who the test provider signs in at its next /authorize.</summary>
public sealed record TestProviderUser(string Subject, string Email, bool EmailVerified = true, IReadOnlyList<string>? Methods = null);

/// <summary>
/// A minimal OpenID Connect provider on loopback (a real Kestrel server on 127.0.0.1), as a school's Entra ID or Google
/// would be to SecureBase: discovery, a JWKS with an RSA key, /authorize that "signs in" <see cref="User"/> and redirects
/// back with a one-use code, and /token that checks the client secret and the PKCE verifier and returns a signed
/// id_token. Knobs make each bad case: another audience, an expired token, another nonce, a key not in the JWKS.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string ClientId, string Redirect, string Challenge, string? Nonce, TestProviderUser User)> _codes = new();
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key-" + Guid.NewGuid().ToString("N")[..8] };
    private readonly RsaSecurityKey _otherKey = new(RSA.Create(2048)) { KeyId = "other-key" };
    private readonly TimeProvider _clock;

    private TestOidcProvider(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    public string Issuer { get; private set; } = "";
    public string ClientId { get; } = "securebase-" + Guid.NewGuid().ToString("N")[..8];
    public string ClientSecret { get; } = "secret-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The person who signs in at the next /authorize.</summary>
    public TestProviderUser? User { get; set; }

    public string? AudienceInstead { get; set; }
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan IssuedAgo { get; set; } = TimeSpan.Zero;
    public string? NonceInstead { get; set; }
    public bool SignWithUnknownKey { get; set; }

    public int TokenRequests;

    /// <summary>Starts the provider on a free loopback port; token times come from <paramref name="clock"/> (the application's test clock).</summary>
    public static async Task<TestOidcProvider> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new TestOidcProvider(app, clock);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Issuer,
            ["authorization_endpoint"] = provider.Issuer + "/authorize",
            ["token_endpoint"] = provider.Issuer + "/token",
            ["jwks_uri"] = provider.Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(provider._key);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/');
        return provider;
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["response_type"] != "code" || q["client_id"] != ClientId || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]) || User is null)
        {
            return Results.BadRequest("bad authorization request");
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (ClientId, q["redirect_uri"]!, q["code_challenge"]!, q["nonce"], User);
        return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"]!)}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        Interlocked.Increment(ref TokenRequests);
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"]!, out var issued)
            || form["client_id"] != ClientId || form["client_secret"] != ClientSecret || form["redirect_uri"] != issued.Redirect
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != issued.Challenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        var now = _clock.GetUtcNow().UtcDateTime - IssuedAgo;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = issued.User.Subject,
            ["email"] = issued.User.Email,
            ["email_verified"] = issued.User.EmailVerified,
            ["name"] = "Test person",
        };
        if ((NonceInstead ?? issued.Nonce) is { } nonce)
        {
            claims["nonce"] = nonce;
        }

        if (issued.User.Methods is { } methods)
        {
            claims["amr"] = methods.ToArray();
        }

        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AudienceInstead ?? ClientId,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(SignWithUnknownKey ? _otherKey : _key, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new { access_token = "not-used", token_type = "Bearer", expires_in = 300, id_token = token });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
