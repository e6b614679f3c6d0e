using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Data;

namespace SecureBase.Identity;

/// <summary>Marks a page whose form posts are sign-in attempts (the password and the two-factor code).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SignInAttemptAttribute : Attribute;

/// <summary>Sign-in attempts from one network address in one minute, counted in the database so that every instance sees them.</summary>
public sealed class SignInAttemptCount
{
    public string Address { get; set; } = "";

    /// <summary>Whole minutes since 1 January 1970 (UTC).</summary>
    public long WindowMinute { get; set; }

    public int Attempts { get; set; }
}

/// <summary>
/// Limits sign-in attempts per network address per minute across every application instance on the
/// database: each attempt adds one to its address's count for the minute with a single atomic
/// upsert (<see cref="MinuteCounts"/>), so two instances behind a load balancer cannot each allow the limit. Behind a proxy the
/// address is the client's, from X-Forwarded-For sent by a trusted proxy (docs/deployment.md).
/// </summary>
internal sealed class SignInThrottle(RequestDelegate next)
{
    public const string TooMany = "Too many sign-in attempts from this device. Wait a minute and try again.";

    public async Task InvokeAsync(HttpContext http, SecureBaseDb db, IOptions<SecureBaseOptions> options, TimeProvider clock)
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<SignInAttemptAttribute>() is not null)
        {
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "local";
            var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
            var attempts = await MinuteCounts.SignInAttempts.AddAsync(db, address, minute, http.RequestAborted);
            if (attempts > options.Value.LoginAttemptsPerMinute)
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(TooMany, http.RequestAborted);
                return;
            }
        }

        await next(http);
    }
}

internal sealed class SignInAttemptCountConfiguration : IEntityTypeConfiguration<SignInAttemptCount>
{
    public void Configure(EntityTypeBuilder<SignInAttemptCount> b)
    {
        b.ToTable("sign_in_attempts");
        b.HasKey(a => new { a.Address, a.WindowMinute });
        b.Property(a => a.Address).HasMaxLength(64);
        b.HasIndex(a => a.WindowMinute);
    }
}
