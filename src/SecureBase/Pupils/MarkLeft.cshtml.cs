using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

[Permits(SchoolAction.ManagePupils)]
public sealed class MarkLeftModel(PupilRecords records, PupilAccess access) : PageModel
{
    [BindProperty]
    public LeavingInput Input { get; set; } = new();

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
            return Redirect($"/pupils/{pupilId}");
        }

        Name = pupil.DisplayName;
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
        if (ModelState.IsValid)
        {
            var result = await records.MarkLeftAsync(pupilId, Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = $"{Name} is recorded as having left. Their record is kept, read-only.";
                return Redirect($"/pupils/{pupilId}");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        return Page();
    }
}
