using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity.Clients;

/// <summary>
/// The session guard's part for API clients: on every call, the client's registration is read from the database (so
/// revoking, expiry and rotation hold at once), the token's school must be the client's, pages are refused, and the call
/// is audited under the client's name once it has been answered.
/// </summary>
internal static class ClientGuard
{
    private sealed record Found(ApiClient Client, SchoolRead? School);

    private sealed record SchoolRead(string Name, string TimeZoneId);

    // Compiled once: EF's preparing of this LINQ query on every call was a measurable share of a call's work.
    private static readonly PerModel<Func<SecureBaseDb, ApiClientId, CancellationToken, Task<Found?>>> ClientAndSchool = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, ApiClientId id, CancellationToken ct) => db.ApiClients.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new Found(c, db.Schools.Where(s => s.Id == c.SchoolId).Select(s => new SchoolRead(s.Name, s.TimeZoneId)).FirstOrDefault()))
            .SingleOrDefault()));

    public static async Task InvokeAsync(HttpContext http, RequestDelegate next, CurrentUser current, SchoolContext schoolContext, SecureBaseDb db, TimeProvider clock)
    {
        var audit = http.RequestServices.GetRequiredService<AuditAppender>();
        var principal = http.User;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!ApiClientId.TryParse(principal.FindFirstValue(ClientClaims.Client), null, out var clientId)
            || !SchoolId.TryParse(principal.FindFirstValue(ClientClaims.School), null, out var tokenSchool)
            || !long.TryParse(principal.FindFirstValue(ClientClaims.IssuedAt), NumberStyles.None, CultureInfo.InvariantCulture, out var issuedSeconds))
        {
            await ClientBearerHandler.Refuse(http, StatusCodes.Status401Unauthorized, "The access token was refused", "Ask for a new access token at /oauth/token.");
            return;
        }

        // The client and its school's name and time zone in one query: this runs before every call a client makes.
        var found = await ClientAndSchool.For(db)(db, clientId, http.RequestAborted);
        var client = found?.Client;
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(issuedSeconds).UtcDateTime;
        var refusal = client is null ? "the client is not registered"
            : client.SchoolId != tokenSchool ? "the token names another school than the client's"
            : client.Unusable(now) is { } why ? $"the client was {why}"
            : issuedAt < client.SecretSetAt ? "the token was issued with a secret that has since been rotated"
            : null;
        if (refusal is not null)
        {
            var actor = client is null ? AuditActor.System() : new AuditActor(client.Id.Value, CurrentUser.ApiClientPrefix + client.Name, CurrentUser.ApiClientRole, client.SchoolId);
            await ClientAudit.RecordAsync(audit, actor, ClientAudit.TokenRefused, clientId.ToString(), $"{refusal}; {http.Request.Method} {http.Request.Path}");
            await ClientBearerHandler.Refuse(http, StatusCodes.Status401Unauthorized, "The access token was refused",
                $"This access token can no longer be used: {refusal}. Ask the school's administrator.");
            return;
        }

        if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            // Pages are for people: a bearer token never opens one (and never needs the cookie or antiforgery token pages use).
            await ClientBearerHandler.Refuse(http, StatusCodes.Status401Unauthorized, "Pages need a person signed in",
                "An API client's access token opens only the API under /api/v1.");
            return;
        }

        var school = found!.School ?? throw new InvalidOperationException("An API client's school was not found.");
        // A token asked for with a narrower scope may be used only for those actions, however much the client was granted.
        var grant = principal.FindFirstValue(ClientClaims.Scope) is { } scope
            ? client!.Granted.Intersect(ClientTokens.ParseScope(scope) ?? new HashSet<SchoolAction>()).ToHashSet()
            : client!.Granted;
        current.ApiClientSignedIn(client.Id.Value, client.Name, client.SchoolId, school.Name, grant);
        schoolContext.Enter(client.SchoolId, school.TimeZoneId);
        try
        {
            await next(http);
        }
        finally
        {
            await ClientAudit.RecordAsync(audit, current.Actor, ClientAudit.Call, client.Id.ToString(),
                $"{http.Request.Method} {http.Request.Path} answered {http.Response.StatusCode.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
