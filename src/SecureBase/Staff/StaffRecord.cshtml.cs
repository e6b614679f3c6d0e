using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Staff;

[Permits(SchoolAction.ViewStaff)]
public sealed class StaffRecordModel(SecureBaseDb db, StaffRecords records, CurrentUser me) : PageModel
{
    public StaffMember Staff { get; private set; } = null!;
    public int Caseload { get; private set; }
    public Dictionary<SiteId, string> Sites { get; private set; } = [];
    public bool CanEdit => me.Can(SchoolAction.ManageStaff);

    public async Task<IActionResult> OnGetAsync(StaffId staffId)
    {
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId);
        if (staff is null)
        {
            return NotFound();
        }

        Staff = staff;
        Caseload = await records.CaseloadAsync(staffId);
        Sites = await db.Sites.ToDictionaryAsync(s => s.Id, s => s.Name);
        return Page();
    }
}
