using Microsoft.EntityFrameworkCore;
using SecureBase.Board;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<PractitionerStatus> PractitionerStatuses => Set<PractitionerStatus>();
    public DbSet<RoomView> RoomViews => Set<RoomView>();
}
