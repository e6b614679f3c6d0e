using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

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

[Permits(SchoolAction.ViewStaff)]
public sealed class StaffRecordModel(SecureBaseDb db, StaffRecords records, CurrentUser me) : PageModel
{
    public StaffMember Staff { get; private set; } = null!;
    public int Caseload { get; private set; }
    public Dictionary<SiteId, string> Sites { get; private set; } = [];
    public bool CanEdit => me.Can(SchoolAction.ManageStaff);

    public async Task<IActionResult> OnGetAsync(StaffId staffId)
    {
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId);
        if (staff is null)
        {
            return NotFound();
        }

        Staff = staff;
        Caseload = await records.CaseloadAsync(staffId);
        Sites = await db.Sites.ToDictionaryAsync(s => s.Id, s => s.Name);
        return Page();
    }
}

/// <summary>What the staff form partial needs.</summary>
public sealed record StaffFormView(StaffInput Input, IReadOnlyList<(SiteId Id, string Name)> Sites, bool IsNew);

internal static class StaffForm
{
    /// <summary>Two rows per weekday (for a split day across sites), filled from the saved pattern.</summary>
    public static List<WorkingBlockInput> Rows(List<WorkingBlockInput> saved)
    {
        var rows = new List<WorkingBlockInput>();
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            var blocks = saved.Where(b => b.Day == day).OrderBy(b => b.Start).ToList();
            for (var k = 0; k < 2; k++)
            {
                rows.Add(k < blocks.Count ? blocks[k] : new WorkingBlockInput { Day = day });
            }
        }

        return rows;
    }
}

[Permits(SchoolAction.ManageStaff)]
public sealed class NewStaffModel(StaffRecords records, SecureBaseDb db) : PageModel
{
    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public StaffFormView Form { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Input.WorkingPattern = StaffForm.Rows([]);
        Form = new(Input, await Schools.SiteChoices.LoadAsync(db), true);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await records.CreateAsync(Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = $"{result.Value.FullName} has been added.";
                return Redirect($"/staff/{result.Value.Id}");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        Input.WorkingPattern = StaffForm.Rows(Input.WorkingPattern);
        Form = new(Input, await Schools.SiteChoices.LoadAsync(db), true);
        return Page();
    }
}

[Permits(SchoolAction.ManageStaff)]
public sealed class EditStaffModel(StaffRecords records, SecureBaseDb db) : PageModel
{
    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public StaffFormView Form { get; private set; } = null!;
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(StaffId staffId)
    {
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId);
        if (staff is null)
        {
            return NotFound();
        }

        Name = staff.FullName;
        Input = StaffInput.From(staff);
        Input.WorkingPattern = StaffForm.Rows(Input.WorkingPattern);
        Form = new(Input, await Schools.SiteChoices.LoadAsync(db), false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(StaffId staffId)
    {
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId);
        if (staff is null)
        {
            return NotFound();
        }

        Name = staff.FullName;
        Input.StaffCode ??= staff.StaffCode;
        if (ModelState.IsValid)
        {
            var result = await records.UpdateAsync(staffId, Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = "The staff record has been saved.";
                return Redirect($"/staff/{staffId}");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        Input.WorkingPattern = StaffForm.Rows(Input.WorkingPattern);
        Form = new(Input, await Schools.SiteChoices.LoadAsync(db), false);
        return Page();
    }
}
