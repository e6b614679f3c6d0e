using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

/// <summary>What the pupil form partial needs.</summary>
public sealed record PupilFormView(PupilInput Input, IReadOnlyList<(SiteId Id, string Name)> Sites);

[Permits(SchoolAction.ManagePupils)]
public sealed class NewPupilModel(PupilRecords records, SecureBaseDb db) : PageModel
{
    [BindProperty]
    public PupilInput Input { get; set; } = new();

    public PupilFormView Form { get; private set; } = null!;

    public async Task OnGetAsync() => Form = new(Input, await Schools.SiteChoices.LoadAsync(db));

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await records.CreateAsync(Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = $"{result.Value.DisplayName} has been added.";
                return Redirect($"/pupils/{result.Value.Id}");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        Form = new(Input, await Schools.SiteChoices.LoadAsync(db));
        return Page();
    }
}

[Permits(SchoolAction.ManagePupils)]
public sealed class EditPupilModel(PupilRecords records, PupilAccess access, SecureBaseDb db) : PageModel
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

        Form = new(Input, await Schools.SiteChoices.LoadAsync(db));
        return Page();
    }
}

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
