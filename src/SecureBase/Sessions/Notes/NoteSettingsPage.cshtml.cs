using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Sessions.Notes;

/// <summary>
/// The school's settings for confidential notes (the Head of Therapy): whether therapists may consult
/// colleagues' notes (West Heath's exception 4). Saving changes who may read at once.
/// </summary>
[Permits(SchoolAction.ManageNoteSettings)]
public sealed class NoteSettingsPageModel : PageModel
{
    /// <summary>"Allowed" or "NotAllowed": the team-consultation setting.</summary>
    [BindProperty]
    public string? TeamConsultation { get; set; }

    private NoteBook Notes => HttpContext.RequestServices.GetRequiredService<NoteBook>();

    public async Task OnGetAsync() =>
        TeamConsultation = await Notes.TeamConsultationAsync(HttpContext.RequestAborted) ? "Allowed" : "NotAllowed";

    public async Task<IActionResult> OnPostAsync()
    {
        bool? allowed = TeamConsultation switch { "Allowed" => true, "NotAllowed" => false, _ => null };
        if (allowed is not { } value)
        {
            ModelState.AddModelError(nameof(TeamConsultation), "Choose whether therapists may consult colleagues' notes");
            return Page();
        }

        await Notes.SetTeamConsultationAsync(value, HttpContext.RequestAborted);
        TempData["Notice"] = value
            ? "Saved: therapists may now open a colleague's note when consulting the team, giving their reason first."
            : "Saved: therapists now read only the notes of their own pupils and their own notes.";
        return Redirect("/settings/notes");
    }
}
