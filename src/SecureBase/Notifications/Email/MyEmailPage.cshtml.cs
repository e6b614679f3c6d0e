using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Notifications;

/// <summary>Which of one's notifications also come by email, and to which address (each person, for themselves).</summary>
[Permits(SchoolAction.ManageOwnAccount)]
internal sealed class MyEmailPageModel(SecureBaseDb db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Display(Name = "Email address")]
    [SchoolText(254)]
    public string? Address { get; set; }

    [BindProperty]
    public List<EmailTopics> Topics { get; set; } = [];

    public bool RelayConfigured { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var choice = await db.EmailChoices.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == me.UserId, ct);
        Address = choice?.Address;
        Topics = EmailTopicWords.All.Select(t => t.Topic).Where(t => choice is not null && choice.Topics.HasFlag(t)).ToList();
        RelayConfigured = await db.MailRelays.AnyAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var existing = await db.EmailChoices.SingleOrDefaultAsync(c => c.UserId == me.UserId, ct);
        var topics = Topics.Aggregate(EmailTopics.None, (all, t) => all | t);
        if (topics == EmailTopics.None)
        {
            if (existing is not null)
            {
                db.EmailChoices.Remove(existing);
                await db.SaveChangesAsync(ct);
            }

            TempData["Notice"] = "Saved: you will not get emails from SecureBase. Notifications still appear here.";
            return Redirect("/account/email");
        }

        var result = EmailChoice.Choose(existing, me.SchoolId, me.UserId, Address, topics, clock.GetUtcNow().UtcDateTime);
        if (result.Error is { } error)
        {
            ModelState.AddErrors(error, "");
            RelayConfigured = await db.MailRelays.AnyAsync(ct);
            return Page();
        }

        if (existing is null)
        {
            db.EmailChoices.Add(result.Value);
        }

        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"Saved: you will get an email at {result.Value.Address} when there is something new for you to read.";
        return Redirect("/account/email");
    }
}
