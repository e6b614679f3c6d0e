using Microsoft.AspNetCore.Http.HttpResults;

namespace SecureBase.Feeds;

public static class FeedsModule
{
    /// <summary>Calendar feeds: each person's secret iCalendar address for their sessions or their children's appointments.</summary>
    public static IServiceCollection AddFeedsModule(this IServiceCollection services)
    {
        services.AddScoped<CalendarFeeds>();
        return services;
    }

    /// <summary>
    /// The feed address itself. A calendar app cannot sign in, so the secret in the address is the
    /// credential: the endpoint is public, and an unknown or revoked secret answers a bare 404 that
    /// says nothing about whether it ever existed.
    /// </summary>
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feeds/{feedKey}.ics", ReadAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> ReadAsync(string feedKey, CalendarFeeds feeds, HttpContext http, CancellationToken ct)
    {
        var ics = await feeds.ReadAsync(feedKey, ct);
        if (ics is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8");
    }
}
