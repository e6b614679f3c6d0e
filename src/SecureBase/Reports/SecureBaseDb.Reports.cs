using Microsoft.EntityFrameworkCore;
using SecureBase.Reports;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    internal DbSet<Report> Reports => Set<Report>();
}
