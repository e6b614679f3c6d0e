using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Outcomes;

/// <summary>Record an SDQ on an episode: who completed it, when, and the five subscale scores (0–10 each).</summary>
[Permits(SchoolAction.RecordSdq)]
public sealed class SdqPageModel : PageModel
{
    private OutcomeDesk Desk => HttpContext.RequestServices.GetRequiredService<OutcomeDesk>();

    [BindProperty]
    public SdqForm Input { get; set; } = new();

    internal EpisodeHeader Header { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId)
    {
        if (!await LoadAsync(episodeId))
        {
            return NotFound();
        }

        Input = new SdqForm { CompletedOn = Desk.Today };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        if (EpisodeFormPage.Validated(this, Input, nameof(Input)))
        {
            SdqInformant? informant = Enum.TryParse<SdqInformant>(Input.Informant, ignoreCase: true, out var i) && Enum.IsDefined(i) ? i : null;
            var made = await Desk.RecordSdqAsync(episodeId, new SdqEntry(informant, Input.CompletedOn,
                new SdqSubscales(Input.Emotional, Input.Conduct, Input.Hyperactivity, Input.PeerProblems, Input.Prosocial)), HttpContext.RequestAborted);
            if (made.IsSuccess)
            {
                TempData["Notice"] = $"The SDQ is recorded: total difficulties {made.Value.TotalDifficulties}, {SdqBands.Words(made.Value.Band)} for a {SdqBands.Informant(made.Value.Informant)} questionnaire.";
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

    public sealed class SdqForm
    {
        [Display(Name = "who completed the questionnaire")]
        [Needed]
        public string? Informant { get; set; }

        public DateOnly? CompletedOn { get; set; }

        [Display(Name = "the emotional symptoms score")]
        [Needed]
        public int? Emotional { get; set; }

        [Display(Name = "the conduct problems score")]
        [Needed]
        public int? Conduct { get; set; }

        [Display(Name = "the hyperactivity score")]
        [Needed]
        public int? Hyperactivity { get; set; }

        [Display(Name = "the peer problems score")]
        [Needed]
        public int? PeerProblems { get; set; }

        [Display(Name = "the prosocial score")]
        [Needed]
        public int? Prosocial { get; set; }
    }
}
