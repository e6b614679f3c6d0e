using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Pupils;

/// <summary>A care-experienced pupil on roll, named for their virtual-school officer.</summary>
public sealed record CareCohortPupil(PupilId Id, string Name, int YearGroup);

/// <summary>
/// The pupils module's published read of the care cohort (issue 12's local authority view): the care-experienced
/// pupils on roll, the cohort a virtual-school officer is responsible for (PolicyTable's Scope.CareCohort).
/// No policy check: the caller's.
/// </summary>
public interface ICareCohort
{
    Task<IReadOnlyList<CareCohortPupil>> OnRollAsync(CancellationToken ct);
}

internal sealed class CareCohort(SecureBaseDb db) : ICareCohort
{
    public async Task<IReadOnlyList<CareCohortPupil>> OnRollAsync(CancellationToken ct) =>
        (await db.Pupils.AsNoTracking().Where(p => p.CareExperienced && p.LeftOn == null).ToListAsync(ct))
        .OrderBy(p => p.LastName, StringComparer.CurrentCulture).ThenBy(p => p.FirstName, StringComparer.CurrentCulture)
        .Select(p => new CareCohortPupil(p.Id, p.DisplayName, p.YearGroup)).ToList();
}
