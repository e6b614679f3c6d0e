using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity;

[AllowAnonymous]
[SignInAttempt]
public sealed class LoginModel(SchoolSignInManager signIn, UserManager<AppUser> users, SecureBaseDb db, AuditLog audit, IPasswordHasher<AppUser> hasher) : PageModel
{
    // Verified against when the username is unknown or the account locked, so every refusal costs
    // one password-hash verification, as a wrong password does.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = IdentityModule.PasswordHashIterations })).HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    /// <summary>
    /// The one answer to an unknown username, a wrong password and a locked account alike, so the
    /// sign-in page never tells anyone whether an account exists or is locked.
    /// </summary>
    public const string WrongDetails = "The username or password is not right. After 5 wrong tries an account is locked for 15 minutes: if you have tried several times, wait 15 minutes and try again, or ask the school office to reset your password.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SignedOut { get; private set; }

    public IActionResult OnGet(bool signedOut = false)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl);
        }

        SignedOut = signedOut;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByNameAsync(Input.UserName!.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, Input.Password!);
            await audit.RecordNowAsync(AuditActor.System(), AuditActions.LoginFailed, detail: "unknown username");
            ModelState.AddModelError(string.Empty, WrongDetails);
            return Page();
        }

        var actor = await AccountAudit.ActorForAsync(db, user);
        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account before checking the password, which is quick: the hash is checked anyway.
            hasher.VerifyHashedPassword(user, DecoyHash.Value, Input.Password!);
            await audit.RecordNowAsync(actor, AuditActions.LoginLockedOut, "User", user.Id.ToString());
            ModelState.AddModelError(string.Empty, WrongDetails);
            return Page();
        }

        if (user.IsDisabled)
        {
            // Only someone who knows the password learns that the account is disabled.
            var right = await users.CheckPasswordAsync(user, Input.Password!);
            if (!right)
            {
                await users.AccessFailedAsync(user);
            }

            await audit.RecordNowAsync(actor, right ? AuditActions.LoginRefused : AuditActions.LoginFailed, "User", user.Id.ToString(), detail: right ? "account disabled" : "wrong password");
            ModelState.AddModelError(string.Empty, right ? "This account cannot sign in at the moment. Ask the school office." : WrongDetails);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordNowAsync(actor, AuditActions.LoginSucceeded, "User", user.Id.ToString(), detail: "password");
            return LocalRedirect(SafeReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Identity/LoginTwoFactor", new { ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            await audit.RecordNowAsync(actor, AuditActions.LoginLockedOut, "User", user.Id.ToString());
            ModelState.AddModelError(string.Empty, WrongDetails);
        }
        else if (result.IsNotAllowed)
        {
            // Disabled between the check above and the sign-in: answered like any refusal.
            await audit.RecordNowAsync(actor, AuditActions.LoginRefused, "User", user.Id.ToString(), detail: "account disabled");
            ModelState.AddModelError(string.Empty, WrongDetails);
        }
        else
        {
            await audit.RecordNowAsync(actor, AuditActions.LoginFailed, "User", user.Id.ToString(), detail: "wrong password");
            ModelState.AddModelError(string.Empty, WrongDetails);
        }

        return Page();
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public sealed class LoginInput
    {
        [Display(Name = "Username")]
        [Needed]
        [SchoolText(256)]
        public string? UserName { get; set; }

        [Display(Name = "Password")]
        [Needed]
        [StringLength(PasswordRules.MaxLength, ErrorMessage = "Passwords can be at most 128 characters")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }
}
