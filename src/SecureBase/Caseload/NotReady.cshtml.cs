using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Caseload;

/// <summary>A therapist judges that a pupil is not ready for therapy; see <see cref="AllocationDesk.DeclareNotReadyAsync"/>.</summary>
[Permits(SchoolAction.DeclareNotReady)]
public sealed class NotReadyModel(AllocationDesk desk) : PageModel
{
    [BindProperty]
    [Display(Name = "Why the pupil is not ready")]
    [Needed]
    [SchoolText(1000, MultiLine = true)]
    public string? Note { get; set; }

    public string Pupil { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId)
    {
        var found = await desk.FindOpenEpisodeAsync(episodeId, HttpContext.RequestAborted);
        if (found is null)
        {
            return NotFound();
        }

        Pupil = found.Value.Pupil;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        if (ModelState.IsValid)
        {
            var done = await desk.DeclareNotReadyAsync(episodeId, Note, HttpContext.RequestAborted);
            if (done.IsSuccess)
            {
                TempData["Notice"] = $"{done.Value} is back on the waiting list, keeping their place, with your note.";
                return Redirect("/caseload");
            }

            if (done.Error is Error.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(done.Error!, "");
        }

        return await OnGetAsync(episodeId);
    }
}
