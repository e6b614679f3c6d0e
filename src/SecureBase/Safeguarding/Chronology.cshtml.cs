using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Safeguarding;

/// <summary>A pupil's safeguarding chronology, printable: the DSL every concern, a member of staff only those shared with them (nothing shared: not found).</summary>
[Permits(SchoolAction.ViewChronology)]
public sealed class ChronologyModel : PageModel
{
    public string Pupil { get; private set; } = "";
    internal IReadOnlyList<ChronologyLine> Lines { get; private set; } = [];
    public bool IsDsl { get; private set; }

    /// <summary>When these child protection records are due for their retention review.</summary>
    public string Retention { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(PupilId pupilId)
    {
        var found = await HttpContext.RequestServices.GetRequiredService<ConcernDesk>().ChronologyAsync(pupilId, HttpContext.RequestAborted);
        if (found is null)
        {
            return NotFound();
        }

        (Pupil, var born, Lines) = found.Value;
        Retention = Safeguarding.Retention.Words(born);
        IsDsl = HttpContext.RequestServices.GetRequiredService<CurrentUser>().Can(SchoolAction.ViewConcerns);
        return Page();
    }

}
