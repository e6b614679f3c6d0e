using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Dashboards;

/// <summary>
/// The service dashboards (issue 12, C14): the Head of Therapy's exact figures, the headteacher's anonymised ones;
/// each figure's CSV from <c>?handler=Csv&amp;figure=...</c>, with the same cells as the page.
/// </summary>
[Permits(SchoolAction.ViewServiceDashboards)]
public sealed class ServiceDashboardPageModel : PageModel
{
    private ServiceFigures Figures => HttpContext.RequestServices.GetRequiredService<ServiceFigures>();

    internal IReadOnlyList<Figure> All { get; private set; } = [];

    internal bool Anonymised { get; private set; }

    internal DashboardPeriod Period { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        Anonymised = Figures.Anonymised;
        Period = Figures.Period;
        All = await Figures.AllAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string? figure)
    {
        if (figure is null || await Figures.OneAsync(figure, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        return File(found.ToCsv(), "text/csv; charset=utf-8", $"{found.Id}-{Figures.Period.Today:yyyy-MM-dd}.csv");
    }
}
