using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Rooms;
using SecureBase.Schools;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<Room> Rooms => Set<Room>();
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.ToTable("rooms");
        b.HasKey(r => r.Id);
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Features).AsDelimitedText(RoomFeatures.Id, s => Enum.GetValues<RoomFeature>().First(f => RoomFeatures.Id(f) == s)).HasMaxLength(200);
        b.Property(r => r.Equipment).AsDelimitedText(s => s, s => s).HasMaxLength(1000);
        b.HasIndex(r => new { r.SchoolId, r.Name }).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(r => r.IsDedicated);
    }
}
