using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Safeguarding;

/// <summary>
/// A child protection file sent between two schools, for the DSLs of either: when it was sent and by whom, when its
/// receipt was confirmed and by whom (overdue to the sender after 5 school days), and the file as sent. A DSL of the
/// receiving school confirms receipt here.
/// </summary>
[Permits(SchoolAction.ViewConcerns, OnPost = SchoolAction.TransferChildProtectionFile)]
public sealed class CpTransferPageModel : PageModel
{
    internal CpFileTransfer? Transfer { get; private set; }
    public bool IsSender { get; private set; }
    public DateOnly Today { get; private set; }

    private CpTransferDesk Desk => HttpContext.RequestServices.GetRequiredService<CpTransferDesk>();

    private Schools.SchoolClock schoolClock => HttpContext.RequestServices.GetRequiredService<Schools.SchoolClock>();

    public async Task<IActionResult> OnGetAsync(Guid transferId) => await LoadAsync(CpFileTransferId.From(transferId)) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(Guid transferId)
    {
        var id = CpFileTransferId.From(transferId);
        var confirmed = await Desk.ConfirmAsync(id, HttpContext.RequestAborted);
        if (confirmed.IsSuccess)
        {
            TempData["Notice"] = $"Receipt confirmed; {confirmed.Value.SentByName} at {confirmed.Value.FromSchoolName} has been told.";
            return Redirect($"/safeguarding/transfers/{id}");
        }

        if (confirmed.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(confirmed.Error!, "");
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CpFileTransferId id)
    {
        var opened = await Desk.OpenAsync(id, HttpContext.RequestAborted);
        if (!opened.IsSuccess)
        {
            return false;
        }

        Transfer = opened.Value;
        IsSender = Transfer.FromSchoolId == HttpContext.RequestServices.GetRequiredService<SecureBaseDb>().CurrentSchoolId;
        Today = schoolClock.Today;
        return true;
    }
}
