using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SecureBase.Identity;

[Permits(SchoolAction.ManageOwnAccount)]
public sealed class AccountModel(UserManager<AppUser> users, CurrentUser me) : PageModel
{
    public CurrentUser Me => me;
    public bool TwoFactorOn { get; private set; }
    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Whether the account is linked to a school account (single sign-on, ADR 0017).</summary>
    public bool SchoolAccountLinked { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.FindByIdAsync(me.UserId.ToString());
        if (user is null)
        {
            return NotFound();
        }

        TwoFactorOn = user.TwoFactorEnabled;
        RecoveryCodesLeft = TwoFactorOn ? await users.CountRecoveryCodesAsync(user) : 0;
        SchoolAccountLinked = (await users.GetLoginsAsync(user)).Any(l => l.ProviderDisplayName == SingleSignOn.SchoolAccountLinks.DisplayName);
        return Page();
    }
}
