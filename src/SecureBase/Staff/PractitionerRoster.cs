using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Staff;

/// <summary>A practitioner in post: their discipline and the caseload they have capacity for (where set).</summary>
public sealed record RosterPractitioner(StaffId Id, string Name, Discipline Discipline, int? CaseloadCapacity);

/// <summary>
/// The staff module's published read of the therapy team (issue 12's dashboards): practitioners (staff with a
/// discipline) in post on a day. No policy check: the caller's.
/// </summary>
public interface IPractitionerRoster
{
    Task<IReadOnlyList<RosterPractitioner>> InPostAsync(DateOnly today, CancellationToken ct);
}

internal sealed class PractitionerRoster(SecureBaseDb db) : IPractitionerRoster
{
    public async Task<IReadOnlyList<RosterPractitioner>> InPostAsync(DateOnly today, CancellationToken ct) =>
        (await db.StaffMembers.AsNoTracking().Where(s => s.Discipline != null && (s.LeftOn == null || s.LeftOn > today)).ToListAsync(ct))
        .OrderBy(s => s.LastName, StringComparer.CurrentCulture).ThenBy(s => s.FirstName, StringComparer.CurrentCulture)
        .Select(s => new RosterPractitioner(s.Id, s.FullName, s.Discipline!.Value, s.CaseloadCapacity)).ToList();
}
