using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Caseload;

/// <summary>A SMART goal for the current cycle, with the planned interventions, agreed at an MDT discussion (chosen from recent meetings).</summary>
[Permits(SchoolAction.ViewEpisode, OnPost = SchoolAction.RecordEpisodeCycle)]
public sealed class GoalPageModel(EpisodeCycles cycles, SecureBaseDb db) : EpisodeFormPage(cycles, SchoolAction.ViewEpisode)
{
    [BindProperty]
    public GoalInput Input { get; set; } = new();

    public IReadOnlyList<(Guid Id, DateOnly HeldOn)> Meetings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(EpisodeId episodeId) => await ShowAsync(episodeId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(EpisodeId episodeId)
    {
        if (!IsValid(Input, nameof(Input)))
        {
            return await ShowAsync(episodeId) ? Page() : NotFound();
        }

        var done = await Cycles.AgreeGoalAsync(episodeId, Input.ToDetails(), HttpContext.RequestAborted);
        var result = await AfterAsync(episodeId, done.IsSuccess ? Outcome.Ok : done.Error!, "The goal is added.", nameof(Input));
        if (result is PageResult)
        {
            await ShowAsync(episodeId);
        }

        return result;
    }

    private async Task<bool> ShowAsync(EpisodeId episodeId)
    {
        if (!await LoadAsync(episodeId))
        {
            return false;
        }

        var today = Cycles.Today;
        Meetings = (await db.MdtMeetings.AsNoTracking().Where(m => m.HeldOn <= today.AddDays(7) && m.HeldOn >= today.AddDays(-60)).OrderByDescending(m => m.HeldOn)
            .Select(m => new { m.Id, m.HeldOn }).ToListAsync(HttpContext.RequestAborted)).Select(m => (m.Id, m.HeldOn)).ToList();
        return true;
    }
}
