using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Rooms;
using SecureBase.Schools;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<RoomBooking> RoomBookings => Set<RoomBooking>();
    public DbSet<RoomDayLock> RoomDayLocks => Set<RoomDayLock>();
    public DbSet<RoomSettings> RoomSettings => Set<RoomSettings>();
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
        b.OwnsMany(r => r.TherapyHours, h =>
        {
            h.ToTable("room_therapy_hours");
            h.WithOwner().HasForeignKey("RoomId");
            h.Property<int>("Id");
            h.HasKey("Id");
            h.Property(x => x.Day).HasConversion<string>().HasMaxLength(10);
            h.Property(x => x.Start).HasColumnName("starts_at");
            h.Property(x => x.End).HasColumnName("ends_at");
        });
        b.Navigation(r => r.TherapyHours).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(r => r.IsDedicated);
    }
}

internal sealed class RoomBookingConfiguration : IEntityTypeConfiguration<RoomBooking>
{
    public void Configure(EntityTypeBuilder<RoomBooking> b)
    {
        b.ToTable("room_bookings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Purpose).HasMaxLength(RoomBooking.PurposeMaxLength);
        b.Property(x => x.Reason).HasMaxLength(RoomBooking.ReasonMaxLength);
        b.Property(x => x.BookedByName).HasMaxLength(200);
        b.Property(x => x.Start).HasColumnName("starts_at");
        b.Property(x => x.End).HasColumnName("ends_at");
        b.HasIndex(x => new { x.SchoolId, x.RoomId, x.Date });
        b.HasIndex(x => x.BookedBy);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.IsCancelled);
        b.Ignore(x => x.TimesText);
    }
}

internal sealed class RoomDayLockConfiguration : IEntityTypeConfiguration<RoomDayLock>
{
    public void Configure(EntityTypeBuilder<RoomDayLock> b)
    {
        b.ToTable("room_day_locks");
        b.HasKey(x => new { x.RoomId, x.Date });
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoomSettingsConfiguration : IEntityTypeConfiguration<RoomSettings>
{
    public void Configure(EntityTypeBuilder<RoomSettings> b)
    {
        b.ToTable("room_settings");
        b.HasKey(x => x.SchoolId);
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
