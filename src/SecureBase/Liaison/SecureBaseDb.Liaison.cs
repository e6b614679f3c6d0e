using Microsoft.EntityFrameworkCore;
using SecureBase.Liaison;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    internal DbSet<LiaisonContact> LiaisonContacts => Set<LiaisonContact>();
    internal DbSet<FamilyMeeting> FamilyMeetings => Set<FamilyMeeting>();
    internal DbSet<FamilySummary> FamilySummaries => Set<FamilySummary>();
    internal DbSet<FamilyMessage> FamilyMessages => Set<FamilyMessage>();
}
