using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Pupils;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Timetable;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<WeeklySession> WeeklySessions => Set<WeeklySession>();
    public DbSet<TimetableVersion> TimetableVersions => Set<TimetableVersion>();
    public DbSet<SessionOccurrence> SessionOccurrences => Set<SessionOccurrence>();
    public DbSet<Displacement> Displacements => Set<Displacement>();
}

internal sealed class WeeklySessionConfiguration : IEntityTypeConfiguration<WeeklySession>
{
    public void Configure(EntityTypeBuilder<WeeklySession> b)
    {
        b.ToTable("weekly_sessions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Discipline).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.RequiredFeatures).AsDelimitedText(RoomFeatures.Id, s => Enum.GetValues<RoomFeature>().First(f => RoomFeatures.Id(f) == s)).HasMaxLength(200);
        b.HasIndex(s => new { s.SchoolId, s.StaffId });
        b.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(s => s.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(s => s.Pupils, p =>
        {
            p.ToTable("weekly_session_pupils");
            p.WithOwner().HasForeignKey("WeeklySessionId");
            p.Property<int>("Id");
            p.HasKey("Id");
            p.HasIndex("WeeklySessionId", nameof(WeeklySessionPupil.PupilId)).IsUnique();
            p.HasOne<Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Navigation(s => s.Pupils).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(s => s.IsGroup);
    }
}

internal sealed class TimetableVersionConfiguration : IEntityTypeConfiguration<TimetableVersion>
{
    public void Configure(EntityTypeBuilder<TimetableVersion> b)
    {
        b.ToTable("timetable_versions");
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        // Two people accepting proposals built on the same version: the second insert fails.
        b.HasIndex(v => new { v.SchoolId, v.Number }).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(v => v.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(v => v.Placements).WithOne().HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(v => v.Placements).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PlacementConfiguration : IEntityTypeConfiguration<Placement>
{
    public void Configure(EntityTypeBuilder<Placement> b)
    {
        b.ToTable("placements");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Day).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.Start).HasColumnName("starts_at");
        b.Property(p => p.End).HasColumnName("ends_at");
        b.HasIndex(p => new { p.VersionId, p.SessionId }).IsUnique();
        b.HasOne<WeeklySession>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Room>().WithMany().HasForeignKey(p => p.RoomId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LessonPeriod>().WithMany().HasForeignKey(p => p.PeriodId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SessionOccurrenceConfiguration : IEntityTypeConfiguration<SessionOccurrence>
{
    public void Configure(EntityTypeBuilder<SessionOccurrence> b)
    {
        b.ToTable("session_occurrences");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Start).HasColumnName("starts_at");
        b.Property(o => o.End).HasColumnName("ends_at");
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(o => o.CancelReason).HasMaxLength(SessionOccurrence.CancelReasonMaxLength);
        b.Property(o => o.Stamp).IsConcurrencyToken();
        // One meeting of a session per date the series gave it.
        b.HasIndex(o => new { o.SessionId, o.OriginalDate }).IsUnique();
        // On PostgreSQL it also carries id, start, staff and status (the sessions week's order, read from the index alone).
        b.HasIndex(o => new { o.SchoolId, o.Date });
        b.HasIndex(o => new { o.RoomId, o.Date });
        b.HasIndex(o => new { o.StaffId, o.Date });
        b.HasOne<School>().WithMany().HasForeignKey(o => o.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<WeeklySession>().WithMany().HasForeignKey(o => o.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(o => o.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Room>().WithMany().HasForeignKey(o => o.RoomId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<TimetableVersion>().WithMany().HasForeignKey(o => o.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DisplacementConfiguration : IEntityTypeConfiguration<Displacement>
{
    public void Configure(EntityTypeBuilder<Displacement> b)
    {
        b.ToTable("displacements");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Start).HasColumnName("starts_at");
        b.Property(d => d.End).HasColumnName("ends_at");
        b.Property(d => d.MovedToStart).HasColumnName("moved_to_starts_at");
        b.Property(d => d.Cause).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(d => new { d.SchoolId, d.Date });
        b.HasIndex(d => d.OccurrenceId);
        b.HasOne<School>().WithMany().HasForeignKey(d => d.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SessionOccurrence>().WithMany().HasForeignKey(d => d.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Room>().WithMany().HasForeignKey(d => d.RoomId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(d => d.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(d => d.IsPending);
    }
}
