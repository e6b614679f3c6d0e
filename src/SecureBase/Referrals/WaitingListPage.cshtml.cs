using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;
using SecureBase.Staff;

namespace SecureBase.Referrals;

/// <summary>Pupils waiting for therapy, most urgent priority first, then longest wait.</summary>
[Permits(SchoolAction.ViewWaitingList)]
public sealed class WaitingListModel(WaitingList list, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Discipline? Discipline { get; set; }

    public IReadOnlyList<WaitingEntry> Entries { get; private set; } = [];
    public bool CanAllocate => me.Can(SchoolAction.AllocateTherapist);

    public async Task OnGetAsync()
    {
        if (Discipline is { } d && !Enum.IsDefined(d))
        {
            Discipline = null;
        }

        Entries = await list.ListAsync(Discipline, HttpContext.RequestAborted);
    }
}
