using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Referrals;

/// <summary>The referrals the user made, and what happened to them (nothing more about the pupil's therapy).</summary>
[Permits(SchoolAction.ViewOwnReferrals)]
public sealed class MyReferralsModel(ReferralHistory history, CurrentUser me) : PageModel
{
    public sealed record Line(string Pupil, DateTime ReceivedAt, ReferralStatus Status, string? Message, string? RedirectedTo);

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public bool ShowSafeguarding { get; private set; }

    /// <summary>Only links the user may follow: a pupil asks for help, they do not make referrals.</summary>
    public bool CanRefer => me.Can(SchoolAction.MakeReferral);
    public bool CanAskForHelp => me.Can(SchoolAction.AskForHelp);

    public async Task OnGetAsync()
    {
        ShowSafeguarding = TempData["Safeguarding"] as string == "true";
        Lines = (await history.MineAsync(HttpContext.RequestAborted))
            .Select(l => new Line(l.Pupil, l.Status.ReceivedAt, l.Status.Status, l.Status.MessageToReferrer, l.Status.RedirectedTo)).ToList();
    }
}
