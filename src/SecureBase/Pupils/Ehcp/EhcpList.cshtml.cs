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
/// a plan is out of date, and provision specified vs delivered. Filter by discipline and "out of date only";
/// 50 pupils a page, like the pupil list.
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
    public const int PageSize = 50;

    public EhcpOverview Overview { get; private set; } = null!;
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
        Overview = await plans.ListPageAsync(Discipline, OutOfDateOnly, Paging.Requested(Request.Query["page"]), PageSize, ct);
        return Page();
    }

    internal PagerView Pager => new("Pages of EHCPs", Paging.Of(Overview.Page, Overview.Total, PageSize), PageLink);

    /// <summary>Another page of the list with the same filters.</summary>
    public string PageLink(int page)
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
        return "/ehcp?" + string.Join("&", q);
    }
}
