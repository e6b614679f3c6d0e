using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SecureBase.Identity.Admin;

[Permits(SchoolAction.ManageUsers)]
public sealed class UsersModel(UserAdministration admin) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync() => Users = await admin.ListAsync();
}
