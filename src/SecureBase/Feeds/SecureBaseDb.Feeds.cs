using Microsoft.EntityFrameworkCore;
using SecureBase.Feeds;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
}
