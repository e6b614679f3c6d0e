using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Web;

namespace SecureBase.Identity.Admin;

/// <summary>Roles an administrator asked for that wait for approval: the approver approves or refuses each one.</summary>
[Permits(SchoolAction.ApproveRoles)]
public sealed class RoleRequestsModel(RoleApprovals approvals) : PageModel
{
    public IReadOnlyList<RoleRequestRow> Requests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Requests = await approvals.PendingAsync(ct);

    public Task<IActionResult> OnPostApproveAsync(string? requestId, CancellationToken ct) =>
        DecideAsync(requestId, id => approvals.ApproveAsync(id, ct), "Approved. The role takes effect on the person's next click.", ct);

    public Task<IActionResult> OnPostRefuseAsync(string? requestId, CancellationToken ct) =>
        DecideAsync(requestId, id => approvals.RefuseAsync(id, ct), "Refused. The person was not given the role.", ct);

    private async Task<IActionResult> DecideAsync(string? requestId, Func<RoleRequestId, Task<Outcome>> decide, string done, CancellationToken ct)
    {
        if (!RoleRequestId.TryParse(requestId, null, out var id))
        {
            return NotFound();
        }

        var outcome = await decide(id);
        if (outcome.IsSuccess)
        {
            TempData["Notice"] = done;
            return Redirect(RoleApprovals.Page);
        }

        if (outcome.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(outcome.Error!, "Input");
        Requests = await approvals.PendingAsync(ct);
        return Page();
    }
}
