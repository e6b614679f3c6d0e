using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Development;

/// <summary>The current lone-worker risk assessment: practitioners read and acknowledge it; the Head of Therapy sees who has not.</summary>
[Permits(SchoolAction.ViewLoneWorking, OnPost = SchoolAction.AcknowledgeLoneWorking)]
public sealed class LoneWorkingPageModel : PageModel
{
    private LoneWorkingDesk Desk => HttpContext.RequestServices.GetRequiredService<LoneWorkingDesk>();

    internal LoneWorkingView View { get; private set; } = null!;
    internal bool SeesEveryone { get; private set; }
    internal bool CanPublish { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var done = await Desk.AcknowledgeAsync(HttpContext.RequestAborted);
        if (done.IsSuccess)
        {
            TempData["Notice"] = "Thank you: your acknowledgement is recorded.";
            return Redirect("/lone-working");
        }

        ModelState.AddErrors(done.Error!, "");
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var me = HttpContext.RequestServices.GetRequiredService<CurrentUser>();
        SeesEveryone = me.ScopeFor(SchoolAction.ViewLoneWorking).HasFlag(Scope.School);
        CanPublish = me.Can(SchoolAction.ManageLoneWorking);
        View = await Desk.ViewAsync(SeesEveryone, HttpContext.RequestAborted);
    }
}
