using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Audit;
using SecureBase.Identity;
using SecureBase.Pupils;

namespace SecureBase.Dashboards;

/// <summary>
/// The list behind the dashboards' EHCP figure (issue 12): the pupils whose EHCP therapy provision is below 80%
/// delivered this school year, by name, for the SENDCo (and the Head of Therapy); the read is audited.
/// </summary>
[Permits(SchoolAction.ViewProvisionShortfall)]
public sealed class ProvisionShortfallPageModel(IProvisionDelivered provision, AuditLog audit, Schools.SchoolClock schoolClock) : PageModel
{
    internal IReadOnlyList<PupilProvisionDelivered> Below { get; private set; } = [];

    public int Target => ServiceFigures.ProvisionTarget;

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Below = (await provision.ThisYearAsync(schoolClock.Today, ct)).Where(p => p.PercentDelivered < Target).ToList();
        await audit.RecordReadAsync("EhcpProvisionShortfall", "school", $"the list of EHCP pupils below {Target}% delivered ({Below.Count} pupils)", ct);
        return Page();
    }
}
