using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Web;

namespace SecureBase.Identity.Clients;

/// <summary>
/// The administrator's API clients: register one (a name, what it may do, until when) and see its secret once; rotate a
/// secret (the old one stops at once) or revoke a client.
/// </summary>
[Permits(SchoolAction.ManageApiClients)]
internal sealed class ApiClientsPageModel(ApiClientAdministration admin) : PageModel
{
    [BindProperty]
    public ClientInput Input { get; set; } = new();

    public IReadOnlyList<ApiClientRow> Clients { get; private set; } = [];

    /// <summary>Shown once, after registering or rotating: the client's id and its new secret.</summary>
    public (string Name, ApiClientId Id, string Secret)? NewSecret { get; private set; }

    public static IReadOnlyList<SchoolAction> Grantable { get; } = PolicyTable.SystemCallerActions.Order().ToList();

    public static string Words(SchoolAction action) => ApiClientsModule.Describe(action);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ExpiresOn = admin.Today.AddYears(1);
        Clients = await admin.ListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actions = new List<SchoolAction>();
        foreach (var name in Input.Actions)
        {
            if (Enum.TryParse<SchoolAction>(name, out var action) && Enum.IsDefined(action))
            {
                actions.Add(action);
            }
            else
            {
                ModelState.AddModelError("Input.Actions", "Choose what the client may do from the list");
            }
        }

        if (ModelState.IsValid)
        {
            var result = await admin.RegisterAsync(new ApiClientInput(Input.Name, actions, Input.ExpiresOn), ct);
            if (result.IsSuccess)
            {
                NewSecret = (result.Value.Client.Name, result.Value.Client.Id, result.Value.Secret);
                Input = new ClientInput { ExpiresOn = admin.Today.AddYears(1) };
                ModelState.Clear();
            }
            else
            {
                ModelState.AddErrors(result.Error!, "Input");
            }
        }

        Clients = await admin.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid clientId, CancellationToken ct)
    {
        var result = await admin.RotateAsync(new ApiClientId(clientId), ct);
        if (result.IsSuccess)
        {
            NewSecret = (result.Value.Client.Name, result.Value.Client.Id, result.Value.Secret);
        }
        else
        {
            ModelState.AddErrors(result.Error!, "Input");
        }

        Input.ExpiresOn = admin.Today.AddYears(1);
        Clients = await admin.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid clientId, CancellationToken ct)
    {
        var result = await admin.RevokeAsync(new ApiClientId(clientId), ct);
        if (!result.IsSuccess)
        {
            ModelState.AddErrors(result.Error!, "Input");
            Input.ExpiresOn = admin.Today.AddYears(1);
            Clients = await admin.ListAsync(ct);
            return Page();
        }

        TempData["Notice"] = $"{result.Value.Name} was revoked: its secret and tokens no longer work.";
        return Redirect("/admin/api-clients");
    }

    internal sealed class ClientInput
    {
        [Display(Name = "Name")]
        public string? Name { get; set; }

        [Display(Name = "What it may do")]
        public List<string> Actions { get; set; } = [];

        [Display(Name = "Stops working after")]
        public DateOnly? ExpiresOn { get; set; }
    }
}
