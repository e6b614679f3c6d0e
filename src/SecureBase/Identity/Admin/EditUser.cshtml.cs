using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Web;

namespace SecureBase.Identity.Admin;

[Permits(SchoolAction.ManageUsers)]
public sealed class EditUserModel(UserAdministration admin) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid UserId { get; set; }

    public AppUser Account { get; private set; } = null!;
    public List<string> Roles { get; private set; } = [];
    public IReadOnlyList<Role> AwaitingApproval { get; private set; } = [];
    public string? TemporaryPassword { get; private set; }

    [BindProperty(Name = "Input.Roles")]
    public List<string> SelectedRoles { get; set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostRolesAsync()
    {
        var roles = RoleInput.Parse(SelectedRoles, ModelState, "Input.Roles");
        if (ModelState.IsValid)
        {
            var outcome = await admin.SetRolesAsync(UserId, roles);
            if (outcome.IsSuccess)
            {
                var waiting = await admin.AwaitingApprovalAsync(UserId);
                TempData["Notice"] = waiting.Count == 0
                    ? "Roles saved. They take effect on the person's next click."
                    : $"Roles saved. {string.Join(", ", waiting.Select(r => RoleInfo.Of(r).Name))} {(waiting.Count == 1 ? "waits" : "wait")} for approval and {(waiting.Count == 1 ? "gives" : "give")} no access until then.";
                return Redirect($"/admin/users/{UserId}");
            }

            if (outcome.Error is Error.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(outcome.Error!, "Input");
        }

        return await LoadAsync(keepRoles: SelectedRoles) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostDisableAsync() => ChangeAsync(() => admin.SetDisabledAsync(UserId, true), "The account is disabled. Any open session has ended.");

    public Task<IActionResult> OnPostEnableAsync() => ChangeAsync(() => admin.SetDisabledAsync(UserId, false), "The account can sign in again.");

    public Task<IActionResult> OnPostResetTwoFactorAsync() => ChangeAsync(() => admin.ResetTwoFactorAsync(UserId), "Two-factor sign-in was reset. They will set up their authenticator app again when they next sign in.");

    public async Task<IActionResult> OnPostResetPasswordAsync()
    {
        var result = await admin.ResetPasswordAsync(UserId);
        if (result.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (!result.IsSuccess)
        {
            ModelState.AddErrors(result.Error!, "Input");
        }
        else
        {
            TemporaryPassword = result.Value;
        }

        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<IActionResult> ChangeAsync(Func<Task<Outcome>> change, string done)
    {
        var outcome = await change();
        if (outcome.IsSuccess)
        {
            TempData["Notice"] = done;
            return Redirect($"/admin/users/{UserId}");
        }

        if (outcome.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(outcome.Error!, "Input");
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(List<string>? keepRoles = null)
    {
        var account = await admin.FindAsync(UserId);
        if (account is null)
        {
            return false;
        }

        Account = account;
        AwaitingApproval = await admin.AwaitingApprovalAsync(UserId);
        Roles = keepRoles ?? (await admin.RolesAsync(UserId)).Concat(AwaitingApproval).Select(r => r.ToString()).ToList();
        return true;
    }
}
