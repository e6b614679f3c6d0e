using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity;

/// <summary>For someone with roles in several schools (a trust's therapist, a local authority officer).</summary>
[Permits(SchoolAction.ChooseSchool)]
public sealed class ChooseSchoolModel(SecureBaseDb db, UserManager<AppUser> users, SchoolSignInManager signIn, CurrentUser me, AuditLog audit) : PageModel
{
    public IReadOnlyList<(SchoolId Id, string Name, string Roles)> Schools { get; private set; } = [];

    [BindProperty]
    public Guid SchoolId { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var chosen = Schools.FirstOrDefault(s => s.Id.Value == SchoolId);
        if (chosen.Id == Common.SchoolId.None)
        {
            ModelState.AddModelError(nameof(SchoolId), "Choose one of your schools");
            return Page();
        }

        var user = await users.FindByIdAsync(me.UserId.ToString());
        if (user is null)
        {
            return NotFound();
        }

        await signIn.ReissueAsync(user, User, chosen.Id);
        await audit.RecordNowAsync(me.Actor with { SchoolId = chosen.Id }, AuditActions.SchoolChosen, "School", chosen.Id.ToString());
        return Redirect("/");
    }

    private async Task LoadAsync()
    {
        var rows = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == me.UserId)
            .Join(db.Schools, m => m.SchoolId, s => s.Id, (m, s) => new { s.Id, s.Name, m.Role })
            .ToListAsync();
        Schools = rows.GroupBy(r => (r.Id, r.Name))
            .Select(g => (g.Key.Id, g.Key.Name, string.Join(", ", g.Select(r => RoleInfo.Of(r.Role).Name).Order())))
            .OrderBy(s => s.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}
