using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity.SingleSignOn;

/// <summary>
/// Where the school's provider sends the person back (the redirect URI registered there). Checks the state, exchanges
/// the code, validates the id_token, finds the linked account and signs in, asking for SecureBase's own second factor
/// unless the provider asserted multi-factor authentication. Any refusal is shown plainly, audited, and changes nothing.
/// </summary>
[AllowAnonymous]
[SignInAttempt]
internal sealed class SchoolAccountCallbackPageModel(SignOnProtocol protocol, SchoolAccountLinks links, SchoolSignInManager signIn, SecureBaseDb db, AuditLog audit) : PageModel
{
    public const string DidNotWork = "Signing in with your school account did not work, so you have not been signed in. Start again from the sign-in page, or sign in with your username and password. If it keeps happening, ask your administrator.";

    public static string NotLinked(string school) => $"Your school account isn't linked to SecureBase at {school}: ask your administrator.";

    public string? Refusal { get; private set; }

    /// <summary>Where to go next after signing in: the page moves there itself (a same-site step, so the Strict session cookie goes with it).</summary>
    public string? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, string? state, string? error, string? iss)
    {
        var saved = protocol.TakeState(HttpContext);
        if (saved is null)
        {
            return await RefuseAsync(null, null, "the sign-in state is missing, used already or expired (a replayed or forged callback)");
        }

        var school = new SchoolId(saved.School);
        var sso = await db.SchoolSignOns.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.SchoolId == school);
        if (!SignOnProtocol.Same(state, saved.State))
        {
            return await RefuseAsync(school, null, "the state does not match this browser's sign-in");
        }

        if (sso is null || !sso.Enabled)
        {
            return await RefuseAsync(school, null, "single sign-on is not switched on for the school");
        }

        if (!string.IsNullOrEmpty(error))
        {
            return await RefuseAsync(school, null, "the provider answered " + (error.Length > 64 ? error[..64] : error));
        }

        if (iss is not null && !string.Equals(iss.TrimEnd('/'), sso.Issuer, StringComparison.Ordinal))
        {
            return await RefuseAsync(school, null, "the response names another issuer");
        }

        if (string.IsNullOrEmpty(code))
        {
            return await RefuseAsync(school, null, "the provider sent no code");
        }

        var identity = await protocol.CompleteAsync(HttpContext, sso, saved, code);
        if (!identity.IsSuccess)
        {
            return await RefuseAsync(school, null, identity.Error!.Message);
        }

        var (user, refusal) = await links.FindAsync(sso, identity.Value);
        if (refusal is not null || user is null)
        {
            return await RefuseAsync(school, user, refusal ?? "no account", linking: true);
        }

        await links.BindAsync(user, identity.Value);
        var multiFactor = SignOnProtocol.AssertsMultiFactor(identity.Value.Methods);
        var result = await signIn.SchoolAccountSignInAsync(user, multiFactor, sso.Issuer);
        var actor = await AccountAudit.ActorForAsync(db, user);
        var returnUrl = !string.IsNullOrEmpty(saved.ReturnUrl) && Url.IsLocalUrl(saved.ReturnUrl) ? saved.ReturnUrl : "/";
        if (result.RequiresTwoFactor)
        {
            await audit.RecordNowAsync(actor, SignOnAudit.Verified, "User", user.Id.ToString(), detail: $"school account ({sso.Issuer}) verified, no multi-factor asserted: SecureBase's own code asked for");
            Next = "/login/two-factor?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        }
        else if (result.Succeeded)
        {
            await audit.RecordNowAsync(actor, AuditActions.LoginSucceeded, "User", user.Id.ToString(), detail: SignedInWords(sso.Issuer, multiFactor));
            Next = returnUrl;
        }
        else
        {
            return await RefuseAsync(school, user, "the account cannot sign in", linking: true);
        }

        return Page();
    }

    /// <summary>
    /// How the person signed in, for the audit log, when no SecureBase code followed: the provider's multi-factor assertion
    /// stood in for it, or (a role that does not need two factors, or one still to set them up) the school account alone.
    /// After SecureBase's own code the two-factor page says "school account (issuer) and authenticator code".
    /// </summary>
    internal static string SignedInWords(string issuer, bool multiFactor) =>
        multiFactor ? $"school account ({issuer}) with multi-factor asserted by the provider" : $"school account ({issuer}) alone, no multi-factor asserted";

    private async Task<IActionResult> RefuseAsync(SchoolId? school, AppUser? user, string why, bool linking = false)
    {
        var actor = user is null ? AuditActor.System(school) : await AccountAudit.ActorForAsync(db, user);
        await audit.RecordNowAsync(actor, SignOnAudit.Refused, user is null ? "School" : "User", user?.Id.ToString() ?? school?.ToString(), detail: why);
        var name = school is { } id ? await db.Schools.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync() : null;
        Refusal = linking && name is not null ? NotLinked(name) : DidNotWork;
        // A bad request, not an authorisation refusal: the page is public, the callback is what is wrong.
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

/// <summary>The audit log's words for single sign-on.</summary>
internal static class SignOnAudit
{
    /// <summary>A sign-in with a school account refused: a security event.</summary>
    public const string Refused = "login.sso-refused";

    /// <summary>The school account was verified; SecureBase's own second factor is still to come.</summary>
    public const string Verified = "login.sso-verified";

    public const string Configured = "sso.configured";

    /// <summary>The administrator undid a member's binding to their school account: a security event.</summary>
    public const string Unlinked = "sso.unlinked";
}
