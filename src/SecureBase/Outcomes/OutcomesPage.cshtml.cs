using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Outcomes;

/// <summary>
/// An episode's outcomes: each TOM domain over time, cycle by cycle, as a chart with its numbers in a
/// table and meaningful changes (0.5 or more) in words; the goals' progress (0–10) and the SDQs over time.
/// The pupil's own practitioner and the Head of Therapy only; the read is audited.
/// </summary>
[Permits(SchoolAction.ViewOutcomes)]
public sealed class OutcomesPageModel : PageModel
{
    private OutcomeDesk Desk => HttpContext.RequestServices.GetRequiredService<OutcomeDesk>();

    internal OutcomesView View { get; private set; } = null!;
    internal IReadOnlyList<ChartFigure> TomCharts { get; private set; } = [];
    internal IReadOnlyList<TomDomain> Domains { get; private set; } = [];
    internal IReadOnlyList<OutcomeChange> Changes { get; private set; } = [];
    internal IReadOnlyList<CycleChange> CycleChanges { get; private set; } = [];
    internal IReadOnlyList<ChartFigure> GoalCharts { get; private set; } = [];
    internal IReadOnlyList<ChartFigure> SdqCharts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId)
    {
        var view = await Desk.ViewAsync(episodeId, "page", HttpContext.RequestAborted);
        if (!view.IsSuccess)
        {
            return NotFound();
        }

        View = view.Value;
        TomCharts = OutcomeCharts.Tom(View.Tom);
        Domains = OutcomeCharts.DomainsShown(View.Tom);
        Changes = MeaningfulChange.Summarise(View.Tom);
        CycleChanges = OutcomeCharts.BaselineToFinal(View.Tom);
        GoalCharts = OutcomeCharts.Goals(View.Goals);
        SdqCharts = OutcomeCharts.Sdq(View.Sdq);
        return Page();
    }
}
