using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Board;

/// <summary>
/// The board for staff and the reception screen: every practitioner now. The table is refreshed by
/// wwwroot/js/board.js from <see cref="OnGetTableAsync"/>; everything it shows is read from the
/// database on each request, so it is the same on every instance.
/// </summary>
[Permits(SchoolAction.ViewBoard)]
public sealed class BoardModel(PractitionerBoard board, CurrentUser me) : PageModel
{
    public BoardNow Board { get; private set; } = null!;
    public bool CanSetStatus => me.Can(SchoolAction.SetOwnStatus) && me.StaffId is not null;

    /// <summary>How often the page refreshes its table: 30 seconds, or what the reception screen's address asks (5 to 60).</summary>
    public int RefreshSeconds { get; private set; } = 30;

    public async Task OnGetAsync(int? refresh, CancellationToken ct)
    {
        RefreshSeconds = Math.Clamp(refresh ?? 30, 5, 60);
        Board = await board.ReadAsync(ct: ct);
    }

    /// <summary>The table alone, for the page's script to swap in without a reload.</summary>
    public async Task<IActionResult> OnGetTableAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        return Partial("/Board/_BoardTable.cshtml", await board.ReadAsync(ct: ct));
    }
}
