using Microsoft.AspNetCore.Mvc;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Caseload;

/// <summary>
/// The confidentiality statement (West Heath section 3) in words a child understands, with its four
/// exceptions: the practitioner shows it to the pupil and records that it was shown and how the
/// pupil responded. Until then no session of the episode can be recorded as attended.
/// </summary>
[Permits(SchoolAction.ViewEpisode, OnPost = SchoolAction.RecordEpisodeCycle)]
public sealed class ConfidentialityPageModel(EpisodeCycles cycles) : EpisodeFormPage(cycles, SchoolAction.ViewEpisode)
{
    [BindProperty]
    public ConfidentialityInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId)
    {
        Input.ShownOn = Cycles.Today;
        return await LoadAsync(episodeId) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        if (!IsValid(Input, nameof(Input)))
        {
            return await LoadAsync(episodeId) ? Page() : NotFound();
        }

        var done = await Cycles.RecordConfidentialityAsync(episodeId, Input.ShownOn, Input.Response, HttpContext.RequestAborted);
        return await AfterAsync(episodeId, done, "It is recorded that the confidentiality statement was shown: sessions can now be recorded as attended.", nameof(Input));
    }
}
