using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Caseload;

/// <summary>Open episodes: a practitioner's own caseload, or everyone's for those whose scope is the whole school.</summary>
public sealed class Caseloads(SecureBaseDb db, CurrentUser me)
{
    public bool SeesEveryone => me.ScopeFor(SchoolAction.ViewCaseload).HasFlag(Scope.School);

    public async Task<IReadOnlyList<CaseloadRow>> ListAsync(CancellationToken ct = default)
    {
        var q = from e in db.Episodes
                join p in db.Pupils on e.PupilId equals p.Id
                join s in db.StaffMembers on e.StaffId equals s.Id
                where e.Status == EpisodeStatus.Open
                select new { e, p, s };
        if (!SeesEveryone)
        {
            q = me.StaffId is { } id ? q.Where(x => x.e.StaffId == id) : q.Where(_ => false);
        }

        return (await q.OrderBy(x => x.s.LastName).ThenBy(x => x.e.StartDate)
                .Select(x => new { x.e.Id, x.e.PupilId, F = x.p.PreferredFirstName ?? x.p.LegalFirstName, L = x.p.PreferredLastName ?? x.p.LegalLastName, x.e.Discipline, x.e.StaffId, x.s.FirstName, x.s.LastName, x.e.StartDate, x.e.ReferralId })
                .ToListAsync(ct))
            .Select(x => new CaseloadRow(x.Id, x.PupilId, $"{x.F} {x.L}", x.Discipline, Staff.Disciplines.Name(x.Discipline), x.StaffId, $"{x.FirstName} {x.LastName}", x.StartDate, x.ReferralId))
            .ToList();
    }
}
