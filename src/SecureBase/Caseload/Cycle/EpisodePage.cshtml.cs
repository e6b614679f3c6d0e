using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Caseload;

/// <summary>
/// The episode: its cycle, week and phase, the tasks due, the situation analysis, goals and checks,
/// tier and modality, termly reviews, discharge and the confidentiality statement. The hub that
/// sessions and notes link into. The pupil's own practitioner and the Head of Therapy only; reads audited.
/// </summary>
[Permits(SchoolAction.ViewEpisode, OnPost = SchoolAction.RecordEpisodeCycle)]
public sealed class EpisodePageModel(EpisodeCycles cycles, CurrentUser me) : PageModel
{
    public EpisodeView View { get; private set; } = null!;

    /// <summary>Each goal's rating at each termly review.</summary>
    internal IReadOnlyList<GoalRatingLine> Ratings { get; private set; } = [];
    public bool CanRecord => me.Can(SchoolAction.RecordEpisodeCycle) && View.Header.Episode.IsOpen;
    public bool CanDischarge => me.Can(SchoolAction.DischargeEpisode) && View.Header.Episode.IsOpen;

    [BindProperty]
    public TierInput Tier { get; set; } = new();

    [BindProperty]
    public CheckInput Check { get; set; } = new();

    [BindProperty]
    public GoalRatingInput Rating { get; set; } = new();

    [BindProperty]
    public CarryForwardInput Carry { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId)
    {
        var view = await cycles.ViewAsync(episodeId, "page", HttpContext.RequestAborted);
        if (!view.IsSuccess)
        {
            return NotFound();
        }

        View = view.Value;
        Ratings = await cycles.RatingLinesAsync(episodeId, HttpContext.RequestAborted);
        if (Request.Method == HttpMethods.Get)
        {
            Tier = new TierInput { Tier = View.Header.Episode.Tier, Modality = View.Header.Episode.Modality };
        }

        return Page();
    }

    public Task<IActionResult> OnPostTierAsync(EpisodeId episodeId) =>
        DoAsync(episodeId, "Tier", Tier, () => cycles.SetTierAsync(episodeId, Tier.Tier, Tier.Modality, HttpContext.RequestAborted), "The tier and modality are saved.");

    public Task<IActionResult> OnPostCheckAsync(EpisodeId episodeId) =>
        DoAsync(episodeId, "Check", Check, () => cycles.RecordCheckAsync(episodeId, Check.Kind!.Value, Check.Note, HttpContext.RequestAborted), "The check is recorded.");

    public Task<IActionResult> OnPostRateAsync(EpisodeId episodeId) =>
        DoAsync(episodeId, "Rating", Rating, () => cycles.RateGoalAsync(episodeId, CycleGoalId.From(Rating.GoalId!.Value), Rating.Rating!.Value, HttpContext.RequestAborted), "The goal is rated.");

    public Task<IActionResult> OnPostCarryAsync(EpisodeId episodeId) =>
        DoAsync(episodeId, "Carry", Carry, async () =>
        {
            var carried = await cycles.CarryForwardAsync(episodeId, CycleGoalId.From(Carry.GoalId!.Value), HttpContext.RequestAborted);
            return carried.IsSuccess ? Outcome.Ok : carried.Error!;
        }, "The goal is carried forward into the next cycle.");

    private async Task<IActionResult> DoAsync(EpisodeId episodeId, string prefix, object input, Func<Task<Outcome>> act, string notice)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        // An empty form binds nothing, so the input is validated here as well as by model binding.
        Error? failed = null;
        if (EpisodeFormPage.Validated(this, input, prefix))
        {
            var done = await act();
            if (done.IsSuccess)
            {
                TempData["Notice"] = notice;
                return Redirect($"/episodes/{episodeId}");
            }

            failed = done.Error!;
            ModelState.AddErrors(failed, prefix);
        }

        var page = await OnGetAsync(episodeId);
        if (page is PageResult && failed is Error.Conflict)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return page;
    }
}
