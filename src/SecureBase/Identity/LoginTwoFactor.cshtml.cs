using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity;

/// <summary>The second step of signing in: a code from the authenticator app, or a recovery code.</summary>
[AllowAnonymous]
[SignInAttempt]
public sealed class LoginTwoFactorModel(SchoolSignInManager signIn, SecureBaseDb db, AuditLog audit) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Identity/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Identity/Login");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // A school account (single sign-on) may have been the first factor instead of a password: the audit says which.
        var schoolAccount = await signIn.PendingSchoolAccountIssuerAsync();
        var code = Input.Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code!.Replace(" ", "", StringComparison.Ordinal));
        var actor = await AccountAudit.ActorForAsync(db, user);
        if (result.Succeeded)
        {
            await audit.RecordNowAsync(actor, AuditActions.LoginSucceeded, "User", user.Id.ToString(), detail: SecondFactorWords(schoolAccount, recovery: code.Length != 6));
            return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        await audit.RecordNowAsync(actor, result.IsLockedOut ? AuditActions.LoginLockedOut : AuditActions.TwoFactorFailed, "User", user.Id.ToString());
        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? "This account is locked after too many wrong tries. Try again in 15 minutes."
            : "That code is not right. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes.");
        return Page();
    }

    /// <summary>How the person signed in, for the audit log: the first factor (password or school account) and the second.</summary>
    internal static string SecondFactorWords(string? schoolAccountIssuer, bool recovery) =>
        (schoolAccountIssuer is null ? "password" : $"school account ({schoolAccountIssuer})") + (recovery ? " and recovery code" : " and authenticator code");

    public sealed class CodeInput
    {
        [Display(Name = "Code")]
        [Needed]
        [SchoolText(20)]
        public string? Code { get; set; }
    }
}
