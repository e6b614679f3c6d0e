using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

/// <summary>Adds a line of therapy provision to a pupil's EHCP.</summary>
[Permits(SchoolAction.ManageEhcp)]
public sealed class NewProvisionModel(EhcpPlans plans) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PupilId PupilId { get; set; }

    [BindProperty]
    public ProvisionInput Input { get; set; } = new();

    public Pupil Pupil { get; private set; } = null!;
    public EhcpPlan? Plan { get; private set; }
    public Error? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = new ProvisionInput { Frequency = nameof(ProvisionFrequency.PerWeek), Delivery = nameof(ProvisionDelivery.Individual) };
        return Page();
    }

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

        var details = Input.ToDetails();
        var added = details.IsSuccess ? await plans.AddProvisionAsync(PupilId, details.Value, ct) : details.Error!;
        if (added.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (!added.IsSuccess)
        {
            ModelState.AddErrors(added.Error!, nameof(Input));
            return Page();
        }

        TempData["Notice"] = $"Added: {Staff.Disciplines.Name(added.Value.Discipline)}, {added.Value.Describe()}.";
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
