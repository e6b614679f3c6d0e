using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
}
