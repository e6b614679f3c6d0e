using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Liaison;

/// <summary>
/// The Head of Therapy's parents' evening sheet (West Heath: "The Head of HEART and Therapy always attends Parent
/// Evenings"): for the pupils chosen (a year group, or pupils ticked), one printable page per child of what may be
/// shared with that family: approved meeting summaries, approved reports shared with parents, the next appointment
/// times and the practitioners' names. Never notes, contacts with agencies or drafts.
/// </summary>
[Permits(SchoolAction.PrintParentsEvening)]
public sealed class ParentsEveningPageModel : PageModel
{
    private LiaisonDesk Desk => HttpContext.RequestServices.GetRequiredService<LiaisonDesk>();

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<Guid> PupilIds { get; set; } = [];

    internal IReadOnlyList<Pupils.Pupil> OnRoll { get; private set; } = [];
    internal IReadOnlyList<EveningSheet> Sheets { get; private set; } = [];
    internal bool Asked => Year is not null || PupilIds.Count > 0;

    public async Task OnGetAsync()
    {
        OnRoll = await Desk.PupilsOnRollAsync(HttpContext.RequestAborted);
        var chosen = PupilIds.Select(PupilId.From).Where(id => OnRoll.Any(p => p.Id == id)).ToList();
        if (Year is { } y)
        {
            chosen.AddRange(OnRoll.Where(p => p.YearGroup == y).Select(p => p.Id));
        }

        if (Asked && chosen.Count == 0)
        {
            ModelState.AddModelError(nameof(Year), Year is { } year ? $"No pupil on roll is in year {year}: choose another year or tick pupils" : "Choose a year group or tick the pupils to print");
            return;
        }

        Sheets = await Desk.ParentsEveningAsync(chosen, HttpContext.RequestAborted);
    }
}
