using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Rooms;

[Permits(SchoolAction.ManageRooms)]
public sealed class NewRoomModel(RoomRecords records, SecureBaseDb db) : PageModel
{
    [BindProperty]
    public RoomInput Input { get; set; } = new();

    public RoomFormView Form { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var sites = await SiteChoices.LoadAsync(db);
        Input.Kind = nameof(RoomKind.DedicatedTherapy);
        Input.SiteId = sites.Count == 1 ? sites[0].Id.ToString() : null;
        Input.TherapyHours = RoomForm.Rows([]);
        Form = new(Input, sites);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var details = Input.ToDetails();
            var result = details.IsSuccess ? await records.CreateAsync(details.Value, HttpContext.RequestAborted) : details.Error!;
            if (result.IsSuccess)
            {
                TempData["Notice"] = $"{result.Value.Name} has been added.";
                return Redirect($"/rooms/{result.Value.Id}");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        Input.TherapyHours = RoomForm.Rows(Input.TherapyHours);
        Form = new(Input, await SiteChoices.LoadAsync(db));
        return Page();
    }
}
