using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Pupils;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Sessions;
using SecureBase.Staff;
using SecureBase.Timetable;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<TherapySession> TherapySessions => Set<TherapySession>();
}

internal sealed class TherapySessionConfiguration : IEntityTypeConfiguration<TherapySession>
{
    public void Configure(EntityTypeBuilder<TherapySession> b)
    {
        b.ToTable("therapy_sessions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Discipline).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Stamp).IsConcurrencyToken();
        // One record per timetabled occurrence: the second of two people recording it at once fails.
        b.HasIndex(s => s.OccurrenceId).IsUnique();
        b.HasIndex(s => new { s.SchoolId, s.StaffId, s.Date });
        b.HasIndex(s => new { s.SchoolId, s.Date });
        b.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(s => s.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SessionOccurrence>().WithMany().HasForeignKey(s => s.OccurrenceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Room>().WithMany().HasForeignKey(s => s.RoomId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Displacement>().WithMany().HasForeignKey(s => s.DisplacementId).OnDelete(DeleteBehavior.SetNull);
        b.OwnsMany(s => s.Members, m =>
        {
            m.ToTable("session_members");
            m.WithOwner().HasForeignKey("TherapySessionId");
            m.Property<int>("Id");
            m.HasKey("Id");
            m.Property(x => x.Attendance).HasConversion<string>().HasMaxLength(24);
            m.Property(x => x.Engagement).HasConversion<int?>();
            m.HasIndex("TherapySessionId", nameof(SessionMember.PupilId)).IsUnique();
            m.HasIndex(x => x.EpisodeId);
            m.HasIndex(x => x.PupilId);
            m.HasOne<Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
            m.HasOne<Caseload.Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Navigation(s => s.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
