using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Caseload;

/// <summary>What the cycle's form pages share: the episode the user reaches (or 404), and how a result comes back.</summary>
public abstract class EpisodeFormPage(EpisodeCycles cycles, SchoolAction action) : PageModel
{
    public EpisodeHeader Header { get; private set; } = null!;
    public string Pupil => Header.Pupil;
    public EpisodeId EpisodeId => Header.Episode.Id;

    protected EpisodeCycles Cycles => cycles;

    /// <summary>Whether the form is valid; an empty form binds nothing (so nothing was validated), and is checked here.</summary>
    protected bool IsValid(object input, string prefix) => Validated(this, input, prefix);

    internal static bool Validated(PageModel page, object input, string prefix) =>
        page.ModelState.Keys.Any(k => k.StartsWith(prefix + ".", StringComparison.Ordinal))
            ? page.ModelState.IsValid
            : page.TryValidateModel(input, prefix) && page.ModelState.IsValid;

    protected async Task<bool> LoadAsync(EpisodeId episodeId)
    {
        var found = await cycles.FindAsync(episodeId, action, HttpContext.RequestAborted);
        if (found is null)
        {
            return false;
        }

        Header = found;
        return true;
    }

    /// <summary>Back to the episode with a notice, or the form again with the errors (409 when the episode's state refuses it).</summary>
    protected async Task<IActionResult> AfterAsync(EpisodeId episodeId, Outcome done, string notice, string prefix, string? next = null)
    {
        if (done.IsSuccess)
        {
            TempData["Notice"] = notice;
            return Redirect(next ?? $"/episodes/{episodeId}");
        }

        if (done.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(done.Error!, prefix);
        if (!await LoadAsync(episodeId))
        {
            return NotFound();
        }

        if (done.Error is Error.Conflict)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return Page();
    }
}
