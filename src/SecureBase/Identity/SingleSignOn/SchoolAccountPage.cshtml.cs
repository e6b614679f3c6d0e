using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity.SingleSignOn;

/// <summary>
/// "Sign in with your school's Microsoft or Google account": the person types their school email address; the schools
/// that use single sign-on for its domain are offered (usually one, which the page goes on to by itself). Starting sends
/// the browser to the school's provider with a fresh state, nonce and PKCE verifier.
/// </summary>
[AllowAnonymous]
[SignInAttempt]
internal sealed class SchoolAccountPageModel(SecureBaseDb db, SignOnProtocol protocol, AuditLog audit) : PageModel
{
    [BindProperty]
    [Display(Name = "Your school email address")]
    [Needed]
    [SchoolText(256)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<(Guid School, string Name, string Provider)> Schools { get; private set; } = [];

    /// <summary>Where the page goes on to by itself when only one school fits.</summary>
    public string? Next { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect("/") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email?.Trim();
        var at = email?.LastIndexOf('@') ?? -1;
        if (ModelState.IsValid && (email is null || at <= 0 || at == email.Length - 1 || email.Any(char.IsWhiteSpace)))
        {
            ModelState.AddModelError(nameof(Email), "Enter your school email address, like j.smith@oakfield.sch.uk");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var domain = email![(at + 1)..].ToLowerInvariant();
        var enabled = await db.SchoolSignOns.IgnoreQueryFilters().AsNoTracking().Where(s => s.Enabled)
            .Join(db.Schools, s => s.SchoolId, school => school.Id, (s, school) => new { Sso = s, school.Name })
            .ToListAsync();
        Schools = enabled.Where(e => e.Sso.Domains.Contains(domain, StringComparer.Ordinal))
            .Select(e => (e.Sso.SchoolId.Value, e.Name, e.Sso.ProviderName))
            .OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList();
        if (Schools.Count == 0)
        {
            ModelState.AddModelError(nameof(Email), $"No school signs in to SecureBase with {domain} accounts. Sign in with your username and password instead.");
            return Page();
        }

        if (Schools.Count == 1)
        {
            Next = StartUrl(Schools[0].School);
        }

        return Page();
    }

    /// <summary>Sends the browser to the school's provider.</summary>
    public async Task<IActionResult> OnGetStartAsync(Guid school, string? hint)
    {
        var id = new SchoolId(school);
        var sso = await db.SchoolSignOns.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.SchoolId == id && s.Enabled);
        if (sso is null)
        {
            ModelState.AddModelError(string.Empty, "That school does not use single sign-on. Sign in with your username and password.");
            return Page();
        }

        var returnUrl = !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
        var url = await protocol.BeginAsync(HttpContext, sso, hint is { Length: <= 256 } && hint.Contains('@', StringComparison.Ordinal) ? hint : null, returnUrl);
        if (url is null)
        {
            await audit.RecordNowAsync(AuditActor.System(id), SignOnAudit.Refused, "School", id.ToString(), detail: "the provider's discovery document could not be read or names another issuer");
            ModelState.AddModelError(string.Empty, "Your school's sign-in service cannot be reached at the moment. Try again in a few minutes, or sign in with your username and password.");
            return Page();
        }

        return Redirect(url);
    }

    public string StartUrl(Guid school) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/login/school-account", new Dictionary<string, string?>
        {
            ["handler"] = "Start",
            ["school"] = school.ToString(),
            ["hint"] = Email?.Trim(),
            ["ReturnUrl"] = ReturnUrl,
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
