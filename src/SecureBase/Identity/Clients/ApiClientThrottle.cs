using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Data;

namespace SecureBase.Identity.Clients;

/// <summary>An API client's requests in one minute, counted in the database so that every instance sees them.</summary>
internal sealed class ApiClientRequestCount
{
    /// <summary>The client's id as its tokens carry it.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Whole minutes since 1 January 1970 (UTC).</summary>
    public long WindowMinute { get; set; }

    public int Requests { get; set; }
}

/// <summary>
/// Limits each API client's requests per minute (<see cref="SecureBaseOptions.ApiClientRequestsPerMinute"/>) across every
/// application instance on the database, as <see cref="SignInThrottle"/> does for sign-in attempts: each request adds
/// one to the client's count for the minute with one atomic upsert, so two instances behind a load balancer cannot each
/// allow the limit (<see cref="MinuteCounts"/>). People's requests (a session cookie) are not counted here.
/// </summary>
internal sealed class ApiClientThrottle(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, SecureBaseDb db, IOptions<SecureBaseOptions> options, TimeProvider clock)
    {
        if (http.User.FindFirst(ClientClaims.Client)?.Value is { } client)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            var minute = now / 60;
            var limit = Math.Max(1, options.Value.ApiClientRequestsPerMinute);
            if (await MinuteCounts.ApiClientRequests.AddAsync(db, client, minute, http.RequestAborted) > limit)
            {
                var seconds = (int)Math.Max(1, ((minute + 1) * 60) - now);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    $"This client has made more requests this minute than the school allows ({limit}). Try again in {seconds} seconds.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    type: "https://www.rfc-editor.org/rfc/rfc6585#section-4").ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    }
}

internal sealed class ApiClientRequestCountConfiguration : IEntityTypeConfiguration<ApiClientRequestCount>
{
    public void Configure(EntityTypeBuilder<ApiClientRequestCount> b)
    {
        b.ToTable("api_client_requests");
        b.HasKey(r => new { r.ClientId, r.WindowMinute });
        b.Property(r => r.ClientId).HasMaxLength(64);
        b.HasIndex(r => r.WindowMinute);
    }
}
