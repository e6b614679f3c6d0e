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

    /// <summary>Up to this many matches of a search are read at once (counted and paged in memory); more are counted by the database.</summary>
    private const int SearchReadLimit = 200;

    private sealed record ListRead(
        PupilId Id, string LegalFirstName, string LegalLastName, string? PreferredFirstName, string? PreferredLastName, int YearGroup,
        string? TutorGroup, DateOnly? LeftOn, SenStatus SenStatus, bool CareExperienced, bool PupilPremium);

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

        var searching = false;
        if (SearchText.Squash(SearchText.Fold(filter.Search)) is { Length: > 0 } term)
        {
            searching = true;
            // Apostrophes, hyphens and spaces are left out on both sides: "oconnor" finds "O'Connor". (The record keeps its
            // key squashed: leaving them out in the query, for every pupil of the school on every search, was most of a
            // search's cost to the database at authority scale.)
            query = query.Where(p => p.SearchSquashed.Contains(term));
        }

        var ordered = query
            .OrderBy(p => p.PreferredLastName ?? p.LegalLastName)
            .ThenBy(p => p.PreferredFirstName ?? p.LegalFirstName)
            .ThenBy(p => p.Id)
            .Select(p => new ListRead(
                p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredFirstName, p.PreferredLastName, p.YearGroup, p.TutorGroup,
                p.LeftOn, p.SenStatus, p.CareExperienced, p.PupilPremium));

        // A search matches few pupils, but finding them means scanning the school's names (each with its marks left
        // out): the matches are read in one scan, counted and paged here, instead of one scan to count them and another
        // for the page. When a search matches more than that (a letter or two), the database counts and pages as for the list.
        int total;
        Paging paging;
        List<ListRead> rows;
        var matches = searching ? await ordered.Take(SearchReadLimit + 1).ToListAsync(ct) : null;
        if (matches is { Count: <= SearchReadLimit })
        {
            total = matches.Count;
            paging = Paging.Of(filter.Page, total, PageSize);
            rows = matches.Skip(paging.Skip).Take(PageSize).ToList();
        }
        else
        {
            total = await query.CountAsync(ct);
            paging = Paging.Of(filter.Page, total, PageSize);
            rows = await ordered.Skip(paging.Skip).Take(PageSize).ToListAsync(ct);
        }

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
