using Microsoft.EntityFrameworkCore;
using SecureBase.Notifications;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<Notification> Notifications => Set<Notification>();
}
