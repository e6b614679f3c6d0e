using Microsoft.EntityFrameworkCore;
using SecureBase.Sessions;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<EngagementSettings> EngagementSettings => Set<EngagementSettings>();
}
