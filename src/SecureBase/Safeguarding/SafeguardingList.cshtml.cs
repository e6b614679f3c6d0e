using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Safeguarding;

/// <summary>
/// The DSL's list: open concerns, unopened (by this DSL) first, urgent marked; closed ones on request; "was not brought" patterns;
/// child protection files sent and received; records due for their retention review.
/// </summary>
[Permits(SchoolAction.ViewConcerns)]
public sealed class SafeguardingListModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    internal IReadOnlyList<ConcernRow> Rows { get; private set; } = [];

    internal IReadOnlyList<MissedPattern> Patterns { get; private set; } = [];

    internal IReadOnlyList<CpTransferRow> Transfers { get; private set; } = [];

    internal IReadOnlyList<RetentionRow> DueForReview { get; private set; } = [];

    public int WeeksRunning { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Rows = await HttpContext.RequestServices.GetRequiredService<ConcernDesk>().ListAsync(All, ct);
        var wasNotBrought = HttpContext.RequestServices.GetRequiredService<WasNotBrought>();
        Patterns = await wasNotBrought.CurrentAsync(ct);
        WeeksRunning = await wasNotBrought.WeeksRunningAsync(ct);
        var transfers = HttpContext.RequestServices.GetRequiredService<CpTransferDesk>();
        Transfers = await transfers.ListAsync(ct);
        DueForReview = await transfers.DueForReviewAsync(ct);
    }

}
