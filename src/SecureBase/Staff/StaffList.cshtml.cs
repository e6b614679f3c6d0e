using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Staff;

[Permits(SchoolAction.ViewStaff)]
public sealed class StaffListModel(StaffRecords records, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Discipline? Discipline { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Team { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Left { get; set; }

    [BindProperty]
    [Display(Name = "Name or staff code")]
    [SchoolText(100)]
    public string? Search { get; set; }

    public IReadOnlyList<StaffRow> Rows { get; private set; } = [];
    public bool CanAdd => me.Can(SchoolAction.ManageStaff);

    public async Task OnGetAsync() => await LoadAsync(null);

    public async Task OnPostAsync() => await LoadAsync(ModelState.IsValid ? Search : null);

    private async Task LoadAsync(string? search)
    {
        if (Discipline is { } d && !Enum.IsDefined(d))
        {
            Discipline = null;
        }

        Rows = await records.ListAsync(Discipline, Team, search, Left, HttpContext.RequestAborted);
    }
}
