namespace SecureBase.Web;

/// <summary>
/// Headers on every response: a content security policy with no inline script, no framing,
/// no MIME sniffing, no referrer; and <c>Cache-Control: no-store</c> on everything but static
/// assets, because almost every page holds personal data about a child.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] StaticRoots = ["/css/", "/js/", "/img/", "/favicon"];

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            var path = http.Request.Path.Value ?? "";
            if (StaticRoots.Any(r => path.StartsWith(r, StringComparison.OrdinalIgnoreCase)))
            {
                h.CacheControl = "public, max-age=3600";
            }
            else
            {
                h.CacheControl = "no-store";
                h.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(http);
    }
}

/// <summary>
/// One log line per request: method, route pattern (never the path's values or the query
/// string, which could name a pupil), status and time taken.
/// </summary>
internal sealed class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await next(http);
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? (http.GetEndpoint() is null ? "(static or unmatched)" : "(endpoint)");
        logger.LogInformation("{Method} {Route} answered {Status} in {Milliseconds:0} ms",
            http.Request.Method, route, http.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
