using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Outcomes;

/// <summary>
/// Record a TOM rating on an episode: the point (baseline, interim, final) and cycle the date suggests,
/// the scale used, and each domain 0–5 in steps of 0.5. The episode's practitioner and the Head of Therapy.
/// </summary>
[Permits(SchoolAction.RecordTom)]
public sealed class TomRatingPageModel : PageModel
{
    private OutcomeDesk Desk => HttpContext.RequestServices.GetRequiredService<OutcomeDesk>();

    [BindProperty]
    public RatingForm Input { get; set; } = new();

    internal TomForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId, string? point)
    {
        if (!await LoadAsync(episodeId))
        {
            return NotFound();
        }

        Input = new RatingForm
        {
            Point = Enum.TryParse<TomPoint>(point, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p.ToString() : Form.Suggested?.ToString(),
            Cycle = Form.Position?.Cycle ?? 1,
            RatedOn = Form.Today,
            Scale = TomRating.CoreScale,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        if (EpisodeFormPage.Validated(this, Input, nameof(Input)))
        {
            TomPoint? point = Enum.TryParse<TomPoint>(Input.Point, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : null;
            if (point is null && !string.IsNullOrEmpty(Input.Point))
            {
                ModelState.AddModelError("Input.Point", "Choose baseline, interim or final");
            }
            else
            {
                var made = await Desk.RecordTomAsync(episodeId, new TomEntry(point, Input.Cycle, Input.RatedOn, Input.Scale,
                    new TomScores(Input.Impairment, Input.Activity, Input.Participation, Input.WellBeing, Input.CarerWellBeing)), HttpContext.RequestAborted);
                if (made.IsSuccess)
                {
                    TempData["Notice"] = $"The {TomWords.Point(made.Value.Point)} TOM rating of cycle {made.Value.Cycle} is recorded.";
                    return Redirect($"/episodes/{episodeId}/outcomes");
                }

                if (made.Error is Error.NotFound)
                {
                    return NotFound();
                }

                ModelState.AddErrors(made.Error!, nameof(Input));
                if (made.Error is Error.Conflict)
                {
                    Response.StatusCode = StatusCodes.Status409Conflict;
                }
            }
        }

        return await LoadAsync(episodeId) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(EpisodeId episodeId)
    {
        var form = await Desk.TomFormAsync(episodeId, HttpContext.RequestAborted);
        if (form is null)
        {
            return false;
        }

        Form = form;
        return true;
    }

    public sealed class RatingForm
    {
        public string? Point { get; set; }

        public int? Cycle { get; set; }

        public DateOnly? RatedOn { get; set; }

        [Display(Name = "the scale used")]
        [SchoolText(TomRating.ScaleMaxLength)]
        public string? Scale { get; set; }

        [Display(Name = "the impairment rating")]
        [Needed]
        public decimal? Impairment { get; set; }

        [Display(Name = "the activity rating")]
        [Needed]
        public decimal? Activity { get; set; }

        [Display(Name = "the participation rating")]
        [Needed]
        public decimal? Participation { get; set; }

        [Display(Name = "the well-being rating")]
        [Needed]
        public decimal? WellBeing { get; set; }

        public decimal? CarerWellBeing { get; set; }
    }
}
