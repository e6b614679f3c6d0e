using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Outcomes;

/// <summary>
/// A pupil's assessments profile. The therapy team sees every strength and target with whom it is shared,
/// adds items, changes their wording and marking, removes them, and prints the profile for professionals;
/// the pupil's teachers and the SENDCo see only the items marked for staff; anyone else finds no such pupil.
/// </summary>
[Permits(SchoolAction.ViewAssessmentProfile, OnPost = SchoolAction.ManageAssessmentProfile)]
internal sealed class AssessmentProfilePageModel(AssessmentProfiles profiles) : PageModel
{
    [BindProperty]
    public AssessmentItemInput Input { get; set; } = new();

    public AssessmentProfile Profile { get; private set; } = null!;

    /// <summary>The item whose change was refused, to show its form with the errors.</summary>
    public AssessmentItemId? Changing { get; private set; }

    public async Task<IActionResult> OnGetAsync(PupilId pupilId)
    {
        if (await profiles.ForStaffAsync(pupilId, "web", HttpContext.RequestAborted) is not { } p)
        {
            return NotFound();
        }

        Profile = p;
        if (!ModelState.Keys.Any(k => k.StartsWith("Input.", StringComparison.Ordinal)) && Changing is null)
        {
            Input = new AssessmentItemInput { AssessedOn = p.Today, Audience = [] };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(PupilId pupilId)
    {
        if (EpisodeFormPage.Validated(this, Input, nameof(Input)))
        {
            var made = await profiles.WriteAsync(pupilId, Input.ToEntry(), HttpContext.RequestAborted);
            if (made.IsSuccess)
            {
                TempData["Notice"] = $"The {ProfileWords.Of(made.Value.Kind).ToLowerInvariant()} is added: {ProfileWords.List(made.Value.Audience)}.";
                return Redirect($"/pupils/{pupilId}/assessments");
            }

            if (made.Error is Error.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(made.Error!, nameof(Input));
            return await AgainAsync(pupilId, made.Error!);
        }

        return await AgainAsync(pupilId, null);
    }

    public async Task<IActionResult> OnPostChangeAsync(PupilId pupilId, Guid? itemId)
    {
        if (itemId is not { } id)
        {
            return await OnGetAsync(pupilId) is PageResult ? BadRequest() : NotFound();
        }

        Changing = AssessmentItemId.From(id);
        if (EpisodeFormPage.Validated(this, Input, nameof(Input)))
        {
            var changed = await profiles.ChangeAsync(pupilId, AssessmentItemId.From(id), Input.ToEntry(), HttpContext.RequestAborted);
            if (changed.IsSuccess)
            {
                TempData["Notice"] = $"Saved: the {ProfileWords.Of(changed.Value.Kind).ToLowerInvariant()} is {ProfileWords.List(changed.Value.Audience)}.";
                return Redirect($"/pupils/{pupilId}/assessments");
            }

            if (changed.Error is Error.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(changed.Error!, nameof(Input));
            ErrorsToSummary();
            return await AgainAsync(pupilId, changed.Error!);
        }

        ErrorsToSummary();
        return await AgainAsync(pupilId, null);
    }

    public async Task<IActionResult> OnPostRemoveAsync(PupilId pupilId, Guid? itemId)
    {
        if (itemId is not { } id)
        {
            return await OnGetAsync(pupilId) is PageResult ? BadRequest() : NotFound();
        }

        var done = await profiles.RemoveAsync(pupilId, AssessmentItemId.From(id), HttpContext.RequestAborted);
        if (done.Error is Error.NotFound)
        {
            return NotFound();
        }

        TempData["Notice"] = done.IsSuccess ? "The item is removed from the profile." : done.Error!.Message;
        return Redirect($"/pupils/{pupilId}/assessments");
    }

    /// <summary>A refused change is told at the top of the page (the fields beside the errors belong to the add form).</summary>
    private void ErrorsToSummary()
    {
        var messages = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
        ModelState.Clear();
        foreach (var m in messages)
        {
            ModelState.AddModelError(string.Empty, "The change was not saved: " + m);
        }
    }

    private async Task<IActionResult> AgainAsync(PupilId pupilId, Error? error)
    {
        var page = await OnGetAsync(pupilId);
        if (page is PageResult result && error is Error.Conflict)
        {
            result.StatusCode = StatusCodes.Status409Conflict;
        }

        return page;
    }
}
