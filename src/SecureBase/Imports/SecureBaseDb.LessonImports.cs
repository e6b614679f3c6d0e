using Microsoft.EntityFrameworkCore;
using SecureBase.Imports;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<PendingLessonImport> PendingLessonImports => Set<PendingLessonImport>();
}
