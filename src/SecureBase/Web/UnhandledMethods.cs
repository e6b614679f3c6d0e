using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SecureBase.Web;

/// <summary>
/// A request a page has no handler for answers "That cannot be done here" (405, with an Allow
/// header naming what the page does handle), or 400 when the page handles the method but not the
/// named handler asked for.
/// </summary>
/// <remarks>
/// Razor Pages otherwise renders the page without running any handler: a POST to a page that only
/// has <c>OnGet</c> drew the page with none of its data loaded, which failed (500) on every page
/// whose view needs its record. This filter is registered once for all pages, so a new page cannot
/// forget it. GET and HEAD are left alone: a page with no handlers at all is plain markup.
/// </remarks>
internal sealed class UnhandledMethods : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is not null || HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            return next();
        }

        var handled = context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        if (handled.Contains(method.ToUpperInvariant()))
        {
            // e.g. ?handler=Nonsense on a page whose POST handlers all have other names.
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return Task.CompletedTask;
        }

        handled.Add(HttpMethods.Get);
        handled.Add(HttpMethods.Head);
        context.HttpContext.Response.Headers.Allow = string.Join(", ", new[] { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" }.Where(handled.Contains));
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }
}
