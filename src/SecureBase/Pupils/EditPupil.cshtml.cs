using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

[Permits(SchoolAction.ManagePupils)]
public sealed class EditPupilModel(PupilRecords records, PupilAccess access, SecureBaseDb db, Schools.SchoolClock schoolClock) : PageModel
{
    [BindProperty]
    public PupilInput Input { get; set; } = new();

    public PupilFormView Form { get; private set; } = null!;
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(PupilId pupilId)
    {
        var pupil = await access.FindAsync(pupilId, SchoolAction.ManagePupils);
        if (pupil is null)
        {
            return NotFound();
        }

        if (pupil.HasLeft)
        {
            TempData["Notice"] = $"{pupil.DisplayName} has left; the record cannot be changed.";
            return Redirect($"/pupils/{pupilId}");
        }

        Name = pupil.DisplayName;
        Input = PupilInput.From(pupil);
        Form = new(Input, await Schools.SiteChoices.LoadAsync(db));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(PupilId pupilId)
    {
        var pupil = await access.FindAsync(pupilId, SchoolAction.ManagePupils);
        if (pupil is null)
        {
            return NotFound();
        }

        Name = pupil.DisplayName;
        var askYearGroup = YearGroupCheck.Warn(ModelState, Input, pupil, schoolClock.Today);
        if (ModelState.IsValid)
        {
            var result = await records.UpdateAsync(pupilId, Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = "The pupil's details have been saved.";
                return Redirect($"/pupils/{pupilId}");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        Form = new(Input, await Schools.SiteChoices.LoadAsync(db), askYearGroup);
        return Page();
    }
}
