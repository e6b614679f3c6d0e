using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Caseload;

/// <summary>The Head of Therapy's list of termly reviews due ("Therapy is not open-ended").</summary>
[Permits(SchoolAction.ViewReviewsDue)]
public sealed class ReviewsDuePageModel(EpisodeCycles cycles) : PageModel
{
    public IReadOnlyList<ReviewDue> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await cycles.ReviewsDueAsync(HttpContext.RequestAborted);
}
