using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Staff;

namespace SecureBase.Pupils;

/// <summary>What a pupil list can be narrowed by. None of it is personal data, except the search text, which never goes in an address.</summary>
public sealed record PupilFilter(int? YearGroup = null, SenStatus? Sen = null, Discipline? Discipline = null, string? Search = null, bool IncludeLeft = false, int Page = 1);

/// <summary>One line of the pupil list. Record fields are null where the user may not see them for this pupil.</summary>
public sealed record PupilListRow(
    PupilId Id,
    string Name,
    string? LegalName,
    int YearGroup,
    string? TutorGroup,
    DateOnly? LeftOn,
    bool CanOpen,
    SenStatus? Sen,
    bool? CareExperienced,
    bool? PupilPremium);

public sealed record PupilListPage(IReadOnlyList<PupilListRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Paging.PagesFor(Total, PageSize);
}

/// <summary>
/// The pupil list behind the page and the API: the pupils the user may find (directory), with
/// record details only for those whose record the user may open. Paged in the database, so it
/// stays quick with thousands of pupils.
/// </summary>
public sealed class PupilDirectory(PupilAccess access)
{
    public const int PageSize = 50;

    private sealed record ListRead(
        PupilId Id, string LegalFirstName, string LegalLastName, string? PreferredFirstName, string? PreferredLastName, int YearGroup,
        string? TutorGroup, DateOnly? LeftOn, SenStatus SenStatus, bool CareExperienced, bool PupilPremium);

    private sealed record CountedRead(ListRead Row, int Total);

    private static Task<List<CountedRead>> PageAsync(IQueryable<ListRead> ordered, IQueryable<Pupil> all, int skip, CancellationToken ct) =>
        ordered.Skip(skip).Take(PageSize).Select(r => new CountedRead(r, all.Count())).ToListAsync(ct);

    public async Task<PupilListPage> ListAsync(PupilFilter filter, CancellationToken ct = default)
    {
        var query = access.Visible(SchoolAction.ViewPupils);
        if (!filter.IncludeLeft)
        {
            query = query.Where(p => p.LeftOn == null);
        }

        if (filter.YearGroup is { } year)
        {
            query = query.Where(p => p.YearGroup == year);
        }

        if (filter.Sen is { } sen)
        {
            // SEN status is part of the record: only pupils whose record the user may open can be found by it.
            var reachable = access.Visible(SchoolAction.ViewPupilRecord).Select(p => p.Id);
            query = query.Where(p => p.SenStatus == sen && reachable.Contains(p.Id));
        }

        if (filter.Discipline is { } discipline)
        {
            // Caseload information: narrowed to the therapies the user may know of, so nobody else finds anyone by it.
            var inTherapy = access.InTherapy(discipline).Select(p => p.Id);
            query = query.Where(p => inTherapy.Contains(p.Id));
        }

        if (SearchText.Squash(SearchText.Fold(filter.Search)) is { Length: > 0 } term)
        {
            // Apostrophes, hyphens and spaces are left out on both sides: "oconnor" finds "O'Connor".
#pragma warning disable CA1307, CA1309 // EF Core translates only the two-argument Replace (REPLACE on SQLite and PostgreSQL).
            query = query.Where(p => p.SearchKey.Replace("'", "").Replace("-", "").Replace(" ", "").Contains(term));
#pragma warning restore CA1307, CA1309
        }

        var ordered = query
            .OrderBy(p => p.PreferredLastName ?? p.LegalLastName)
            .ThenBy(p => p.PreferredFirstName ?? p.LegalFirstName)
            .ThenBy(p => p.Id)
            .Select(p => new ListRead(
                p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredFirstName, p.PreferredLastName, p.YearGroup, p.TutorGroup,
                p.LeftOn, p.SenStatus, p.CareExperienced, p.PupilPremium));

        // One command reads the page and counts every match (an uncorrelated subquery, which SQLite and PostgreSQL each run
        // once), so a search that matches 200 pupils reads 50 of them, as one that matches 60 does. Only a page past the end
        // (an old link) needs a second look, for the last page.
        var requested = Math.Max(1, filter.Page);
        var read = await PageAsync(ordered, query, (requested - 1) * PageSize, ct);
        var total = read.Count > 0 ? read[0].Total : 0;
        if (read.Count == 0 && requested > 1)
        {
            total = await query.CountAsync(ct);
            read = total == 0 ? [] : await PageAsync(ordered, query, Paging.Of(requested, total, PageSize).Skip, ct);
        }

        var paging = Paging.Of(requested, total, PageSize);
        var rows = read.Select(r => r.Row).ToList();
        var ids = rows.Select(r => r.Id).ToList();
        // Whoever may open every record in the school may open every row: no need to ask the database which.
        var openable = access.ScopeFor(SchoolAction.ViewPupilRecord).HasFlag(Scope.School)
            ? ids.ToHashSet()
            : (await access.Visible(SchoolAction.ViewPupilRecord).Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        return new PupilListPage(
            rows.Select(r =>
            {
                var open = openable.Contains(r.Id);
                var name = $"{r.PreferredFirstName ?? r.LegalFirstName} {r.PreferredLastName ?? r.LegalLastName}";
                var legal = $"{r.LegalFirstName} {r.LegalLastName}";
                return new PupilListRow(r.Id, name, legal == name ? null : legal, r.YearGroup, r.TutorGroup, r.LeftOn, open,
                    open ? r.SenStatus : null, open ? r.CareExperienced : null, open ? r.PupilPremium : null);
            }).ToList(),
            total,
            paging.Page,
            PageSize);
    }
}
