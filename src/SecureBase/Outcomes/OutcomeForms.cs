using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Web;

namespace SecureBase.Outcomes;

/// <summary>How the outcomes module's forms (TOM, SDQ, the assessments profile) answer once the desk has decided.</summary>
internal static class OutcomeForms
{
    /// <summary>
    /// Saved: the notice and the redirect. A record the user does not reach: 404. Otherwise null, with the
    /// errors on the form (409 when the record's state refuses it), for the page to show again.
    /// </summary>
    public static IActionResult? Answer<T>(PageModel page, Result<T> made, Func<T, string> notice, string next, string prefix)
    {
        if (made.IsSuccess)
        {
            page.TempData["Notice"] = notice(made.Value);
            return new RedirectResult(next);
        }

        if (made.Error is Error.NotFound)
        {
            return new NotFoundResult();
        }

        page.ModelState.AddErrors(made.Error!, prefix);
        if (made.Error is Error.Conflict)
        {
            page.Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return null;
    }
}
