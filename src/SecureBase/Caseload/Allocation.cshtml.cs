using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Web;

namespace SecureBase.Caseload;

/// <summary>The proposal for one waiting pupil: therapists ranked, each with the reason; the team chooses.</summary>
[Permits(SchoolAction.AllocateTherapist)]
public sealed class AllocationModel(AllocationDesk desk, Schools.SchoolClock schoolClock) : PageModel
{
    public AllocationView View { get; private set; } = null!;

    [BindProperty]
    public AllocationInputForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(ReferralId referralId)
    {
        if (!await LoadAsync(referralId))
        {
            return NotFound();
        }

        Input = new AllocationInputForm
        {
            Version = View.Referral.Version,
            StaffId = View.Proposal?.RecommendedPractitionerId is { } id && StaffId.TryParse(id, null, out var sid) ? sid : null,
            StartDate = schoolClock.Today,
            // A pupil's own request for help is theirs: parents are told only if the team decides so.
            TellParents = View.Referral.Source != ReferralSource.Pupil,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(ReferralId referralId)
    {
        if (ModelState.IsValid)
        {
            var result = await desk.AllocateAsync(referralId, Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = "The therapist is allocated and told; the pupil is on their caseload.";
                return Redirect($"/referrals/{referralId}");
            }

            if (result.Error is Error.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        return await LoadAsync(referralId) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(ReferralId id)
    {
        var view = await desk.ProposeAsync(id, HttpContext.RequestAborted);
        if (view is null)
        {
            return false;
        }

        View = view;
        return true;
    }
}
