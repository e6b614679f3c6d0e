using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Safeguarding;

/// <summary>The DSL's list: open concerns, unopened first, urgent marked; closed ones on request.</summary>
[Permits(SchoolAction.ViewConcerns)]
public sealed class SafeguardingListModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    internal IReadOnlyList<ConcernRow> Rows { get; private set; } = [];

    internal IReadOnlyList<MissedPattern> Patterns { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Rows = await HttpContext.RequestServices.GetRequiredService<ConcernDesk>().ListAsync(All, HttpContext.RequestAborted);
        Patterns = await HttpContext.RequestServices.GetRequiredService<WasNotBrought>().CurrentAsync(HttpContext.RequestAborted);
    }

    public static string When(DateTime utc) => Schools.SchoolTime.London.ToLocal(utc).ToString("d MMM yyyy HH:mm");
}
