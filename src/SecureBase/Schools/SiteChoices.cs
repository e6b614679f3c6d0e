using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Schools;

/// <summary>The school's sites, by name, for a form's choice of site.</summary>
public static class SiteChoices
{
    public static async Task<IReadOnlyList<(SiteId Id, string Name)>> LoadAsync(SecureBaseDb db) =>
        (await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync()).Select(s => (s.Id, s.Name)).ToList();
}
