using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

/// <summary>Changes or removes a line of therapy provision in a pupil's EHCP.</summary>
[Permits(SchoolAction.ManageEhcp)]
public sealed class EditProvisionModel(EhcpPlans plans) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PupilId PupilId { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProvisionItemId ProvisionId { get; set; }

    [BindProperty]
    public ProvisionInput Input { get; set; } = new();

    public Pupil Pupil { get; private set; } = null!;
    public ProvisionItem Item { get; private set; } = null!;
    public Error? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = ProvisionInput.From(Item);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Refusal is not null || !ModelState.IsValid)
        {
            return Page();
        }

        var details = Input.ToDetails();
        var changed = details.IsSuccess ? await plans.ChangeProvisionAsync(PupilId, ProvisionId, details.Value, ct) : details.Error!;
        if (changed.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (!changed.IsSuccess)
        {
            ModelState.AddErrors(changed.Error!, nameof(Input));
            return Page();
        }

        TempData["Notice"] = "The provision is saved.";
        return Redirect($"/pupils/{PupilId}/ehcp");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        // The remove button posts no provision fields; only the removal's own rules apply.
        ModelState.Clear();
        var removed = await plans.RemoveProvisionAsync(PupilId, ProvisionId, ct);
        if (removed.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (!removed.IsSuccess)
        {
            Input = ProvisionInput.From(Item);
            ModelState.AddErrors(removed.Error!, nameof(Input));
            return Page();
        }

        TempData["Notice"] = $"Removed: {Staff.Disciplines.Name(Item.Discipline)}, {Item.Describe()}.";
        return Redirect($"/pupils/{PupilId}/ehcp");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await plans.GetAsync(PupilId, SchoolAction.ManageEhcp, ct) is not { } found
            || found.Row.Plan?.Provision.FirstOrDefault(i => i.Id == ProvisionId) is not { } item)
        {
            return false;
        }

        Pupil = found.Row.Pupil;
        Item = item;
        Refusal = EhcpPlan.RefusalFor(Pupil);
        return true;
    }
}
