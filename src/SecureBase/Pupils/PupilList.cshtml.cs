using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Staff;

namespace SecureBase.Pupils;

/// <summary>
/// The pupil list. Year group, SEN status and discipline filter through the address (they name no
/// one); a name or UPN search is posted, so it never appears in an address, a log or the history.
/// </summary>
[Permits(SchoolAction.ViewPupils)]
public sealed class PupilListModel(PupilDirectory directory, CurrentUser me, PupilAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public SenStatus? Sen { get; set; }

    [BindProperty(SupportsGet = true)]
    public Discipline? Discipline { get; set; }

    /// <summary>Only the Head of Therapy and practitioners may find pupils by the therapy they are in (caseload information).</summary>
    public bool SeesTherapies => access.SeesTherapies;

    [BindProperty(SupportsGet = true)]
    public bool Left { get; set; }

    /// <summary>From <c>?page=</c> (or the posted page button); Razor Pages keeps the route value "page" for itself.</summary>
    public int PageNumber { get; private set; } = 1;

    [BindProperty]
    [Display(Name = "Name or UPN")]
    [SchoolText(100)]
    public string? Search { get; set; }

    public PupilListPage Result { get; private set; } = new([], 0, 1, PupilDirectory.PageSize);
    public bool CanFilterBySen => me.ScopeFor(SchoolAction.ViewPupilRecord).HasFlag(Scope.School);
    public bool CanAdd => me.Can(SchoolAction.ManagePupils);
    public bool Searching => !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync()
    {
        PageNumber = Paging.Requested(Request.Query["page"]);
        await LoadAsync(search: null);
    }

    public async Task OnPostAsync()
    {
        PageNumber = Paging.Requested(Request.Form["page"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(search: null);
            return;
        }

        await LoadAsync(Search);
    }

    private async Task LoadAsync(string? search)
    {
        if (Year is { } y && !YearGroups.IsValid(y))
        {
            Year = null;
        }

        if (Sen is { } s && (!Enum.IsDefined(s) || !CanFilterBySen))
        {
            Sen = null;
        }

        if (Discipline is { } d && (!Enum.IsDefined(d) || !SeesTherapies))
        {
            Discipline = null;
        }

        Result = await directory.ListAsync(new PupilFilter(Year, Sen, Discipline, search, Left, PageNumber), HttpContext.RequestAborted);
    }

    /// <summary>An address for a page of the list with the current filters (never the search text).</summary>
    public string PageLink(int page)
    {
        var q = new List<string>();
        if (Year is { } y)
        {
            q.Add($"year={y}");
        }

        if (Sen is { } s)
        {
            q.Add($"sen={s}");
        }

        if (Discipline is { } d)
        {
            q.Add($"discipline={d}");
        }

        if (Left)
        {
            q.Add("left=true");
        }

        q.Add($"page={page}");
        return "/pupils?" + string.Join('&', q);
    }
}
