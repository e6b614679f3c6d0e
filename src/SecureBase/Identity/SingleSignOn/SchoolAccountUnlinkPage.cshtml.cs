using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;

namespace SecureBase.Identity.SingleSignOn;

/// <summary>
/// The administrator confirms unlinking a member of staff's school account (a recreated Microsoft or Google account, or
/// the wrong one bound). Only a member of this school bound at this school's issuer can be shown or unlinked; anyone else
/// is not found. The form carries the subject it was shown, so a stale or forged form changes nothing. Audited.
/// </summary>
[Permits(SchoolAction.ManageSingleSignOn)]
internal sealed class SchoolAccountUnlinkPageModel(SecureBaseDb db, SchoolAccountLinks links, AuditLog audit) : PageModel
{
    public LinkedSchoolAccount? Linked { get; private set; }

    /// <summary>The provider's subject the administrator saw when confirming.</summary>
    [BindProperty]
    public string? Subject { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid userId, CancellationToken ct)
    {
        var sso = await db.SchoolSignOns.AsNoTracking().SingleOrDefaultAsync(ct);
        Linked = sso is null ? null : (await links.LinkedAsync(sso, userId, ct)).SingleOrDefault();
        if (Linked is null)
        {
            return NotFound();
        }

        Subject = Linked.Subject;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid userId, CancellationToken ct)
    {
        var sso = await db.SchoolSignOns.AsNoTracking().SingleOrDefaultAsync(ct);
        var linked = sso is null ? null : (await links.LinkedAsync(sso, userId, ct)).SingleOrDefault();
        if (linked is null)
        {
            // Not a member of this school linked at its provider (another school's account, a made-up id, or a link
            // already removed): not found, as for every record outside the school; nothing changes.
            return NotFound();
        }

        if (!await links.UnlinkAsync(sso!, userId, Subject, audit, ct))
        {
            Linked = linked;
            Subject = linked.Subject;
            ModelState.AddModelError(string.Empty, $"{linked.Name}'s school account link changed after you opened this page, so nothing was changed. Check it and unlink again if you still want to.");
            return Page();
        }

        TempData["Notice"] = $"{linked.Name}'s school account is unlinked. The next time they sign in with their school account, it is linked again by their verified email address.";
        return Redirect("/admin/single-sign-on");
    }
}
