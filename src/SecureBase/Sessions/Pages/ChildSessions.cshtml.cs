using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Sessions;

/// <summary>
/// A parent's view of their own child's therapy appointments: the times to come and whether their
/// child attended each one held. Never engagement or notes; a child outside the parent's
/// unrestricted links is not found.
/// </summary>
[Permits(SchoolAction.ViewChildSessions)]
public sealed class ChildSessionsModel(SessionViews views) : PageModel
{
    public FamilySessions? Sessions { get; private set; }

    public async Task<IActionResult> OnGetAsync(PupilId pupilId, CancellationToken ct)
    {
        Sessions = await views.ForChildAsync(pupilId, ct);
        return Sessions is null ? NotFound() : Page();
    }
}
