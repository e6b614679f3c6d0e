using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Audit;

/// <summary>The school's audit log, newest first, and a check that the whole chain is intact.</summary>
[Permits(SchoolAction.ViewAuditLog)]
public sealed class AuditLogPageModel(SecureBaseDb db, AuditKey key, AuditWitness witness, CurrentUser me, AuditLog audit) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasMore { get; private set; }
    public AuditVerification? Verification { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int page = 1) => await LoadAsync(page);

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        Verification = await AuditVerifier.VerifyAsync(db, key, witness, HttpContext.RequestAborted);
        await audit.RecordNowAsync(me.Actor, AuditActions.AuditVerified, detail: Verification.Intact ? "intact" : $"broken at {Verification.FirstBadSequence}");
        await LoadAsync(1);
        return Page();
    }

    private async Task LoadAsync(int page)
    {
        PageNumber = Math.Clamp(page, 1, 100_000);
        var school = me.SchoolId;
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(e => e.SchoolId == school)
            .OrderByDescending(e => e.Sequence)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync();
        HasMore = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
    }
}
