using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Identity;

namespace SecureBase.Tests.Support;

/// <summary>One way into the application: a route and an HTTP method, with the policy it declares.</summary>
public sealed record EndpointCase(string Pattern, string Method, PermitsAttribute? Permits, bool Anonymous, bool IsPage, RouteEndpoint Endpoint)
{
    public SchoolAction? Action => Permits?.ActionFor(Method);
    public bool IsApi => Pattern.StartsWith("api/", StringComparison.OrdinalIgnoreCase) || Pattern.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);
    public IReadOnlyList<string> Parameters => Endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
    public override string ToString() => $"{Method} /{Pattern.TrimStart('/')}";

    /// <summary>The URL with each route parameter filled from <paramref name="values"/>.</summary>
    public string Url(IReadOnlyDictionary<string, string> values)
    {
        var segments = new List<string>();
        foreach (var segment in Endpoint.RoutePattern.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart l => l.Content,
                RoutePatternSeparatorPart s => s.Content,
                RoutePatternParameterPart p => values.TryGetValue(p.Name, out var v)
                    ? Uri.EscapeDataString(v)
                    : throw new InvalidOperationException($"{this}: the tests have no sample value for route parameter '{p.Name}'. Add one to the test's route samples."),
                _ => throw new InvalidOperationException("Unknown route part"),
            }));
            segments.Add(text);
        }

        return "/" + string.Join('/', segments);
    }
}

/// <summary>Every endpoint the running application exposes, read from its endpoint data source.</summary>
public static class EndpointCatalog
{
    public static IReadOnlyList<EndpointCase> From(TestApp app)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var cases = new List<EndpointCase>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var permits = endpoint.Metadata.GetMetadata<PermitsAttribute>();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null
                         || endpoint.Metadata.Any(m => m.GetType().Name.Contains("PageActionDescriptor", StringComparison.Ordinal));
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods
                          ?? (isPage ? ["GET", "POST"] : ["GET"]);
            foreach (var method in methods)
            {
                cases.Add(new EndpointCase(endpoint.RoutePattern.RawText ?? "", method, permits, anonymous, isPage, endpoint));
            }
        }

        // Razor Pages register a page under more than one route ("/Index" and "/"); keep one of each.
        return cases.GroupBy(c => (c.Endpoint.RoutePattern.RawText, c.Method)).Select(g => g.First()).ToList();
    }
}
