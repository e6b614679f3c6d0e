using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;

namespace SecureBase.Identity;

/// <summary>How an account appears in the audit log before a school is chosen: its school and roles there, when it has one school.</summary>
internal static class AccountAudit
{
    public static async Task<AuditActor> ActorForAsync(SecureBaseDb db, AppUser user)
    {
        var memberships = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == user.Id).Select(m => new { m.SchoolId, m.Role }).ToListAsync();
        var schools = memberships.Select(m => m.SchoolId).Distinct().ToList();
        return schools.Count == 1
            ? new AuditActor(user.Id, user.UserName, string.Join(",", memberships.Select(m => m.Role).Order()), schools[0])
            : new AuditActor(user.Id, user.UserName, null, null);
    }
}
