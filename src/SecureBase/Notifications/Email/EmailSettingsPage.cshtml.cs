using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Notifications;

/// <summary>
/// The school's mail relay (the administrator): where SecureBase hands its emails over, and how they are going —
/// sent in the last week, waiting, given up.
/// </summary>
[Permits(SchoolAction.ConfigureEmail)]
internal sealed class EmailSettingsPageModel(SecureBaseDb db, IDataProtectionProvider protection, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RelayInput Input { get; set; } = new();

    public bool Configured { get; private set; }
    public bool HasPassword { get; private set; }
    public int SentThisWeek { get; private set; }
    public int Waiting { get; private set; }
    public int GivenUp { get; private set; }
    public string? LastError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var relay = await db.MailRelays.AsNoTracking().SingleOrDefaultAsync(ct);
        if (relay is not null)
        {
            Input = new RelayInput
            {
                Host = relay.Host, Port = relay.Port, Security = relay.Security, UserName = relay.UserName, FromAddress = relay.FromAddress, SiteAddress = relay.SiteAddress,
            };
        }

        await LoadAsync(relay, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var existing = await db.MailRelays.SingleOrDefaultAsync(ct);
        var password = string.IsNullOrEmpty(Input.Password) ? null : protection.CreateProtector(EmailSender.PasswordPurpose).Protect(Input.Password);
        var result = MailRelay.Configure(existing, db.CurrentSchoolId, Input.Host, Input.Port, Input.Security, Input.UserName, password, Input.FromAddress, Input.SiteAddress,
            clock.GetUtcNow().UtcDateTime);
        if (result.Error is { } error)
        {
            ModelState.AddErrors(error, "Input");
            await LoadAsync(existing, ct);
            return Page();
        }

        if (existing is null)
        {
            db.MailRelays.Add(result.Value);
        }

        await db.SaveChangesAsync(ct);
        TempData["Notice"] = "Saved: SecureBase now sends its emails through " + result.Value.Host + ".";
        return Redirect("/settings/email");
    }

    private async Task LoadAsync(MailRelay? relay, CancellationToken ct)
    {
        Configured = relay is not null;
        HasPassword = relay?.ProtectedPassword is not null;
        var weekAgo = clock.GetUtcNow().UtcDateTime.AddDays(-7);
        SentThisWeek = await db.OutgoingEmails.CountAsync(e => e.SentAt != null && e.SentAt > weekAgo, ct);
        Waiting = await db.OutgoingEmails.CountAsync(e => e.SentAt == null && e.GaveUpAt == null, ct);
        GivenUp = await db.OutgoingEmails.CountAsync(e => e.GaveUpAt != null && e.GaveUpAt > weekAgo, ct);
        LastError = await db.OutgoingEmails.Where(e => e.SentAt == null && e.LastError != null).OrderByDescending(e => e.NextAttemptAt).Select(e => e.LastError).FirstOrDefaultAsync(ct);
    }

    internal sealed class RelayInput
    {
        [Display(Name = "Mail relay")]
        [SchoolText(255)]
        public string? Host { get; set; }

        [Display(Name = "Port")]
        public int? Port { get; set; } = 587;

        [Display(Name = "Encryption")]
        public MailSecurity Security { get; set; } = MailSecurity.StartTls;

        [Display(Name = "User name")]
        [SchoolText(200)]
        public string? UserName { get; set; }

        [Display(Name = "Password")]
        [SchoolText(500)]
        public string? Password { get; set; }

        [Display(Name = "Send from")]
        [SchoolText(254)]
        public string? FromAddress { get; set; }

        [Display(Name = "SecureBase's address")]
        [SchoolText(200)]
        public string? SiteAddress { get; set; }
    }
}
