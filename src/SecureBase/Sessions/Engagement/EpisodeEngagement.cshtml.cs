using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Sessions;

/// <summary>An episode's run of refusals and the strategies tried to engage the pupil: the practitioner's own, the Head of Therapy any.</summary>
[Permits(SchoolAction.RecordEngagementEfforts)]
public sealed class EpisodeEngagementModel(EngagementPages pages) : PageModel
{
    [BindProperty]
    public StrategyInput Input { get; set; } = new();

    public EngagementView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId)
    {
        var view = await pages.ViewAsync(episodeId, HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        if (ModelState.IsValid)
        {
            var added = await pages.AddStrategyAsync(episodeId, Input, HttpContext.RequestAborted);
            if (added.IsSuccess)
            {
                TempData["Notice"] = "What you tried is recorded; it shows on the MDT agenda while the pupil is near the limit.";
                return Redirect($"/episodes/{episodeId}/engagement");
            }

            if (added.Error is Error.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(added.Error!, "Input");
        }

        return await OnGetAsync(episodeId);
    }

    public async Task<IActionResult> OnPostParentsAsync(EpisodeId episodeId, bool doNotTellParents)
    {
        var set = await pages.SetDoNotTellParentsAsync(episodeId, doNotTellParents, HttpContext.RequestAborted);
        if (!set.IsSuccess)
        {
            return NotFound();
        }

        TempData["Notice"] = doNotTellParents ? "Parents will not be told about refusals." : "Parents will be told if the pupil keeps refusing.";
        return Redirect($"/episodes/{episodeId}/engagement");
    }
}
