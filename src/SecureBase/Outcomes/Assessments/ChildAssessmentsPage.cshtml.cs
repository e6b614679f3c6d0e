using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Outcomes;

/// <summary>A parent's view of their children's strengths and targets: only the items the therapy team marked for parents.</summary>
[Permits(SchoolAction.ViewChildAssessments)]
internal sealed class ChildAssessmentsPageModel(AssessmentProfiles profiles) : PageModel
{
    public IReadOnlyList<AssessmentProfile> Children { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Children = await profiles.ForMyChildrenAsync("web", ct);
}
