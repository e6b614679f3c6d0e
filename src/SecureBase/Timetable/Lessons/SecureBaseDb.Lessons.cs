using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Pupils;
using SecureBase.Schools;
using SecureBase.Timetable;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<PupilLesson> PupilLessons => Set<PupilLesson>();
    public DbSet<SubjectMark> SubjectMarks => Set<SubjectMark>();
}

internal sealed class PupilLessonConfiguration : IEntityTypeConfiguration<PupilLesson>
{
    public void Configure(EntityTypeBuilder<PupilLesson> b)
    {
        b.ToTable("pupil_lessons");
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.Day).HasConversion<string>().HasMaxLength(10);
        b.Property(l => l.Subject).HasMaxLength(PupilLesson.SubjectMaxLength);
        b.Property(l => l.SubjectKey).HasMaxLength(PupilLesson.SubjectMaxLength);
        b.HasIndex(l => new { l.PupilId, l.Day, l.PeriodId }).IsUnique();
        b.HasIndex(l => l.SchoolId);
        b.HasIndex(l => l.PeriodId);
        b.HasOne<School>().WithMany().HasForeignKey(l => l.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupil>().WithMany().HasForeignKey(l => l.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<LessonPeriod>().WithMany().HasForeignKey(l => l.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubjectMarkConfiguration : IEntityTypeConfiguration<SubjectMark>
{
    public void Configure(EntityTypeBuilder<SubjectMark> b)
    {
        b.ToTable("subject_marks");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.SubjectKey).HasMaxLength(PupilLesson.SubjectMaxLength);
        b.Property(m => m.Protection).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(m => new { m.PupilId, m.SubjectKey }).IsUnique();
        b.HasIndex(m => m.SchoolId);
        b.HasOne<School>().WithMany().HasForeignKey(m => m.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupil>().WithMany().HasForeignKey(m => m.PupilId).OnDelete(DeleteBehavior.Cascade);
    }
}
