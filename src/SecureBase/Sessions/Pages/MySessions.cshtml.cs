using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Sessions;

/// <summary>A pupil's own sessions in plain words: when and where the next one is, and the ones they came to.</summary>
[Permits(SchoolAction.ViewOwnSessions)]
public sealed class MySessionsModel(SessionViews views) : PageModel
{
    public FamilySessions? Sessions { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Sessions = await views.ForSelfAsync(ct);
        return Page();
    }
}
