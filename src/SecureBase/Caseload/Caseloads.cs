using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Caseload;

/// <summary>Open episodes: a practitioner's own caseload, or everyone's for those whose scope is the whole school.</summary>
public sealed class Caseloads(SecureBaseDb db, CurrentUser me)
{
    /// <summary>
    /// Pupils per page of the caseload page: a practitioner's whole caseload on one; the Head of Therapy of a large
    /// school (hundreds of open episodes) page by page, practitioner by practitioner.
    /// </summary>
    public const int PageSize = 50;

    public bool SeesEveryone => me.ScopeFor(SchoolAction.ViewCaseload).HasFlag(Scope.School);

    /// <summary>Every open episode the user sees (the API's list).</summary>
    public async Task<IReadOnlyList<CaseloadRow>> ListAsync(CancellationToken ct = default) =>
        await RowsAsync(Ordered(Visible()), ct);

    /// <summary>One page of the open episodes the user sees, in practitioner order, and how many there are in all.</summary>
    internal async Task<(Paged<CaseloadRow> Page, int Total)> PageAsync(int requested, CancellationToken ct = default)
    {
        var visible = Visible();
        var total = await visible.CountAsync(ct);
        var paging = Paging.Of(requested, total, PageSize);
        return (new Paged<CaseloadRow>(await ApiPageAsync(paging, ct), paging), total);
    }

    /// <summary>
    /// One page of the list, in the same order as the whole list: the page's (kept between the first and the last) or, for
    /// the API, as asked for (a page past the end is empty).
    /// </summary>
    internal async Task<IReadOnlyList<CaseloadRow>> ApiPageAsync(Paging paging, CancellationToken ct = default) =>
        await RowsAsync(Ordered(Visible()).Skip(paging.Skip).Take(paging.Size), ct);

    // Made with an initialiser, not a constructor: EF follows x.E back to the episode only through member assignments.
    private sealed class Open
    {
        public required Episode E { get; init; }
        public required Pupils.Pupil P { get; init; }
        public required Staff.StaffMember S { get; init; }
    }

    private IQueryable<Open> Visible()
    {
        var q = from e in db.Episodes
                join p in db.Pupils on e.PupilId equals p.Id
                join s in db.StaffMembers on e.StaffId equals s.Id
                where e.Status == EpisodeStatus.Open
                select new Open { E = e, P = p, S = s };
        if (!SeesEveryone)
        {
            q = me.StaffId is { } id ? q.Where(x => x.E.StaffId == id) : q.Where(_ => false);
        }

        return q;
    }

    // Practitioner, then longest in therapy first; the episode's id last, so that each row is on exactly one page.
    private static IQueryable<Open> Ordered(IQueryable<Open> q) =>
        q.OrderBy(x => x.S.LastName).ThenBy(x => x.S.FirstName).ThenBy(x => x.E.StartDate).ThenBy(x => x.E.Id);

    private static async Task<IReadOnlyList<CaseloadRow>> RowsAsync(IQueryable<Open> q, CancellationToken ct) =>
        (await q.Select(x => new { x.E.Id, x.E.PupilId, F = x.P.PreferredFirstName ?? x.P.LegalFirstName, L = x.P.PreferredLastName ?? x.P.LegalLastName, x.E.Discipline, x.E.StaffId, x.S.FirstName, x.S.LastName, x.E.StartDate, x.E.ReferralId })
                .ToListAsync(ct))
            .Select(x => new CaseloadRow(x.Id, x.PupilId, $"{x.F} {x.L}", x.Discipline, Staff.Disciplines.Name(x.Discipline), x.StaffId, $"{x.FirstName} {x.LastName}", x.StartDate, x.ReferralId))
            .ToList();
}
