using Microsoft.AspNetCore.Mvc;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Caseload;

/// <summary>The practitioner or the Head of Therapy discharges the pupil with a reason and a short summary; the weekly slot is released.</summary>
[Permits(SchoolAction.DischargeEpisode)]
public sealed class DischargePageModel(EpisodeCycles cycles) : EpisodeFormPage(cycles, SchoolAction.DischargeEpisode)
{
    [BindProperty]
    public DischargeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId) => await LoadAsync(episodeId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        if (!IsValid(Input, nameof(Input)))
        {
            return await LoadAsync(episodeId) ? Page() : NotFound();
        }

        var done = await Cycles.DischargeAsync(episodeId, Input.Reason, Input.Summary, HttpContext.RequestAborted);
        return await AfterAsync(episodeId, done.IsSuccess ? Outcome.Ok : done.Error!, done.IsSuccess ? $"{done.Value.Pupil} is discharged; the weekly slot is free from tomorrow." : "", nameof(Input));
    }
}
