using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

/// <summary>
/// The shape every EHCP form shares: the pupil is found first (another school's or an unreachable
/// pupil is "not found", whatever the form says), a pupil who cannot have a plan is refused with
/// the reason, errors go beside their fields, and a save returns to the pupil's EHCP page with a
/// notice saying what was done.
/// </summary>
public abstract class EhcpFormPage<TInput>(EhcpPlans plans) : PageModel where TInput : class, new()
{
    [BindProperty(SupportsGet = true)]
    public PupilId PupilId { get; set; }

    [BindProperty]
    public TInput Input { get; set; } = new();

    public Pupil Pupil { get; private set; } = null!;
    public EhcpPlan? Plan { get; private set; }
    public Error? Refusal { get; private set; }

    protected EhcpPlans Plans => plans;

    /// <summary>Whether this form can be saved without a plan yet (only the plan's own form can).</summary>
    protected virtual bool NeedsPlan => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = Prefill();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Refusal is not null || (NeedsPlan && Plan is null) || !ModelState.IsValid)
        {
            return Page();
        }

        var saved = await SaveAsync(ct);
        if (saved.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (!saved.IsSuccess)
        {
            ModelState.AddErrors(saved.Error!, nameof(Input));
            return Page();
        }

        TempData["Notice"] = saved.Value;
        return Redirect($"/pupils/{PupilId}/ehcp");
    }

    /// <summary>What the form shows when it is first opened.</summary>
    protected virtual TInput Prefill() => new();

    /// <summary>Saves the typed input; the value is the notice shown on the pupil's EHCP page.</summary>
    protected abstract Task<Result<string>> SaveAsync(CancellationToken ct);

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
