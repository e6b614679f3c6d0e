using Microsoft.EntityFrameworkCore;
using SecureBase.Identity;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<RoleRequest> RoleRequests => Set<RoleRequest>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    internal DbSet<Identity.Clients.ApiClient> ApiClients => Set<Identity.Clients.ApiClient>();
    internal DbSet<Identity.SingleSignOn.SchoolSignOn> SchoolSignOns => Set<Identity.SingleSignOn.SchoolSignOn>();
    public DbSet<SignInAttemptCount> SignInAttempts => Set<SignInAttemptCount>();
}
