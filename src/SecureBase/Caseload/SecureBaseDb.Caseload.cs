using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<Episode> Episodes => Set<Episode>();
}
