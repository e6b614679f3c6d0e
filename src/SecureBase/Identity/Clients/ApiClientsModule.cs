using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Web;

namespace SecureBase.Identity.Clients;

/// <summary>
/// API clients (issue 15): systems without a browser that sign in with OAuth 2.0 client credentials at
/// <c>POST /oauth/token</c> and call <c>/api/v1</c> with <c>Authorization: Bearer</c>. See ADR 0016.
/// </summary>
internal static class ApiClientsModule
{
    /// <summary>The default scheme: a bearer token when the request carries one, else the session cookie.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public const string TokenPath = "/oauth/token";

    /// <summary>What granting an action lets a client do, in the administrator's words (also the OpenAPI scope's description).</summary>
    public static string Describe(SchoolAction action) => action switch
    {
        SchoolAction.ImportData => "Import pupils, parents and carers, and staff",
        SchoolAction.ViewWaitingList => "Read the waiting list",
        SchoolAction.ViewPupils => "Find pupils (names, year, tutor group)",
        SchoolAction.ViewStaff => "Read the staff list",
        SchoolAction.ViewCalendar => "Read the school calendar",
        SchoolAction.ViewSchool => "Read the school's name and settings",
        SchoolAction.MakeReferral => "Send local authority referrals by UPN (told only that each was received)",
        _ => action.ToString(),
    };

    public static AuthenticationBuilder AddApiClients(this AuthenticationBuilder auth)
    {
        auth.Services.AddSingleton<ClientTokens>();
        auth.Services.AddScoped<ApiClientAdministration>();
        return auth
            .AddPolicyScheme(CookieOrBearer, "Session cookie or API client token", o =>
                o.ForwardDefaultSelector = http => ClientBearerHandler.Carries(http.Request) ? ClientBearerHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ClientBearerHandler>(ClientBearerHandler.SchemeName, null);
    }

    public static IEndpointRouteBuilder MapApiClientTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, IssueAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The OAuth 2.0 token endpoint for the client credentials grant (RFC 6749 section 4.4): form-encoded
    /// <c>grant_type=client_credentials</c> with the client's id and secret in HTTP Basic or in the form.
    /// Errors carry the OAuth <c>error</c> code inside a problem document.
    /// </summary>
    private static async Task<IResult> IssueAsync(HttpContext http, SecureBaseDb db, ClientTokens tokens, TimeProvider clock, AuditAppender audit)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!http.Request.HasFormContentType)
        {
            return OAuthError(400, "invalid_request", "Send grant_type=client_credentials, client_id and client_secret as application/x-www-form-urlencoded.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!string.Equals(form["grant_type"], "client_credentials", StringComparison.Ordinal))
        {
            return OAuthError(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
        }

        var (id, secret) = Credentials(http.Request, form);
        if (id is null || secret is null)
        {
            return OAuthError(400, "invalid_request", "Send the client's id and secret (HTTP Basic, or client_id and client_secret in the form).");
        }

        var client = ApiClientId.TryParse(id, null, out var clientId)
            ? await db.ApiClients.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, http.RequestAborted)
            : null;
        var now = clock.GetUtcNow();
        var refusal = client is null ? "an unknown client id"
            : !client.SecretMatches(secret) ? "a wrong secret"
            : client.Unusable(now.UtcDateTime) is { } why ? $"the client was {why}"
            : null;
        if (refusal is not null)
        {
            var refusedActor = client is null ? AuditActor.System() : new AuditActor(client.Id.Value, CurrentUser.ApiClientPrefix + client.Name, CurrentUser.ApiClientRole, client.SchoolId);
            await ClientAudit.RecordAsync(audit, refusedActor, ClientAudit.TokenRefused, client?.Id.ToString(), $"token asked for with {refusal}");
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"SecureBase\"";
            return OAuthError(401, "invalid_client", client is not null && refusal.StartsWith("the client", StringComparison.Ordinal)
                ? $"This client cannot be used: {refusal}. Ask the school's administrator."
                : "The client id or secret is not right.");
        }

        var actor = new AuditActor(client!.Id.Value, CurrentUser.ApiClientPrefix + client.Name, CurrentUser.ApiClientRole, client.SchoolId);
        var granted = client.Granted.Where(PolicyTable.SystemCallerActions.Contains).ToHashSet();

        // RFC 6749 section 3.3: a scope narrows the token to some of the client's grant (least privilege for one script);
        // none gives the whole grant. Asking for more than the grant is refused, never quietly trimmed.
        var asked = form["scope"].ToString();
        IReadOnlySet<SchoolAction>? narrowed = null;
        if (!string.IsNullOrWhiteSpace(asked))
        {
            var wanted = ClientTokens.ParseScope(asked);
            if (wanted is null || !wanted.IsSubsetOf(granted))
            {
                var outside = asked.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Where(name => ClientTokens.ParseScope(name) is not { } one || !one.IsSubsetOf(granted))
                    .Distinct(StringComparer.Ordinal).ToList();
                var named = Shorten(string.Join(' ', outside));
                await ClientAudit.RecordAsync(audit, actor, ClientAudit.TokenRefused, client.Id.ToString(), $"token asked for with a scope outside the grant: {named}");
                return OAuthError(400, "invalid_scope",
                    $"This client may not have a token for: {named}. Ask only for actions it was granted ({string.Join(' ', granted.Order())}), or leave out scope for all of them.");
            }

            narrowed = wanted;
        }

        var token = tokens.Issue(new ClientToken(client.Id, client.SchoolId, now, now + ClientTokens.Lifetime, narrowed));
        await ClientAudit.RecordAsync(audit, actor, ClientAudit.TokenIssued, client.Id.ToString(),
            narrowed is null ? null : $"scope narrowed to {string.Join(' ', narrowed.Order())}");
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)ClientTokens.Lifetime.TotalSeconds,
            ["scope"] = string.Join(' ', (narrowed ?? granted).Order()),
        });
    }

    /// <summary>What a refusal repeats of the caller's words: at most 200 characters, on one line.</summary>
    private static string Shorten(string text)
    {
        var line = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    private static (string? Id, string? Secret) Credentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (null, null) : (Uri.UnescapeDataString(text[..colon]), Uri.UnescapeDataString(text[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        var id = form["client_id"].ToString();
        var secret = form["client_secret"].ToString();
        return (id.Length == 0 ? null : id, secret.Length == 0 ? null : secret);
    }

    private static IResult OAuthError(int status, string error, string detail) =>
        Results.Problem(detail, statusCode: status, title: status == 401 ? "The client was refused" : "The token request was refused",
            type: ProblemTypes.For(status), extensions: new Dictionary<string, object?> { ["error"] = error, ["error_description"] = detail });
}
