using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SecureBase.Web;

/// <summary>The page (or, for the API, the problem details) shown for an error status: plain words, no technical detail.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int code) => await ShowAsync(code);

    public async Task<IActionResult> OnPostAsync(int code) => await ShowAsync(code);

    // The status page is re-executed with the original request's method (a PUT or DELETE the
    // API does not handle, say): it answers every method with the same words.
    public override void OnPageHandlerSelected(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) =>
        context.HandlerMethod ??= context.ActionDescriptor.HandlerMethods.First(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase));

    private async Task<IActionResult> ShowAsync(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        (Heading, Explanation) = Code switch
        {
            400 => ("The request could not be used", "Something in the form or address was not right, so nothing was changed. If you submitted a form, go back, reload the page and try again."),
            401 => ("Please sign in", "You need to sign in to see this page."),
            403 => ("You do not have access to this page", "Your role does not allow this. If you think it should, ask your Head of Therapy or the school office."),
            404 => ("Page not found", "The page or record was not found, or you do not have access to it."),
            405 => ("That cannot be done here", "This page does not accept that kind of request."),
            413 => ("The file is too large", "Choose a smaller file and try again."),
            415 => ("That kind of file or data is not accepted", "Check the format and try again."),
            429 => ("Too many attempts", "Wait a minute and try again."),
            _ => ("Something went wrong", "Sorry, SecureBase could not finish that. Nothing that was already saved has been lost."),
        };
        Response.StatusCode = Code;
        if (Failures.IsApi(HttpContext))
        {
            await Failures.WriteProblemAsync(HttpContext, Code, Heading, Explanation);
            return new EmptyResult();
        }

        return Page();
    }
}
