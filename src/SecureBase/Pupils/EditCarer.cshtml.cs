using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

[Permits(SchoolAction.ManageCarers)]
public sealed class EditCarerModel(CarerRecords carers, PupilAccess access) : PageModel
{
    [BindProperty]
    public CarerInput Input { get; set; } = new();

    public string PupilName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(PupilId pupilId, CarerLinkId linkId)
    {
        var found = await carers.FindAsync(pupilId, linkId);
        if (!found.IsSuccess)
        {
            return NotFound();
        }

        PupilName = (await access.FindAsync(pupilId, SchoolAction.ManageCarers))!.DisplayName;
        Input = CarerInput.From(found.Value.Carer, found.Value.Link);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(PupilId pupilId, CarerLinkId linkId)
    {
        var found = await carers.FindAsync(pupilId, linkId);
        if (!found.IsSuccess)
        {
            return NotFound();
        }

        PupilName = (await access.FindAsync(pupilId, SchoolAction.ManageCarers))!.DisplayName;
        if (ModelState.IsValid)
        {
            var result = await carers.UpdateAsync(pupilId, linkId, Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = "The parent or carer's details have been saved.";
                return Redirect($"/pupils/{pupilId}");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(PupilId pupilId, CarerLinkId linkId)
    {
        var outcome = await carers.RemoveLinkAsync(pupilId, linkId, HttpContext.RequestAborted);
        if (outcome.Error is Error.NotFound)
        {
            return NotFound();
        }

        TempData["Notice"] = outcome.IsSuccess ? "The parent or carer is no longer linked to this pupil." : outcome.Error!.Message;
        return Redirect($"/pupils/{pupilId}");
    }
}
