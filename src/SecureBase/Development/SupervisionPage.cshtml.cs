using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Development;

/// <summary>
/// Supervision: for the Head of Therapy every practitioner's last supervision, next due and overdue flag, the sessions
/// held (notes only where they took part), requests for individual supervision to answer and each practitioner's
/// required frequency; for a practitioner their own standing and the sessions they took part in, with the notes.
/// </summary>
[Permits(SchoolAction.ViewSupervision, OnPost = SchoolAction.ManageSupervision)]
public sealed class SupervisionPageModel : PageModel
{
    private SupervisionDesk Desk => HttpContext.RequestServices.GetRequiredService<SupervisionDesk>();

    internal IReadOnlyList<SupervisionStanding> Standings { get; private set; } = [];
    internal IReadOnlyList<SupervisionView> Sessions { get; private set; } = [];
    private Paging _paging = Paging.Of(1, 0, SupervisionDesk.SessionsPageSize);

    internal PagerView Pager => new("Pages of supervision sessions", _paging, p => $"/supervision?page={p}#sessions-heading", "Newer sessions", "Older sessions");
    internal IReadOnlyList<SupervisionRequestView> Requests { get; private set; } = [];
    internal bool SeesTeam { get; private set; }
    internal bool CanManage { get; private set; }
    internal bool CanRecord { get; private set; }
    internal DateOnly Today { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>The Head of Therapy changes how often a practitioner must be supervised ("default" puts it back).</summary>
    public async Task<IActionResult> OnPostRequirementAsync(Guid staffId, string? frequency, string? requiredType)
    {
        SupervisionFrequency? f = Enum.TryParse<SupervisionFrequency>(frequency, out var parsed) ? parsed : null;
        SupervisionType? t = Enum.TryParse<SupervisionType>(requiredType, out var type) ? type : null;
        var set = await Desk.SetRequirementAsync(StaffId.From(staffId), f, t, HttpContext.RequestAborted);
        if (set.IsSuccess)
        {
            TempData["Notice"] = "Saved the required supervision.";
            return Redirect("/supervision");
        }

        if (set.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(set.Error!, "");
        await LoadAsync();
        return Page();
    }

    /// <summary>The Head of Therapy answers a request for individual supervision.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(Guid requestId, string? answer)
    {
        var answered = await Desk.AnswerAsync(SupervisionRequestId.From(requestId), answer, HttpContext.RequestAborted);
        if (answered.IsSuccess)
        {
            TempData["Notice"] = "Answered: they have been told.";
            return Redirect("/supervision");
        }

        if (answered.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(answered.Error!, "");
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var me = HttpContext.RequestServices.GetRequiredService<CurrentUser>();
        var ct = HttpContext.RequestAborted;
        Today = Desk.Today;
        SeesTeam = Desk.SeesTeam;
        CanManage = me.Can(SchoolAction.ManageSupervision);
        CanRecord = me.Can(SchoolAction.RecordSupervision);
        Standings = await Desk.StandingsAsync(Today, SeesTeam, ct);
        var page = await Desk.SessionsAsync(Paging.Requested(Request.Query["page"]), "page", ct);
        (Sessions, _paging) = (page.Rows, page.Paging);
        Requests = CanManage ? await Desk.RequestsAsync(everyone: true, ct) : [];
    }
}
