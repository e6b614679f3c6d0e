using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Outcomes;

/// <summary>A pupil's own strengths and targets: only the items the therapy team marked for them.</summary>
[Permits(SchoolAction.ViewOwnAssessments)]
internal sealed class MyAssessmentsPageModel(AssessmentProfiles profiles) : PageModel
{
    public AssessmentProfile? Profile { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Profile = await profiles.ForMyselfAsync("web", ct);
}
