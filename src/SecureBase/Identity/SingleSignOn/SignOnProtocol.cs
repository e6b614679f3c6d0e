using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SecureBase.Common;

namespace SecureBase.Identity.SingleSignOn;

/// <summary>What SecureBase remembers between sending someone to their provider and their coming back (in a protected cookie).</summary>
internal sealed record SignOnState(string State, string Nonce, string Verifier, Guid School, string? ReturnUrl, long IssuedAt);

/// <summary>A verified id_token's facts SecureBase uses.</summary>
internal sealed record SignOnIdentity(string Issuer, string Subject, string? Email, bool EmailVerified, IReadOnlyList<string> Methods);

/// <summary>
/// The OpenID Connect authorization code flow with PKCE, driven by SecureBase for each school's own provider (ADR 0017):
/// discovery and signing keys per issuer (cached by <see cref="ConfigurationManager{T}"/>), the state, nonce and code
/// verifier in a protected cookie that lives ten minutes and is used once, the code exchanged with the school's client
/// secret, and the id_token validated (signature, issuer, audience, lifetime on the application's clock, nonce).
/// </summary>
internal sealed class SignOnProtocol(IHttpClientFactory http, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string HttpClientName = "single-sign-on";
    public const string CookieName = "securebase.sso";
    public const string CallbackPath = "/login/school-account/callback";
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Clock difference allowed between SecureBase and the provider when checking a token's lifetime.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The <c>amr</c> values (RFC 8176) that count as the provider having checked more than one factor: <c>mfa</c> itself,
    /// or <c>hwk</c> (a hardware-bound key such as a passkey or security key, which verifies the person on the device).
    /// </summary>
    public static readonly IReadOnlySet<string> MultiFactorMethods = new HashSet<string>(StringComparer.Ordinal) { "mfa", "hwk" };

    /// <summary>Something the person has, which with <see cref="KnowOrAre"/> makes two factors.</summary>
    public static readonly IReadOnlySet<string> Possession = new HashSet<string>(StringComparer.Ordinal) { "otp", "sms", "tel", "swk", "sc" };

    /// <summary>Something the person knows or is.</summary>
    public static readonly IReadOnlySet<string> KnowOrAre = new HashSet<string>(StringComparer.Ordinal) { "pwd", "pin", "fpt", "face", "iris", "retina", "vbm", "user" };

    private static readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> Managers = new(StringComparer.Ordinal);
    private readonly IDataProtector _cookie = protection.CreateProtector("SecureBase.SingleSignOn.State");
    private readonly IDataProtector _secrets = protection.CreateProtector("SecureBase.SingleSignOn.ClientSecret");

    public string ProtectSecret(string secret) => _secrets.Protect(secret);

    /// <summary>Whether the provider's <c>amr</c> claim says it checked more than one factor.</summary>
    public static bool AssertsMultiFactor(IReadOnlyCollection<string> methods) =>
        methods.Any(MultiFactorMethods.Contains) || (methods.Any(Possession.Contains) && methods.Any(KnowOrAre.Contains));

    public static string RedirectUri(HttpRequest request) => $"{request.Scheme}://{request.Host}{CallbackPath}";

    private ConfigurationManager<OpenIdConnectConfiguration> Metadata(string issuer) =>
        Managers.GetOrAdd(issuer, i =>
        {
            var retriever = new HttpDocumentRetriever(http.CreateClient(HttpClientName)) { RequireHttps = !SchoolSignOn.IsLoopback(new Uri(i)) };
            return new ConfigurationManager<OpenIdConnectConfiguration>(i + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever);
        });

    /// <summary>The provider's discovery document, or null when it cannot be read or names another issuer.</summary>
    private async Task<OpenIdConnectConfiguration?> DiscoverAsync(SchoolSignOn sso, CancellationToken ct)
    {
        try
        {
            var config = await Metadata(sso.Issuer).GetConfigurationAsync(ct);
            return string.Equals(config.Issuer?.TrimEnd('/'), sso.Issuer, StringComparison.Ordinal) ? config : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Where to send the person to sign in at their provider; the state goes into the response's cookie.</summary>
    public async Task<string?> BeginAsync(HttpContext context, SchoolSignOn sso, string? loginHint, string? returnUrl)
    {
        var config = await DiscoverAsync(sso, context.RequestAborted);
        if (config is null || string.IsNullOrEmpty(config.AuthorizationEndpoint))
        {
            return null;
        }

        var state = new SignOnState(Random(), Random(), Random(), sso.SchoolId.Value, returnUrl, clock.GetUtcNow().ToUnixTimeSeconds());
        context.Response.Cookies.Append(CookieName, _cookie.Protect(JsonSerializer.Serialize(state)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // The provider sends the person back with a cross-site GET: a Strict cookie would not come with it.
            SameSite = SameSiteMode.Lax,
            Path = CallbackPath,
            MaxAge = StateLifetime,
            IsEssential = true,
        });
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = sso.ClientId,
            ["redirect_uri"] = RedirectUri(context.Request),
            ["scope"] = "openid email profile",
            ["state"] = state.State,
            ["nonce"] = state.Nonce,
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(state.Verifier))),
            ["code_challenge_method"] = "S256",
        };
        if (!string.IsNullOrEmpty(loginHint))
        {
            query["login_hint"] = loginHint;
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(config.AuthorizationEndpoint, query);
    }

    /// <summary>Reads and removes the state cookie: a callback can be used once, within ten minutes.</summary>
    public SignOnState? TakeState(HttpContext context)
    {
        var raw = context.Request.Cookies[CookieName];
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CallbackPath, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, HttpOnly = true });
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize<SignOnState>(_cookie.Unprotect(raw));
            var age = clock.GetUtcNow().ToUnixTimeSeconds() - (state?.IssuedAt ?? 0);
            return state is not null && age >= 0 && age <= StateLifetime.TotalSeconds ? state : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>Exchanges the code and validates the id_token; a refusal says why, for the audit log.</summary>
    public async Task<Result<SignOnIdentity>> CompleteAsync(HttpContext context, SchoolSignOn sso, SignOnState state, string code)
    {
        var ct = context.RequestAborted;
        var config = await DiscoverAsync(sso, ct);
        if (config is null || string.IsNullOrEmpty(config.TokenEndpoint))
        {
            return Refused("the provider's discovery document could not be read or names another issuer");
        }

        string secret;
        try
        {
            secret = _secrets.Unprotect(sso.ProtectedSecret);
        }
        catch (CryptographicException)
        {
            return Refused("the stored client secret cannot be read with this installation's keys");
        }

        string? idToken;
        try
        {
            using var response = await http.CreateClient(HttpClientName).PostAsync(new Uri(config.TokenEndpoint), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = RedirectUri(context.Request),
                ["client_id"] = sso.ClientId,
                ["client_secret"] = secret,
                ["code_verifier"] = state.Verifier,
            }), ct);
            if (!response.IsSuccessStatusCode)
            {
                return Refused($"the provider refused the code ({(int)response.StatusCode})");
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            idToken = body.RootElement.TryGetProperty("id_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        catch (HttpRequestException)
        {
            return Refused("the provider's token endpoint could not be reached");
        }
        catch (JsonException)
        {
            return Refused("the provider's token response was not JSON");
        }

        if (string.IsNullOrEmpty(idToken))
        {
            return Refused("the provider's token response had no id_token");
        }

        var validated = await ValidateAsync(idToken, sso, config);
        if (!validated.IsValid && validated.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider may have rotated its keys since they were cached: read them again once.
            Metadata(sso.Issuer).RequestRefresh();
            config = await DiscoverAsync(sso, ct);
            if (config is not null)
            {
                validated = await ValidateAsync(idToken, sso, config);
            }
        }

        if (!validated.IsValid || validated.SecurityToken is not JsonWebToken jwt)
        {
            return Refused($"the id_token is not valid ({validated.Exception?.GetType().Name ?? "unknown"})");
        }

        if (!jwt.TryGetPayloadValue<string>("nonce", out var nonce) || !Same(nonce, state.Nonce))
        {
            return Refused("the id_token's nonce does not match this sign-in");
        }

        var email = jwt.Claims.FirstOrDefault(c => c.Type == "email")?.Value;
        var verified = jwt.Claims.Any(c => c.Type == "email_verified" && string.Equals(c.Value, "true", StringComparison.OrdinalIgnoreCase))
                       // Microsoft Entra ID sends no email_verified: its optional claim xms_edov says the email's domain is verified by the tenant.
                       || (sso.Provider == SignOnProvider.MicrosoftEntraId && jwt.Claims.Any(c => c.Type == "xms_edov" && string.Equals(c.Value, "true", StringComparison.OrdinalIgnoreCase)));
        var methods = jwt.Claims.Where(c => c.Type == "amr").Select(c => c.Value).ToList();
        return new SignOnIdentity(jwt.Issuer, jwt.Subject, email, verified, methods);
    }

    private Task<TokenValidationResult> ValidateAsync(string idToken, SchoolSignOn sso, OpenIdConnectConfiguration config) =>
        new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = config.Issuer,
            ValidAudience = sso.ClientId,
            IssuerSigningKeys = config.SigningKeys,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = ClockSkew,
            // On the application's clock (TimeProvider), not the machine's.
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } until && now <= until.ToUniversalTime() + ClockSkew
                       && (notBefore is not { } from || now >= from.ToUniversalTime() - ClockSkew);
            },
        });

    private static Error Refused(string why) => new Error.Forbidden(why);

    private static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
