using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

/// <summary>Records a pupil's EHCP, or changes its details (SENDCo and head of therapy).</summary>
[Permits(SchoolAction.ManageEhcp)]
public sealed class EditPlanModel(EhcpPlans plans) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PupilId PupilId { get; set; }

    [BindProperty]
    public EhcpPlanInput Input { get; set; } = new();

    public Pupil Pupil { get; private set; } = null!;
    public bool IsNew { get; private set; }
    public Error? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The pupil first: another school's or an unreachable pupil is "not found", whatever the form says.
        var typed = Input;
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = typed;
        if (Refusal is not null || !ModelState.IsValid)
        {
            return Page();
        }

        var saved = await plans.SavePlanAsync(PupilId, Input.ToDetails(), ct);
        if (saved.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (!saved.IsSuccess)
        {
            ModelState.AddErrors(saved.Error!, nameof(Input));
            return Page();
        }

        TempData["Notice"] = IsNew ? $"{Pupil.DisplayName}'s EHCP is recorded. Now add the therapy provision it specifies." : $"{Pupil.DisplayName}'s EHCP is saved.";
        return Redirect($"/pupils/{PupilId}/ehcp");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await plans.GetAsync(PupilId, SchoolAction.ManageEhcp, ct) is not { } found)
        {
            return false;
        }

        Pupil = found.Row.Pupil;
        Refusal = EhcpPlan.RefusalFor(Pupil);
        IsNew = found.Row.Plan is null;
        Input = found.Row.Plan is { } plan ? EhcpPlanInput.From(plan) : new EhcpPlanInput();
        return true;
    }
}
