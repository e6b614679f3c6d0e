using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Staff;
using SecureBase.Web;

namespace SecureBase.Pupils;

/// <summary>
/// Pupils with an EHCP whom the user may see (the SENDCo, head of therapy and headteacher every
/// one; a therapist their own caseload; a parent their own child), with plan and review dates, why
/// a plan is out of date, and provision specified vs delivered. Filter by discipline and "out of date only".
/// Out-of-date plans come first; 50 pupils a page (<see cref="EhcpPlans.PageSize"/>).
/// </summary>
[Permits(SchoolAction.ViewEhcp)]
public sealed class EhcpListModel(EhcpPlans plans, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "discipline")]
    public string? DisciplineFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "outOfDate")]
    public bool OutOfDateOnly { get; set; }

    public Discipline? Discipline { get; private set; }
    public string? FilterError { get; private set; }
    internal EhcpListPage Overview { get; private set; } = null!;
    public bool CanManage => me.Can(SchoolAction.ManageEhcp);
    public bool SeesWholeSchool => me.ScopeFor(SchoolAction.ViewEhcp).HasFlag(Scope.School);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(DisciplineFilter))
        {
            Discipline = EhcpInput.ParseDiscipline(DisciplineFilter);
            if (Discipline is null)
            {
                FilterError = "Choose a discipline from the list";
                ModelState.AddModelError("discipline", FilterError);
            }
        }

        // A filter that cannot be read shows everything rather than nothing, with the message beside it.
        Overview = await plans.PageAsync(Discipline, OutOfDateOnly, Paging.Requested(Request.Query["page"]), ct);
        return Page();
    }

    /// <summary>The links to the other pages, keeping the filters.</summary>
    internal PagerView Pager => new("Pages of EHCPs", Overview.Paging, PageLink);

    private string PageLink(int page)
    {
        var q = new List<string>();
        if (Discipline is { } d)
        {
            q.Add($"discipline={d}");
        }

        if (OutOfDateOnly)
        {
            q.Add("outOfDate=true");
        }

        q.Add($"page={page}");
        return "/ehcp?" + string.Join('&', q);
    }
}
