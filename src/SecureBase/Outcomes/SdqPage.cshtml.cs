using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Outcomes;

/// <summary>Record an SDQ on an episode: who completed it, when, and the five subscale scores (0–10 each).</summary>
[Permits(SchoolAction.RecordSdq)]
internal sealed class SdqPageModel : PageModel
{
    private OutcomeDesk Desk => HttpContext.RequestServices.GetRequiredService<OutcomeDesk>();

    /// <summary>The API's own input: the form and the API bind, check and map an SDQ the same way.</summary>
    [BindProperty]
    public SdqInput Input { get; set; } = new();

    public EpisodeHeader Header { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId)
    {
        if (!await LoadAsync(episodeId))
        {
            return NotFound();
        }

        Input = new SdqInput { CompletedOn = Desk.Today };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        if (EpisodeFormPage.Validated(this, Input, nameof(Input)))
        {
            var made = await Desk.RecordSdqAsync(episodeId, Input.ToEntry(), HttpContext.RequestAborted);
            if (OutcomeForms.Answer(this, made, s => $"The SDQ is recorded: total difficulties {s.TotalDifficulties}, {SdqBands.Words(s.Band)} for a {SdqBands.Informant(s.Informant)} questionnaire.",
                $"/episodes/{episodeId}/outcomes", nameof(Input)) is { } answer)
            {
                return answer;
            }
        }

        return await LoadAsync(episodeId) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(EpisodeId episodeId)
    {
        if (await Desk.FindAsync(episodeId, SchoolAction.RecordSdq, HttpContext.RequestAborted) is not { } h)
        {
            return false;
        }

        Header = h;
        return true;
    }
}
