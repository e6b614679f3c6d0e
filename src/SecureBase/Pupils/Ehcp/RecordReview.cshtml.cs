using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

/// <summary>Records an EHCP annual review: when it was held and when the next is due.</summary>
[Permits(SchoolAction.ManageEhcp)]
public sealed class RecordReviewModel(EhcpPlans plans) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PupilId PupilId { get; set; }

    [BindProperty]
    public AnnualReviewInput Input { get; set; } = new();

    public Pupil Pupil { get; private set; } = null!;
    public EhcpPlan? Plan { get; private set; }
    public Error? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Refusal is not null || Plan is null || !ModelState.IsValid)
        {
            return Page();
        }

        var saved = await plans.RecordReviewAsync(PupilId, Input.ReviewedOn!.Value, Input.NextReviewDue!.Value, ct);
        if (saved.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (!saved.IsSuccess)
        {
            ModelState.AddErrors(saved.Error!, nameof(Input));
            return Page();
        }

        TempData["Notice"] = $"The annual review of {Pupil.DisplayName}'s EHCP is recorded. The next is due on {EhcpRules.Long(Input.NextReviewDue!.Value)}.";
        return Redirect($"/pupils/{PupilId}/ehcp");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await plans.GetAsync(PupilId, SchoolAction.ManageEhcp, ct) is not { } found)
        {
            return false;
        }

        Pupil = found.Row.Pupil;
        Plan = found.Row.Plan;
        Refusal = EhcpPlan.RefusalFor(Pupil);
        return true;
    }
}
