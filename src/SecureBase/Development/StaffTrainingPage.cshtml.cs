using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Development;

/// <summary>Training the therapy team delivers to school staff ("SEMH awareness"), with who attended.</summary>
[Permits(SchoolAction.ViewStaffTraining, OnPost = SchoolAction.RecordStaffTraining)]
public sealed class StaffTrainingPageModel : PageModel
{
    private CpdDesk Desk => HttpContext.RequestServices.GetRequiredService<CpdDesk>();

    [BindProperty]
    public TrainingForm Input { get; set; } = new();

    internal IReadOnlyList<TrainingView> Sessions { get; private set; } = [];
    private Paging _paging = Paging.Of(1, 0, CpdDesk.PageSize);

    internal PagerView Pager => new("Pages of training", _paging, p => $"/cpd/training?page={p}", "Newer training", "Older training");
    internal IReadOnlyList<StaffChoice> Staff { get; private set; } = [];
    internal bool CanRecord { get; private set; }

    public async Task OnGetAsync()
    {
        Input = new TrainingForm { DeliveredOn = Desk.Today, DeliveredBy = HttpContext.RequestServices.GetRequiredService<CurrentUser>().StaffId?.Value };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var made = await Desk.RecordTrainingAsync(new TrainingInput(Input.Title, Input.DeliveredOn, Input.Hours, Input.DeliveredBy is { } b ? StaffId.From(b) : null,
            Input.Invited.Select(StaffId.From).ToList(), Input.Attended.Select(StaffId.From).ToList()), HttpContext.RequestAborted);
        if (made.IsSuccess)
        {
            TempData["Notice"] = $"Recorded: {made.Value.Title}, {made.Value.Attendees.Count(a => a.Attended)} attended.";
            return Redirect("/cpd/training");
        }

        ModelState.AddErrors(made.Error!, "Input");
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        CanRecord = HttpContext.RequestServices.GetRequiredService<CurrentUser>().Can(SchoolAction.RecordStaffTraining);
        var page = await Desk.TrainingAsync(Paging.Requested(Request.Query["page"]), HttpContext.RequestAborted);
        (Sessions, _paging) = (page.Rows, page.Paging);
        Staff = CanRecord ? await HttpContext.RequestServices.GetRequiredService<SupervisionDesk>().StaffChoicesAsync(HttpContext.RequestAborted) : [];
    }

    /// <summary>The form for a training session delivered to staff.</summary>
    public sealed class TrainingForm
    {
        public string? Title { get; set; }
        public DateOnly? DeliveredOn { get; set; }
        public decimal? Hours { get; set; }
        public Guid? DeliveredBy { get; set; }
        public List<Guid> Invited { get; set; } = [];
        public List<Guid> Attended { get; set; } = [];
    }
}
