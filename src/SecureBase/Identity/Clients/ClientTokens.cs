using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Web;

namespace SecureBase.Identity.Clients;

/// <summary>
/// What an access token says: which client, for which school, issued and expiring when, and (when the client asked for a
/// narrower <c>scope</c>) the only actions it may be used for; null means the client's whole grant.
/// </summary>
internal sealed record ClientToken(ApiClientId Client, SchoolId School, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, IReadOnlySet<SchoolAction>? Scope = null);

/// <summary>
/// Access tokens for API clients: opaque strings protected with the installation's Data Protection keys (the keys kept
/// in its database, ADR 7), so only this installation can read them and nobody can change one. A token names one client
/// and one school and lives <see cref="Lifetime"/>; the client's registration is checked again on every call.
/// </summary>
internal sealed class ClientTokens(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const string Prefix = "sbt_";
    private const string Purpose = "SecureBase.ApiClientToken.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public string Issue(ClientToken token) =>
        Prefix + _protector.Protect(string.Join('|',
            token.Client.Value.ToString("N"),
            token.School.Value.ToString("N"),
            token.IssuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            token.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            token.Scope is null ? "*" : string.Join(' ', token.Scope.Order())));

    /// <summary>The token's content, or null when it was not issued by this installation (or was altered).</summary>
    public ClientToken? Read(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string text;
        try
        {
            text = _protector.Unprotect(token[Prefix.Length..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        // Five parts; a token issued before scopes existed has four and stands for the whole grant.
        var parts = text.Split('|');
        return parts.Length is 4 or 5
               && Guid.TryParseExact(parts[0], "N", out var client)
               && Guid.TryParseExact(parts[1], "N", out var school)
               && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
               && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            ? new ClientToken(new ApiClientId(client), new SchoolId(school), DateTimeOffset.FromUnixTimeSeconds(issued), DateTimeOffset.FromUnixTimeSeconds(expires),
                parts.Length == 5 && parts[4] != "*" ? ParseScope(parts[4]) : null)
            : null;
    }

    /// <summary>
    /// The actions a <c>scope</c> names (OAuth 2.0: space-separated, case-sensitive), or null when one of them is not an
    /// action's name. An empty scope names none.
    /// </summary>
    public static IReadOnlySet<SchoolAction>? ParseScope(string scope)
    {
        var actions = new HashSet<SchoolAction>();
        foreach (var name in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!name.All(char.IsAsciiLetter) || !Enum.TryParse<SchoolAction>(name, ignoreCase: false, out var action))
            {
                return null;
            }

            actions.Add(action);
        }

        return actions;
    }
}

/// <summary>The claims an API client's request carries after its token was read.</summary>
internal static class ClientClaims
{
    public const string Client = "sb:client";
    public const string School = "sb:client-school";
    public const string IssuedAt = "sb:client-iat";

    /// <summary>The actions the token was narrowed to (space-separated); absent when it carries the client's whole grant.</summary>
    public const string Scope = "sb:client-scope";
}

/// <summary>
/// The <c>Authorization: Bearer</c> scheme for API clients (RFC 6750). It reads the token only; <see cref="SessionGuard"/>
/// then checks the client's registration (revoked, expired, rotated, its school) from the database on every call, as it
/// does for people's sessions. Refusals are 401 or 403 problem details with a <c>WWW-Authenticate: Bearer</c> header.
/// </summary>
internal sealed class ClientBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ClientTokens tokens, TimeProvider clock, AuditAppender audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiClientBearer";
    private const string RefusalItem = "sb:bearer-refusal";

    /// <summary>Whether a request carries a bearer token (and so is authenticated by this scheme, never by the cookie).</summary>
    public static bool Carries(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = tokens.Read(header["Bearer ".Length..].Trim());
        if (token is null)
        {
            Context.Items[RefusalItem] = "The access token was not issued by this SecureBase installation, or it was altered. Ask for a new one at /oauth/token.";
            await ClientAudit.RecordAsync(audit, AuditActor.System(), ClientAudit.TokenRefused, null,
                $"a bearer token not issued by this installation, on {Request.Method} {Request.Path}");
            return AuthenticateResult.Fail("unreadable token");
        }

        if (token.ExpiresAt <= clock.GetUtcNow())
        {
            Context.Items[RefusalItem] = "The access token has expired (they last 10 minutes). Ask for a new one at /oauth/token.";
            return AuthenticateResult.Fail("expired token");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClientClaims.Client, token.Client.ToString()),
                new Claim(ClientClaims.School, token.School.ToString()),
                new Claim(ClientClaims.IssuedAt, token.IssuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ],
            SchemeName);
        if (token.Scope is { } scope)
        {
            identity.AddClaim(new Claim(ClientClaims.Scope, string.Join(' ', scope.Order())));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Refuse(Context, StatusCodes.Status401Unauthorized, "The access token was refused",
            Context.Items[RefusalItem] as string ?? "Send Authorization: Bearer with an access token from /oauth/token.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Refuse(Context, StatusCodes.Status403Forbidden, "This client may not do that",
            "The school has not given this API client permission for this action. An administrator can change what it may do at /admin/api-clients.");

    /// <summary>A 401 or 403 problem document, with the bearer challenge a client library expects.</summary>
    public static async Task Refuse(HttpContext http, int status, string title, string detail)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        http.Response.Headers.WWWAuthenticate = status == StatusCodes.Status401Unauthorized
            ? "Bearer error=\"invalid_token\""
            : "Bearer error=\"insufficient_scope\"";
        await Results.Problem(detail, statusCode: status, title: title, type: ProblemTypes.For(status)).ExecuteAsync(http);
    }
}

/// <summary>
/// Audit entries about API clients, appended on their own (<see cref="AuditAppender"/>: never with a request's unsaved
/// changes, and grouped with other calls' entries under load), committed before the caller goes on.
/// </summary>
internal static class ClientAudit
{
    public const string Registered = "api-client.registered";
    public const string Rotated = "api-client.secret-rotated";
    public const string Revoked = "api-client.revoked";
    public const string TokenIssued = "api-client.token-issued";

    /// <summary>A security event: a wrong secret, a revoked or expired client, a token of another school or installation.</summary>
    public const string TokenRefused = "api-client.refused";

    /// <summary>Every API call a client makes, with its method, address and answer.</summary>
    public const string Call = "api.call";

    public static Task RecordAsync(AuditAppender audit, AuditActor actor, string action, string? recordId, string? detail) =>
        audit.AppendAsync(actor, action, "ApiClient", recordId, detail);
}
