using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

[Permits(SchoolAction.ManageCarers)]
public sealed class AddCarerModel(CarerRecords carers, PupilAccess access) : PageModel
{
    [BindProperty]
    public CarerInput Input { get; set; } = new();

    public string PupilName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(PupilId pupilId)
    {
        var pupil = await access.FindAsync(pupilId, SchoolAction.ManageCarers);
        if (pupil is null || pupil.HasLeft)
        {
            return NotFound();
        }

        PupilName = pupil.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(PupilId pupilId)
    {
        var pupil = await access.FindAsync(pupilId, SchoolAction.ManageCarers);
        if (pupil is null)
        {
            return NotFound();
        }

        PupilName = pupil.DisplayName;
        if (ModelState.IsValid)
        {
            var result = await carers.AddAsync(pupilId, Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = $"{Input.FirstName} {Input.LastName} has been added to {PupilName}'s record.";
                return Redirect($"/pupils/{pupilId}");
            }

            if (result.Error is Error.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        return Page();
    }
}
