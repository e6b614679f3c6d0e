using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Development;

/// <summary>Records a supervision session: the supervisor their own, the Head of Therapy any.</summary>
[Permits(SchoolAction.RecordSupervision)]
public sealed class RecordSupervisionPageModel : PageModel
{
    private SupervisionDesk Desk => HttpContext.RequestServices.GetRequiredService<SupervisionDesk>();

    [BindProperty]
    public RecordSupervisionForm Input { get; set; } = new();

    internal IReadOnlyList<StaffChoice> Staff { get; private set; } = [];
    internal bool ChoosesSupervisor { get; private set; }

    public async Task OnGetAsync()
    {
        Input = new RecordSupervisionForm { HeldOn = Desk.Today, Type = nameof(SupervisionType.Individual) };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var me = HttpContext.RequestServices.GetRequiredService<CurrentUser>();
        var choosesSupervisor = me.ScopeFor(SchoolAction.RecordSupervision).HasFlag(Scope.School);
        var supervisor = choosesSupervisor ? (Input.SupervisorId is { } s ? StaffId.From(s) : (StaffId?)null) : me.StaffId;
        SupervisionType? type = Enum.TryParse<SupervisionType>(Input.Type, out var t) ? t : null;
        var recorded = await Desk.RecordAsync(new RecordSupervisionInput(Input.HeldOn, supervisor, Input.SuperviseeIds.Select(StaffId.From).ToList(), type, Input.Notes),
            HttpContext.RequestAborted);
        if (recorded.IsSuccess)
        {
            TempData["Notice"] = $"Recorded the supervision on {recorded.Value.HeldOn:d MMMM yyyy}.";
            return Redirect("/supervision");
        }

        ModelState.AddErrors(recorded.Error!, "Input");
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var me = HttpContext.RequestServices.GetRequiredService<CurrentUser>();
        ChoosesSupervisor = me.ScopeFor(SchoolAction.RecordSupervision).HasFlag(Scope.School);
        Staff = await Desk.StaffChoicesAsync(HttpContext.RequestAborted);
    }

    /// <summary>The form for a supervision session.</summary>
    public sealed class RecordSupervisionForm
    {
        public DateOnly? HeldOn { get; set; }
        public Guid? SupervisorId { get; set; }
        public List<Guid> SuperviseeIds { get; set; } = [];
        public string? Type { get; set; }
        public string? Notes { get; set; }
    }
}
