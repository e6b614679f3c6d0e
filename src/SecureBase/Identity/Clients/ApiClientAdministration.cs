using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity.Clients;

/// <summary>One row of the administrator's list of API clients.</summary>
internal sealed record ApiClientRow(ApiClientId Id, string Name, IReadOnlyList<SchoolAction> Actions, DateOnly ExpiresOn, DateTime CreatedAt, DateTime? RevokedAt, bool Expired);

/// <summary>Registers, rotates and revokes the school's API clients, each change audited.</summary>
internal sealed class ApiClientAdministration(SecureBaseDb db, CurrentUser me, AuditLog audit, TimeProvider clock, Schools.SchoolClock schoolClock)
{
    public DateOnly Today => schoolClock.Today;

    public async Task<IReadOnlyList<ApiClientRow>> ListAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var clients = await db.ApiClients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        return clients.Select(c => new ApiClientRow(c.Id, c.Name, c.Granted.Order().ToList(), c.ExpiresOn, c.CreatedAt, c.RevokedAt, c.HasExpired(now))).ToList();
    }

    public async Task<Result<(ApiClient Client, string Secret)>> RegisterAsync(ApiClientInput input, CancellationToken ct)
    {
        var result = ApiClient.Register(db.CurrentSchoolId, me.UserId, input, Today, clock.GetUtcNow().UtcDateTime);
        if (!result.IsSuccess)
        {
            return result;
        }

        var client = result.Value.Client;
        db.ApiClients.Add(client);
        audit.Record(ClientAudit.Registered, "ApiClient", client.Id.ToString(), detail: $"{client.Name}: {client.Actions}, until {client.ExpiresOn:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return result;
    }

    public async Task<Result<(ApiClient Client, string Secret)>> RotateAsync(ApiClientId id, CancellationToken ct)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return new Error.NotFound("That client is not registered for this school.");
        }

        var secret = client.Rotate(clock.GetUtcNow().UtcDateTime);
        if (!secret.IsSuccess)
        {
            return secret.Error!;
        }

        audit.Record(ClientAudit.Rotated, "ApiClient", client.Id.ToString(), detail: client.Name);
        await db.SaveChangesAsync(ct);
        return (client, secret.Value);
    }

    public async Task<Result<ApiClient>> RevokeAsync(ApiClientId id, CancellationToken ct)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return new Error.NotFound("That client is not registered for this school.");
        }

        var done = client.Revoke(clock.GetUtcNow().UtcDateTime);
        if (!done.IsSuccess)
        {
            return done.Error!;
        }

        audit.Record(ClientAudit.Revoked, "ApiClient", client.Id.ToString(), detail: client.Name);
        await db.SaveChangesAsync(ct);
        return client;
    }
}
