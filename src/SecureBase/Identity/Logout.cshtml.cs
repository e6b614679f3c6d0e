using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Audit;

namespace SecureBase.Identity;

[Permits(SchoolAction.ManageOwnAccount)]
public sealed class LogoutModel(SchoolSignInManager signIn, AuditLog audit, CurrentUser me) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.RecordNowAsync(me.Actor, AuditActions.Logout, "User", me.UserId.ToString());
        await signIn.SignOutAsync();
        return RedirectToPage("/Identity/Login", new { signedOut = true });
    }
}
