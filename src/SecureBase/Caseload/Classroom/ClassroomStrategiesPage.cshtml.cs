using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Caseload;

/// <summary>
/// A pupil's classroom strategies: the practitioner writes them and chooses which the pupil's teachers
/// see; a teacher of the pupil sees only the shared ones; anyone else finds no such pupil.
/// </summary>
[Permits(SchoolAction.ViewClassroomStrategies, OnPost = SchoolAction.ManageClassroomStrategies)]
public sealed class ClassroomStrategiesPageModel : PageModel
{
    private ClassroomDesk Desk => HttpContext.RequestServices.GetRequiredService<ClassroomDesk>();

    [BindProperty]
    public StrategyForm Input { get; set; } = new();

    internal PupilStrategies View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(PupilId pupilId)
    {
        var view = await Desk.ForPupilAsync(pupilId, HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(PupilId pupilId)
    {
        if (EpisodeFormPage.Validated(this, Input, nameof(Input)))
        {
            var made = await Desk.WriteAsync(pupilId, Input.Text, Input.Share, HttpContext.RequestAborted);
            if (made.IsSuccess)
            {
                TempData["Notice"] = Input.Share ? "The strategy is written and shared with the pupil's teachers." : "The strategy is written. It is not shared with teachers.";
                return Redirect($"/pupils/{pupilId}/classroom-strategies");
            }

            if (made.Error is Error.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(made.Error!, nameof(Input));
            if (made.Error is Error.Conflict && await OnGetAsync(pupilId) is PageResult conflict)
            {
                conflict.StatusCode = StatusCodes.Status409Conflict;
                return conflict;
            }
        }

        return await OnGetAsync(pupilId);
    }

    public async Task<IActionResult> OnPostShareAsync(PupilId pupilId, Guid? strategyId, bool share)
    {
        if (strategyId is not { } id)
        {
            return await OnGetAsync(pupilId) is PageResult ? BadRequest() : NotFound();
        }

        var done = await Desk.ShareAsync(pupilId, ClassroomStrategyId.From(id), share, HttpContext.RequestAborted);
        if (done.Error is Error.NotFound)
        {
            return NotFound();
        }

        TempData["Notice"] = done.IsSuccess ? (share ? "The strategy is shared with the pupil's teachers." : "The strategy is no longer shared with teachers.") : done.Error!.Message;
        return Redirect($"/pupils/{pupilId}/classroom-strategies");
    }

    public sealed class StrategyForm
    {
        [Display(Name = "the strategy")]
        [Needed]
        [SchoolText(ClassroomStrategy.TextMaxLength)]
        public string? Text { get; set; }

        public bool Share { get; set; }
    }
}
