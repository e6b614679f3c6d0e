using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Schools;

/// <summary>A local authority and its schools, by name.</summary>
public sealed record AuthorityOfSchool(AuthorityId Id, string Name, IReadOnlyList<(SchoolId Id, string Name, string TimeZoneId)> Schools);

/// <summary>
/// The schools module's published read for the local authority view (issue 12): the local authority a school belongs
/// to and every school of it. A trust is not a local authority: a school in a trust (or in none) has none here.
/// </summary>
public interface IAuthoritySchools
{
    Task<AuthorityOfSchool?> LocalAuthorityOfAsync(SchoolId school, CancellationToken ct);
}

internal sealed class AuthoritySchools(SecureBaseDb db) : IAuthoritySchools
{
    public async Task<AuthorityOfSchool?> LocalAuthorityOfAsync(SchoolId school, CancellationToken ct)
    {
        var authorityId = await db.Schools.AsNoTracking().Where(s => s.Id == school).Select(s => s.AuthorityId).SingleOrDefaultAsync(ct);
        var authority = authorityId is null ? null
            : await db.Authorities.AsNoTracking().Where(a => a.Id == authorityId && a.Kind == AuthorityKind.LocalAuthority).SingleOrDefaultAsync(ct);
        if (authority is null)
        {
            return null;
        }

        var schools = await db.Schools.AsNoTracking().Where(s => s.AuthorityId == authority.Id).Select(s => new { s.Id, s.Name, s.TimeZoneId }).ToListAsync(ct);
        return new AuthorityOfSchool(authority.Id, authority.Name,
            schools.OrderBy(s => s.Name, StringComparer.CurrentCulture).Select(s => (s.Id, s.Name, s.TimeZoneId)).ToList());
    }
}
