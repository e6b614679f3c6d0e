using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Notifications;

/// <summary>Each person's own notifications, newest first, with "mark as read" one at a time or all at once.</summary>
[Permits(SchoolAction.ViewNotifications)]
public sealed class NotificationsModel(MyNotifications mine, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];
    public int Unread { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await mine.LatestAsync(ct);
        Unread = await mine.UnreadCountAsync(ct);
    }

    public async Task<IActionResult> OnPostReadAsync(string? id, CancellationToken ct)
    {
        if (!NotificationId.TryParse(id, null, out var notificationId)
            || await mine.MarkReadAsync(notificationId, clock.GetUtcNow().UtcDateTime, ct) is null)
        {
            return NotFound();
        }

        TempData["Notice"] = "Marked as read.";
        return Redirect("/notifications");
    }

    /// <summary>Marks the notification read and opens the page it is about.</summary>
    public async Task<IActionResult> OnPostOpenAsync(string? id, CancellationToken ct)
    {
        if (!NotificationId.TryParse(id, null, out var notificationId)
            || await mine.MarkReadAsync(notificationId, clock.GetUtcNow().UtcDateTime, ct) is not { } notification)
        {
            return NotFound();
        }

        return Notification.IsLocalLink(notification.Link) ? Redirect(notification.Link) : Redirect("/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var count = await mine.MarkAllReadAsync(clock.GetUtcNow().UtcDateTime, ct);
        TempData["Notice"] = count switch
        {
            0 => "There was nothing unread.",
            1 => "1 notification marked as read.",
            _ => $"{count} notifications marked as read.",
        };
        return Redirect("/notifications");
    }
}
