using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Web;

namespace SecureBase.Identity.SingleSignOn;

/// <summary>
/// The administrator's single sign-on settings: the school's provider (Microsoft Entra ID, Google Workspace or another
/// OpenID Connect provider), its issuer, the client id and secret SecureBase was given there, the allowed email domains,
/// and on or off. The secret is stored protected and never shown again; leaving it blank keeps it. Each change is audited.
/// Below the settings, the staff whose accounts are bound to a school account, each with "Unlink" (SchoolAccountUnlinkPage).
/// </summary>
[Permits(SchoolAction.ManageSingleSignOn)]
internal sealed class SingleSignOnPageModel(SecureBaseDb db, CurrentUser me, SignOnProtocol protocol, SchoolAccountLinks links, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SignOnForm Input { get; set; } = new();

    public bool HasSecret { get; private set; }

    public DateTime? UpdatedAt { get; private set; }

    /// <summary>The school's staff whose accounts are bound to a school account, each of which the administrator may unlink.</summary>
    public IReadOnlyList<LinkedSchoolAccount> Linked { get; private set; } = [];

    public string RedirectUri => SignOnProtocol.RedirectUri(Request);

    public static string Words(SignOnProvider p) => p switch
    {
        SignOnProvider.MicrosoftEntraId => "Microsoft Entra ID (Microsoft 365)",
        SignOnProvider.GoogleWorkspace => "Google Workspace",
        _ => "Another OpenID Connect provider",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var sso = await db.SchoolSignOns.AsNoTracking().SingleOrDefaultAsync(ct);
        if (sso is not null)
        {
            Input = new SignOnForm
            {
                Provider = sso.Provider.ToString(),
                Issuer = sso.Issuer,
                ClientId = sso.ClientId,
                AllowedDomains = string.Join(", ", sso.Domains),
                Enabled = sso.Enabled,
            };
        }

        Show(sso);
        Linked = sso is null ? [] : await links.LinkedAsync(sso, ct: ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var sso = await db.SchoolSignOns.SingleOrDefaultAsync(ct);
        SignOnProvider? provider = Enum.TryParse<SignOnProvider>(Input.Provider, out var p) && Enum.IsDefined(p) ? p : null;
        var input = new SchoolSignOnInput(provider, Input.Issuer, Input.ClientId, Input.ClientSecret, Input.AllowedDomains, Input.Enabled);
        var now = clock.GetUtcNow().UtcDateTime;
        var secretReplaced = !string.IsNullOrWhiteSpace(Input.ClientSecret);
        Input.ClientSecret = null;
        ModelState.Remove("Input.ClientSecret");
        if (sso is null)
        {
            var created = SchoolSignOn.Create(db.CurrentSchoolId, me.UserId, input, protocol.ProtectSecret, now);
            if (!created.IsSuccess)
            {
                ModelState.AddErrors(created.Error!, "Input");
                Show(null);
                return Page();
            }

            sso = created.Value;
            db.SchoolSignOns.Add(sso);
        }
        else
        {
            var changed = sso.Change(me.UserId, input, protocol.ProtectSecret, now);
            if (!changed.IsSuccess)
            {
                // Nothing is saved: the tracked row is reloaded so the page shows what is stored.
                await db.Entry(sso).ReloadAsync(ct);
                ModelState.AddErrors(changed.Error!, "Input");
                Show(sso);
                Linked = await links.LinkedAsync(sso, ct: ct);
                return Page();
            }
        }

        audit.Record(SignOnAudit.Configured, "SchoolSignOn", sso.Id.ToString(),
            detail: $"{sso.Provider}, issuer {sso.Issuer}, client {sso.ClientId}, domains {sso.AllowedDomains}, {(sso.Enabled ? "on" : "off")}{(secretReplaced ? ", secret replaced" : "")}");
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = sso.Enabled
            ? "Single sign-on is saved and switched on: staff can sign in with their school accounts."
            : "Single sign-on is saved and switched off: staff sign in with their usernames and passwords.";
        return Redirect("/admin/single-sign-on");
    }

    private void Show(SchoolSignOn? sso)
    {
        HasSecret = sso is { ProtectedSecret.Length: > 0 };
        UpdatedAt = sso?.UpdatedAt;
    }

    internal sealed class SignOnForm
    {
        [Display(Name = "Your school's accounts are with")]
        public string? Provider { get; set; }

        [Display(Name = "Issuer URL")]
        public string? Issuer { get; set; }

        [Display(Name = "Client id")]
        public string? ClientId { get; set; }

        [Display(Name = "Client secret")]
        public string? ClientSecret { get; set; }

        [Display(Name = "Email domains")]
        public string? AllowedDomains { get; set; }

        [Display(Name = "Staff may sign in with their school accounts")]
        public bool Enabled { get; set; }
    }
}
