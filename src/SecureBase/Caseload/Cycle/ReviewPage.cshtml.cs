using Microsoft.AspNetCore.Mvc;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Schools;

namespace SecureBase.Caseload;

/// <summary>The termly review of provision and progress: continue another cycle, change (what), or discharge (then the discharge step).</summary>
[Permits(SchoolAction.ViewEpisode, OnPost = SchoolAction.RecordEpisodeCycle)]
public sealed class ReviewPageModel(EpisodeCycles cycles, Data.SecureBaseDb db) : EpisodeFormPage(cycles, SchoolAction.ViewEpisode)
{
    [BindProperty]
    public ReviewInput Input { get; set; } = new();

    /// <summary>The term under review, or null when no term is ending.</summary>
    public Term? Term { get; private set; }

    /// <summary>The episode's current goals, each rated at the review.</summary>
    internal IReadOnlyList<CycleGoal> Goals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId) => await ShowAsync(episodeId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        if (!IsValid(Input, nameof(Input)))
        {
            return await ShowAsync(episodeId) ? Page() : NotFound();
        }

        var done = await Cycles.RecordReviewAsync(episodeId, Input.Decision!.Value, Input.Change, Input.Note, Input.GoalChoices(), HttpContext.RequestAborted);
        var discharge = done.IsSuccess && done.Value.Decision == ReviewDecision.Discharge;
        var result = await AfterAsync(episodeId, done.IsSuccess ? Outcome.Ok : done.Error!,
            discharge ? "The review is recorded. Now record the discharge." : "The termly review is recorded.", nameof(Input),
            discharge ? $"/episodes/{episodeId}/discharge" : null);
        await ShowAsync(episodeId);
        return result;
    }

    private async Task<bool> ShowAsync(EpisodeId episodeId)
    {
        if (!await LoadAsync(episodeId))
        {
            return false;
        }

        Term = EpisodeCycles.ReviewableTerm(await SchoolCalendar.LoadAsync(db, HttpContext.RequestAborted), Cycles.Today);
        Goals = await Cycles.CurrentGoalsAsync(episodeId, HttpContext.RequestAborted);
        return true;
    }
}
