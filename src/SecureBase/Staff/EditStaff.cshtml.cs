using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Staff;

[Permits(SchoolAction.ManageStaff)]
public sealed class EditStaffModel(StaffRecords records, SecureBaseDb db) : PageModel
{
    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public StaffFormView Form { get; private set; } = null!;
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(StaffId staffId)
    {
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId);
        if (staff is null)
        {
            return NotFound();
        }

        Name = staff.FullName;
        Input = StaffInput.From(staff);
        Input.WorkingPattern = StaffForm.Rows(Input.WorkingPattern);
        Form = new(Input, await Schools.SiteChoices.LoadAsync(db), false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(StaffId staffId)
    {
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId);
        if (staff is null)
        {
            return NotFound();
        }

        Name = staff.FullName;
        Input.StaffCode ??= staff.StaffCode;
        if (ModelState.IsValid)
        {
            var result = await records.UpdateAsync(staffId, Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = "The staff record has been saved.";
                return Redirect($"/staff/{staffId}");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        Input.WorkingPattern = StaffForm.Rows(Input.WorkingPattern);
        Form = new(Input, await Schools.SiteChoices.LoadAsync(db), false);
        return Page();
    }
}
