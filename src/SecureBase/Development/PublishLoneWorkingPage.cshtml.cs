using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Development;

/// <summary>The Head of Therapy publishes a new version of the lone-worker risk assessment.</summary>
[Permits(SchoolAction.ManageLoneWorking)]
public sealed class PublishLoneWorkingPageModel : PageModel
{
    private LoneWorkingDesk Desk => HttpContext.RequestServices.GetRequiredService<LoneWorkingDesk>();

    [BindProperty]
    public string? Text { get; set; }

    internal int NextVersion { get; private set; }

    public async Task OnGetAsync()
    {
        var current = await Desk.CurrentAsync(HttpContext.RequestAborted);
        Text = current?.Text;
        NextVersion = (current?.Version ?? 0) + 1;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var published = await Desk.PublishAsync(Text, HttpContext.RequestAborted);
        if (published.IsSuccess)
        {
            TempData["Notice"] = $"Version {published.Value.Version} published: every practitioner is asked to acknowledge it.";
            return Redirect("/lone-working");
        }

        ModelState.AddErrors(published.Error!, "");
        NextVersion = ((await Desk.CurrentAsync(HttpContext.RequestAborted))?.Version ?? 0) + 1;
        return Page();
    }
}
