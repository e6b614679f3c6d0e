using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<Episode> Episodes => Set<Episode>();
    public DbSet<MdtMeeting> MdtMeetings => Set<MdtMeeting>();
    public DbSet<MdtAction> MdtActions => Set<MdtAction>();
}
