using Microsoft.EntityFrameworkCore;
using SecureBase.Development;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    internal DbSet<SupervisionSession> SupervisionSessions => Set<SupervisionSession>();
    internal DbSet<SupervisionRequirement> SupervisionRequirements => Set<SupervisionRequirement>();
    internal DbSet<SupervisionRequest> SupervisionRequests => Set<SupervisionRequest>();
    internal DbSet<CpdRecord> CpdRecords => Set<CpdRecord>();
    internal DbSet<StaffTraining> StaffTrainings => Set<StaffTraining>();
    internal DbSet<LoneWorkingVersion> LoneWorkingVersions => Set<LoneWorkingVersion>();
    internal DbSet<LoneWorkingAcknowledgement> LoneWorkingAcknowledgements => Set<LoneWorkingAcknowledgement>();
}
