using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Schools;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<AcademicYear> AcademicYears => Set<AcademicYear>();
    public DbSet<HalfTerm> HalfTerms => Set<HalfTerm>();
    public DbSet<ClosureDay> ClosureDays => Set<ClosureDay>();
    public DbSet<LessonPeriod> LessonPeriods => Set<LessonPeriod>();
}

internal sealed class AcademicYearConfiguration : IEntityTypeConfiguration<AcademicYear>
{
    public void Configure(EntityTypeBuilder<AcademicYear> b)
    {
        b.ToTable("academic_years");
        b.HasKey(y => y.Id);
        b.Property(y => y.Id).ValueGeneratedNever();
        b.HasIndex(y => new { y.SchoolId, y.StartDate }).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(y => y.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(y => y.HalfTerms).WithOne().HasForeignKey(h => h.AcademicYearId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(y => y.Closures).WithOne().HasForeignKey(c => c.AcademicYearId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(y => y.HalfTerms).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(y => y.Closures).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(y => y.Name);
        b.Ignore(y => y.Dates);
        b.Ignore(y => y.Terms);
    }
}

internal sealed class HalfTermConfiguration : IEntityTypeConfiguration<HalfTerm>
{
    public void Configure(EntityTypeBuilder<HalfTerm> b)
    {
        b.ToTable("half_terms");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.Name).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(h => new { h.AcademicYearId, h.Name }).IsUnique();
        b.HasIndex(h => new { h.SchoolId, h.FirstDay });
        b.HasOne<School>().WithMany().HasForeignKey(h => h.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(h => h.Label);
        b.Ignore(h => h.Term);
        b.Ignore(h => h.Dates);
    }
}

internal sealed class ClosureDayConfiguration : IEntityTypeConfiguration<ClosureDay>
{
    public void Configure(EntityTypeBuilder<ClosureDay> b)
    {
        b.ToTable("closure_days");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Description).HasMaxLength(ClosureDay.DescriptionMaxLength);
        // One closure a day per school: a second would be a duplicate.
        b.HasIndex(c => new { c.SchoolId, c.Date }).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LessonPeriodConfiguration : IEntityTypeConfiguration<LessonPeriod>
{
    public void Configure(EntityTypeBuilder<LessonPeriod> b)
    {
        b.ToTable("lesson_periods");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(LessonPeriod.NameMaxLength);
        b.Property(p => p.Day).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.Start).HasColumnName("starts_at");
        b.Property(p => p.End).HasColumnName("ends_at");
        b.HasIndex(p => new { p.SchoolId, p.Start });
        b.HasOne<School>().WithMany().HasForeignKey(p => p.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(p => p.DaysText);
        b.Ignore(p => p.TimesText);
    }
}
