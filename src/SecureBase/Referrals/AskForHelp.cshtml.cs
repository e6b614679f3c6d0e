using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Referrals;

/// <summary>A pupil's own request for help: plain words, big buttons, pictures that can be ignored.</summary>
[Permits(SchoolAction.AskForHelp)]
public sealed class AskForHelpModel(ReferralIntake intake, CurrentUser me) : PageModel
{
    [BindProperty]
    public ReferralInput Input { get; set; } = new();

    public bool Sent { get; private set; }
    public bool Unsafe { get; private set; }

    public void OnGet() => Input.SubmissionKey = Guid.NewGuid();

    public async Task<IActionResult> OnPostAsync()
    {
        Input.PupilId = me.PupilId;
        if (ModelState.IsValid)
        {
            var result = await intake.SubmitAsync(Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                Sent = true;
                Unsafe = result.Value.SafeguardingWorry;
                return Page();
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        return Page();
    }
}
