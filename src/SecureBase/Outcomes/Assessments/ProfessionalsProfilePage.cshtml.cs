using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Outcomes;

/// <summary>The profile for other professionals, to print: only the items the therapy team marked for them.</summary>
[Permits(SchoolAction.ManageAssessmentProfile)]
internal sealed class ProfessionalsProfilePageModel(AssessmentProfiles profiles) : PageModel
{
    public AssessmentProfile Profile { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(PupilId pupilId, CancellationToken ct)
    {
        if (await profiles.ForProfessionalsAsync(pupilId, ct) is not { } p)
        {
            return NotFound();
        }

        Profile = p;
        return Page();
    }
}
