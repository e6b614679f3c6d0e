using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Caseload;

/// <summary>
/// A teacher's "Pupils leaving your lessons for a session": the coming fortnight's therapy times of the
/// pupils they teach (date, period, the lesson missed, "therapy session"; moved and cancelled ones shown
/// as such) and the classroom strategies shared with them. Never which therapy, with whom, where, or notes.
/// </summary>
[Permits(SchoolAction.ViewTherapyLeavers)]
public sealed class TherapyLeaversPageModel : PageModel
{
    private ClassroomDesk Desk => HttpContext.RequestServices.GetRequiredService<ClassroomDesk>();

    internal TeacherView View { get; private set; } = null!;

    public async Task OnGetAsync() => View = await Desk.ForTeacherAsync(HttpContext.RequestAborted);
}
