using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Identity;

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
            if (OutcomeForms.Answer(this, made, i => $"The {ProfileWords.Of(i.Kind).ToLowerInvariant()} is added: {ProfileWords.List(i.Audience)}.", $"/pupils/{pupilId}/assessments", nameof(Input)) is { } answer)
            {
                return answer;
            }
        }

        return await OnGetAsync(pupilId);
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
            if (OutcomeForms.Answer(this, changed, i => $"Saved: the {ProfileWords.Of(i.Kind).ToLowerInvariant()} is {ProfileWords.List(i.Audience)}.", $"/pupils/{pupilId}/assessments", nameof(Input)) is { } answer)
            {
                return answer;
            }
        }

        ErrorsToSummary();
        return await OnGetAsync(pupilId);
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
}
