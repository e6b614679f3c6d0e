using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Development;

/// <summary>A member of staff asks the Head of Therapy for individual supervision, and sees the answers to what they asked.</summary>
[Permits(SchoolAction.AskForSupervision)]
public sealed class AskSupervisionPageModel : PageModel
{
    private SupervisionDesk Desk => HttpContext.RequestServices.GetRequiredService<SupervisionDesk>();

    [BindProperty]
    public string? Message { get; set; }

    internal IReadOnlyList<SupervisionRequestView> Mine { get; private set; } = [];

    public async Task OnGetAsync() => Mine = await Desk.RequestsAsync(everyone: false, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var asked = await Desk.AskAsync(Message, HttpContext.RequestAborted);
        if (asked.IsSuccess)
        {
            TempData["Notice"] = "Your request has gone to the Head of Therapy.";
            return Redirect("/supervision/ask");
        }

        ModelState.AddErrors(asked.Error!, "");
        Mine = await Desk.RequestsAsync(everyone: false, HttpContext.RequestAborted);
        return Page();
    }
}
