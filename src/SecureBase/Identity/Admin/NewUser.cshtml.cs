using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Web;

namespace SecureBase.Identity.Admin;

[Permits(SchoolAction.ManageUsers)]
public sealed class NewUserModel(UserAdministration admin) : PageModel
{
    [BindProperty]
    public NewUserInput Input { get; set; } = new();

    public IReadOnlyList<(StaffId Id, string Name)> Staff { get; private set; } = [];
    public string? TemporaryPassword { get; private set; }
    public string? CreatedName { get; private set; }
    public Guid? CreatedId { get; private set; }
    public IReadOnlyList<Role> AwaitingApproval { get; private set; } = [];

    public async Task OnGetAsync() => Staff = await admin.UnlinkedStaffAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        Staff = await admin.UnlinkedStaffAsync();
        var roles = RoleInput.Parse(Input.Roles, ModelState, "Input.Roles");
        StaffId? staffId = null;
        if (!string.IsNullOrEmpty(Input.StaffId))
        {
            if (StaffId.TryParse(Input.StaffId, null, out var sid))
            {
                staffId = sid;
            }
            else
            {
                ModelState.AddModelError("Input.StaffId", "Choose a staff record from the list");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await admin.CreateAsync(Input.UserName!.Trim(), Input.DisplayName!.Trim(), roles, staffId);
        if (!result.IsSuccess)
        {
            ModelState.AddErrors(result.Error!, "Input");
            return Page();
        }

        TemporaryPassword = result.Value.TemporaryPassword;
        CreatedName = result.Value.User.DisplayName;
        CreatedId = result.Value.User.Id;
        AwaitingApproval = roles.Where(RoleApproval.NeedsApproval).Order().ToList();
        return Page();
    }

    public sealed class NewUserInput
    {
        [Display(Name = "Name")]
        [Needed]
        [PersonName]
        public string? DisplayName { get; set; }

        [Display(Name = "Username")]
        [Needed]
        [SchoolText(64)]
        [RegularExpression(@"^\s*[A-Za-z0-9][A-Za-z0-9.\-_@+']*\s*$", ErrorMessage = "A username can only contain letters, digits and - . _ @ + ' (no spaces)")]
        public string? UserName { get; set; }

        [Display(Name = "Roles")]
        public List<string> Roles { get; set; } = [];

        [Display(Name = "Staff record")]
        public string? StaffId { get; set; }
    }
}
