using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Caseload;

/// <summary>Marks one of the user's own MDT actions as done (from their home page).</summary>
[Permits(SchoolAction.CompleteOwnActions)]
public sealed class CompleteActionModel(MdtMeetings meetings) : PageModel
{
    // Marking done is a POST from the home page; there is nothing to show here.
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(Guid actionId)
    {
        var outcome = await meetings.CompleteActionAsync(actionId, HttpContext.RequestAborted);
        if (outcome.Error is Error.NotFound)
        {
            return NotFound();
        }

        TempData["Notice"] = outcome.IsSuccess ? "Action marked as done." : outcome.Error!.Message;
        return Redirect("/");
    }
}
