using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Rooms;

[Permits(SchoolAction.ManageRooms)]
public sealed class EditRoomModel(RoomRecords records, SecureBaseDb db) : PageModel
{
    [BindProperty]
    public RoomInput Input { get; set; } = new();

    public RoomFormView Form { get; private set; } = null!;
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(RoomId roomId)
    {
        if (await records.FindAsync(roomId, HttpContext.RequestAborted) is not { } row)
        {
            return NotFound();
        }

        Name = row.Room.Name;
        Input = RoomInput.From(row.Room);
        Input.TherapyHours = RoomForm.Rows(Input.TherapyHours);
        Form = new(Input, await SiteChoices.LoadAsync(db));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(RoomId roomId)
    {
        if (await records.FindAsync(roomId, HttpContext.RequestAborted) is not { } row)
        {
            return NotFound();
        }

        Name = row.Room.Name;
        if (ModelState.IsValid)
        {
            var details = Input.ToDetails();
            var result = details.IsSuccess ? await records.UpdateAsync(roomId, details.Value, HttpContext.RequestAborted) : details.Error!;
            if (result.IsSuccess)
            {
                TempData["Notice"] = $"{result.Value.Name} has been saved.";
                return Redirect($"/rooms/{roomId}");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        Input.TherapyHours = RoomForm.Rows(Input.TherapyHours);
        Form = new(Input, await SiteChoices.LoadAsync(db));
        return Page();
    }
}
