using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Liaison;

/// <summary>
/// A pupil's contact log (agencies and family) with its follow-ups, and the family's messages with the team's replies:
/// for the Head of Therapy and the pupil's own practitioners. Opening it is audited.
/// </summary>
[Permits(SchoolAction.ViewLiaison, OnPost = SchoolAction.RecordLiaison)]
public sealed class LiaisonPageModel : PageModel
{
    private LiaisonDesk Desk => HttpContext.RequestServices.GetRequiredService<LiaisonDesk>();

    [BindProperty]
    public ContactForm Contact { get; set; } = new();

    [BindProperty]
    public string? ReplyText { get; set; }

    internal PupilLiaison Liaison { get; private set; } = null!;

    /// <summary>The conversation whose reply form had a problem.</summary>
    internal FamilyMessageId? ReplyingTo { get; private set; }

    public async Task<IActionResult> OnGetAsync(PupilId pupilId)
    {
        Contact = new ContactForm { OccurredOn = Desk.Today, FollowUpBy = HttpContext.RequestServices.GetRequiredService<CurrentUser>().UserId };
        return await LoadAsync(pupilId) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(PupilId pupilId)
    {
        var logged = await Desk.LogContactAsync(pupilId, Contact.ToInput(), HttpContext.RequestAborted);
        if (logged.IsSuccess)
        {
            TempData["Notice"] = $"Contact with {logged.Value.WhoName} logged.";
            return Redirect($"/pupils/{pupilId}/liaison#contact-{logged.Value.Id}");
        }

        if (logged.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(logged.Error!, "Contact");
        return await LoadAsync(pupilId) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDoneAsync(PupilId pupilId, Guid contactId)
    {
        var done = await Desk.MarkFollowUpDoneAsync(LiaisonContactId.From(contactId), HttpContext.RequestAborted);
        if (done.IsSuccess)
        {
            TempData["Notice"] = $"Follow-up marked done: {done.Value.FollowUp}";
            return Redirect($"/pupils/{pupilId}/liaison#contact-{contactId}");
        }

        if (done.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddModelError("", done.Error!.Message);
        return await LoadAsync(pupilId) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReplyAsync(PupilId pupilId, Guid messageId)
    {
        var reply = await Desk.ReplyAsync(FamilyMessageId.From(messageId), ReplyText, HttpContext.RequestAborted);
        if (reply.IsSuccess)
        {
            TempData["Notice"] = "Your reply was sent: the family will see it in their portal.";
            return Redirect($"/pupils/{pupilId}/liaison#thread-{reply.Value.ThreadId}");
        }

        if (reply.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddModelError(nameof(ReplyText), reply.Error is Error.Validation v ? v.Fields[0].Message : reply.Error!.Message);
        ReplyingTo = FamilyMessageId.From(messageId);
        return await LoadAsync(pupilId) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(PupilId pupilId)
    {
        if (await Desk.ReadAsync(pupilId, "page", HttpContext.RequestAborted) is not { } liaison)
        {
            return false;
        }

        Liaison = liaison;
        return true;
    }

    /// <summary>The form for logging a contact.</summary>
    public sealed class ContactForm
    {
        public DateOnly? OccurredOn { get; set; }
        public string? Party { get; set; }
        public string? WhoName { get; set; }
        public string? WhoRole { get; set; }
        public string? Organisation { get; set; }
        public string? Method { get; set; }
        public string? Summary { get; set; }
        public string? FollowUp { get; set; }
        public Guid? FollowUpBy { get; set; }
        public DateOnly? FollowUpDue { get; set; }

        internal ContactInput ToInput() => new(OccurredOn,
            Enum.TryParse<ContactParty>(Party, out var party) ? party : null,
            WhoName, WhoRole, Organisation,
            Enum.TryParse<ContactMethod>(Method, out var method) ? method : null,
            Summary, FollowUp, TextRules.Tidy(FollowUp) is null ? null : FollowUpBy, TextRules.Tidy(FollowUp) is null ? null : FollowUpDue);
    }
}
