using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Rooms;

[Permits(SchoolAction.ManageRooms)]
public sealed class RoomSettingsModel(RoomRecords records) : PageModel
{
    [BindProperty]
    [Display(Name = "The notice")]
    [Needed]
    [SchoolText(10)]
    public string? NoticeDays { get; set; }

    public async Task OnGetAsync() => NoticeDays = (await records.NoticeDaysAsync(HttpContext.RequestAborted)).ToString(Schools.SchoolDates.English);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!int.TryParse(NoticeDays?.Trim(), out var days))
        {
            ModelState.AddModelError(nameof(NoticeDays), "The notice must be a whole number of school days, for example 2");
            return Page();
        }

        var outcome = await records.SetNoticeDaysAsync(days, HttpContext.RequestAborted);
        if (!outcome.IsSuccess)
        {
            ModelState.AddModelError(nameof(NoticeDays), outcome.Error!.Message);
            return Page();
        }

        TempData["Notice"] = $"Colleagues are now asked for {days} school {(days == 1 ? "day's" : "days'")} notice before booking a room over its therapy hours.";
        return Redirect("/rooms");
    }
}
