using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity;

/// <summary>Setting up an authenticator app: scan the code (or type the key), prove it works, keep the recovery codes.</summary>
[Permits(SchoolAction.ManageOwnAccount)]
public sealed class TwoFactorSetupModel(UserManager<AppUser> users, IUserStore<AppUser> store, SchoolSignInManager signIn, CurrentUser me, AuditLog audit, SecureBaseDb db) : PageModel
{
    private IUserAuthenticatorKeyStore<AppUser> keyStore => (IUserAuthenticatorKeyStore<AppUser>)store;

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public string SharedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public bool AlreadyOn { get; private set; }
    public bool Required => me.NeedsSecondFactor;
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.FindByIdAsync(me.UserId.ToString());
        if (user is null)
        {
            return NotFound();
        }

        AlreadyOn = user.TwoFactorEnabled;
        if (!AlreadyOn)
        {
            await LoadKeyAsync(user);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(me.UserId.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (user.TwoFactorEnabled)
        {
            AlreadyOn = true;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            await LoadKeyAsync(user);
            return Page();
        }

        var code = Input.Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "That code is not right. Check the app shows SecureBase and enter the 6 digits it shows now.");
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        audit.Record(AuditActions.TwoFactorEnabled, "User", user.Id.ToString());
        await db.SaveChangesAsync();
        await signIn.ReissueAsync(user, User, multiFactor: true);
        return Page();
    }

    private async Task LoadKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: that renews the security stamp, which would end this very session.
            key = users.GenerateNewAuthenticatorKey();
            await keyStore.SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
            await users.UpdateAsync(user);
        }

        SharedKey = FormatKey(key!);
        var uri = $"otpauth://totp/{Uri.EscapeDataString("SecureBase:" + user.UserName)}?secret={key}&issuer=SecureBase&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png);
    }

    private static string FormatKey(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return sb.ToString().TrimEnd().ToLowerInvariant();
    }

    public sealed class CodeInput
    {
        [Display(Name = "Code from the app")]
        [Needed]
        [SchoolText(20)]
        public string? Code { get; set; }
    }
}
