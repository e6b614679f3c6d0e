using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Feeds;

/// <summary>
/// One's own calendar feed (/account/calendar-feed): make the secret address, renew it (the old one
/// stops working) or turn it off. The address is shown once, when it is made: only its hash is kept.
/// </summary>
[Permits(SchoolAction.ManageOwnFeeds)]
public sealed class CalendarFeedPageModel(CalendarFeeds feeds) : PageModel
{
    public CalendarFeed? Feed { get; private set; }
    public FeedKind? Kind { get; private set; }

    /// <summary>The full address, only in the answer to the request that made it.</summary>
    public string? NewAddress { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Kind = feeds.KindForMe();
        Feed = await feeds.MineAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var made = await feeds.CreateAsync(ct);
        if (!made.IsSuccess)
        {
            ModelState.AddModelError(string.Empty, made.Error!.Message);
            await OnGetAsync(ct);
            return Page();
        }

        NewAddress = $"{Request.Scheme}://{Request.Host}/feeds/{made.Value}.ics";
        Response.Headers.CacheControl = "no-store";
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var outcome = await feeds.RevokeAsync(ct);
        TempData["Notice"] = outcome.IsSuccess ? "Your calendar address is turned off. Calendars using it will stop updating." : outcome.Error!.Message;
        return Redirect("/account/calendar-feed");
    }
}
