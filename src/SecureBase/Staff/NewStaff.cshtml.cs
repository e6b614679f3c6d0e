using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Staff;

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
