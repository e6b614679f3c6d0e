using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace SecureBase.Tests.Support;

/// <summary>The named POST handlers of a page (<c>OnPostDisableAsync</c> is "Disable"), read from the compiled page.</summary>
public static class PageHandlers
{
    public static async Task<IReadOnlyList<string?>> PostHandlersAsync(TestApp app, EndpointCase endpoint)
    {
        var descriptor = endpoint.Endpoint.Metadata.OfType<ActionDescriptor>().OfType<PageActionDescriptor>().FirstOrDefault();
        if (descriptor is null)
        {
            return [];
        }

        var loader = app.Services.GetRequiredService<PageLoader>();
        var compiled = await loader.LoadAsync(descriptor, endpoint.Endpoint.Metadata);
        return compiled.HandlerMethods
            .Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Name)
            .Distinct()
            .ToList();
    }
}
