using Microsoft.AspNetCore.Mvc;
using SecureBase.Identity;

namespace SecureBase.Feeds;

/// <summary>What the account page says about the user's calendar feed.</summary>
internal sealed record CalendarFeedSummaryModel(bool HasFeed, DateTime? CreatedAt);

/// <summary>The "Calendar feed" lines of the account page, for people who can have one.</summary>
public sealed class CalendarFeedSummaryViewComponent : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var me = HttpContext.RequestServices.GetRequiredService<CurrentUser>();
        if (!me.Can(SchoolAction.ManageOwnFeeds))
        {
            return Content("");
        }

        var feeds = HttpContext.RequestServices.GetRequiredService<CalendarFeeds>();
        if (feeds.KindForMe() is null)
        {
            return Content("");
        }

        var feed = await feeds.MineAsync(HttpContext.RequestAborted);
        return View("/Feeds/_CalendarFeedSummary.cshtml", new CalendarFeedSummaryModel(feed is not null, feed?.CreatedAt));
    }
}
