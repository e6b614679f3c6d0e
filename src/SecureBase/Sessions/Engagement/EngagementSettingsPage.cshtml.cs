using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Sessions;

/// <summary>The school's thresholds for the disengagement rule: the Head of Therapy.</summary>
[Permits(SchoolAction.ManageEngagementSettings)]
public sealed class EngagementSettingsPageModel(EngagementPages pages) : PageModel
{
    [BindProperty]
    public EngagementSettingsInput Input { get; set; } = new();

    public async Task OnGetAsync()
    {
        var s = await pages.SettingsAsync(HttpContext.RequestAborted);
        Input = new EngagementSettingsInput { WarnAfterWeeks = s.WarnAfterWeeks, ReleaseAfterWeeks = s.ReleaseAfterWeeks };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var changed = await pages.ChangeSettingsAsync(Input, HttpContext.RequestAborted);
            if (changed.IsSuccess)
            {
                TempData["Notice"] = $"Saved: warn after {changed.Value.WarnAfterWeeks} weeks, release the slot after {changed.Value.ReleaseAfterWeeks}.";
                return Redirect("/settings/engagement");
            }

            ModelState.AddErrors(changed.Error!, "Input");
        }

        return Page();
    }
}
