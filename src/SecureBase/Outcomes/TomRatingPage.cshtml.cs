using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Outcomes;

/// <summary>
/// Record a TOM rating on an episode: the point (baseline, interim, final) and cycle the date suggests,
/// the scale used, and each domain 0–5 in steps of 0.5. The episode's practitioner and the Head of Therapy.
/// </summary>
[Permits(SchoolAction.RecordTom)]
internal sealed class TomRatingPageModel : PageModel
{
    private OutcomeDesk Desk => HttpContext.RequestServices.GetRequiredService<OutcomeDesk>();

    /// <summary>The API's own input: the form and the API bind, check and map a rating the same way.</summary>
    [BindProperty]
    public TomRatingInput Input { get; set; } = new();

    public TomForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId, string? point)
    {
        if (!await LoadAsync(episodeId))
        {
            return NotFound();
        }

        Input = new TomRatingInput
        {
            Point = Enum.TryParse<TomPoint>(point, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : Form.Suggested,
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
            var made = await Desk.RecordTomAsync(episodeId, Input.ToEntry(), HttpContext.RequestAborted);
            if (OutcomeForms.Answer(this, made, r => $"The {TomWords.Point(r.Point)} TOM rating of cycle {r.Cycle} is recorded.", $"/episodes/{episodeId}/outcomes", nameof(Input)) is { } answer)
            {
                return answer;
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
}
