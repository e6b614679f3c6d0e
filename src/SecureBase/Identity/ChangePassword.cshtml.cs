using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity;

[Permits(SchoolAction.ManageOwnAccount)]
public sealed class ChangePasswordModel(UserManager<AppUser> users, SchoolSignInManager signIn, CurrentUser me, AuditLog audit, SecureBaseDb db) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Required => me.MustChangePassword;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!string.Equals(Input.NewPassword, Input.ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError("Input.ConfirmPassword", "The two new passwords are not the same");
            return Page();
        }

        var user = await users.FindByIdAsync(me.UserId.ToString());
        if (user is null)
        {
            return NotFound();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword", e.Description);
            }

            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        audit.Record(AuditActions.PasswordChanged, "User", user.Id.ToString());
        // Every session of the account ends, on every device; this one continues under a new session id.
        await signIn.EndAllSessionsAsync(user.Id, SessionEnd.PasswordChanged);
        await db.SaveChangesAsync();
        await signIn.ReissueAsync(user, User, newSession: true);
        TempData["Notice"] = "Your password has been changed. Any other devices signed in to your account have been signed out.";
        return Redirect("/");
    }

    public sealed class PasswordInput
    {
        [Display(Name = "Current password")]
        [Needed]
        [StringLength(PasswordRules.MaxLength, ErrorMessage = "Passwords can be at most 128 characters")]
        public string? CurrentPassword { get; set; }

        [Display(Name = "New password")]
        [Needed]
        [StringLength(PasswordRules.MaxLength, ErrorMessage = "Passwords can be at most 128 characters")]
        public string? NewPassword { get; set; }

        [Display(Name = "New password again")]
        [Needed]
        public string? ConfirmPassword { get; set; }
    }
}
