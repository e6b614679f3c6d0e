using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Liaison;

/// <summary>
/// A parent's page about the therapy team and their children: the approved summaries of meetings with the family, and
/// their conversations with the team, with a form to write to the team about one of their own children.
/// </summary>
[Permits(SchoolAction.ViewFamilyLiaison, OnPost = SchoolAction.MessageTherapyTeam)]
public sealed class FamilyPortalPageModel : PageModel
{
    private LiaisonDesk Desk => HttpContext.RequestServices.GetRequiredService<LiaisonDesk>();

    [BindProperty]
    public MessageForm Message { get; set; } = new();

    internal IReadOnlyList<FamilyView> Children { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Children = await Desk.ForMyChildrenAsync(HttpContext.RequestAborted);
        if (Children.Count == 1)
        {
            Message = new MessageForm { PupilId = Children[0].PupilId.Value };
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var sent = Message.PupilId is { } child
            ? await Desk.SendAsync(PupilId.From(child), Message.Subject, Message.Body, HttpContext.RequestAborted)
            : new Error.Validation("PupilId", "Choose which of your children the message is about");
        if (sent.IsSuccess)
        {
            TempData["Notice"] = "Your message was sent to the therapy team. They will reply here.";
            return Redirect($"/my-children/therapy-team#thread-{sent.Value.ThreadId}");
        }

        ModelState.AddErrors(sent.Error is Error.NotFound nf ? new Error.Validation("PupilId", nf.Message) : sent.Error!, "Message");
        Children = await Desk.ForMyChildrenAsync(HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>A parent's message to the therapy team.</summary>
    public sealed class MessageForm
    {
        public Guid? PupilId { get; set; }
        public string? Subject { get; set; }
        public string? Body { get; set; }
    }
}
