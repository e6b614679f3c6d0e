using Microsoft.AspNetCore.Mvc;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Caseload;

/// <summary>The situation analysis of weeks 1–2: EHCP entitlement reviewed, background, needs, strengths, challenges, who was met, assessment tools.</summary>
[Permits(SchoolAction.ViewEpisode, OnPost = SchoolAction.RecordEpisodeCycle)]
public sealed class SituationAnalysisPageModel(EpisodeCycles cycles) : EpisodeFormPage(cycles, SchoolAction.ViewEpisode)
{
    [BindProperty]
    public SituationAnalysisInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId) => await LoadAsync(episodeId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        if (!IsValid(Input, nameof(Input)))
        {
            return await LoadAsync(episodeId) ? Page() : NotFound();
        }

        var done = await Cycles.RecordSituationAnalysisAsync(episodeId, Input.ToDetails(), HttpContext.RequestAborted);
        return await AfterAsync(episodeId, done, "The situation analysis is recorded.", nameof(Input));
    }
}
