using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Dashboards;

/// <summary>
/// The local authority view (issue 12, C14): anonymised figures across the authority's schools, each with its chart,
/// table and CSV (<c>?handler=Csv&amp;figure=...</c>, the same suppressed cells); the care cohort for a virtual-school officer.
/// </summary>
[Permits(SchoolAction.ViewAuthorityDashboard)]
public sealed class AuthorityPageModel : PageModel
{
    private AuthorityFigures Figures => HttpContext.RequestServices.GetRequiredService<AuthorityFigures>();

    internal AuthorityView? View { get; private set; }

    internal DashboardPeriod Period { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        Period = Figures.Period;
        View = await Figures.ViewAsync(withCohort: true, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string? figure)
    {
        var view = await Figures.ViewAsync(withCohort: false, HttpContext.RequestAborted);
        if (view?.Figures.FirstOrDefault(f => f.Id == figure) is not { } found)
        {
            return NotFound();
        }

        return File(found.ToCsv(), "text/csv; charset=utf-8", $"authority-{found.Id}-{Figures.Period.Today:yyyy-MM-dd}.csv");
    }
}
