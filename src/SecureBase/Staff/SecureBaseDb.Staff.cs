using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Schools;
using SecureBase.Staff;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.ToTable("staff_members");
        b.HasKey(s => s.Id);
        b.Property(s => s.StaffCode).HasMaxLength(20);
        b.Property(s => s.Title).HasMaxLength(20);
        b.Property(s => s.FirstName).HasMaxLength(100);
        b.Property(s => s.LastName).HasMaxLength(100);
        b.Property(s => s.Email).HasMaxLength(254);
        b.Property(s => s.JobTitle).HasMaxLength(100);
        b.Property(s => s.Discipline).HasConversion<string>().HasMaxLength(32);
        b.Property(s => s.RegistrationBody).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.RegistrationNumber).HasMaxLength(30);
        b.Property(s => s.SearchKey).HasMaxLength(250);
        b.Property(s => s.TutorGroup).HasMaxLength(StaffMember.TutorGroupMaxLength);
        b.HasIndex(s => new { s.SchoolId, s.StaffCode }).IsUnique();
        b.HasIndex(s => s.UserId);
        b.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.OwnsMany(s => s.WorkingPattern, w =>
        {
            w.ToTable("staff_working_blocks");
            w.WithOwner().HasForeignKey("StaffMemberId");
            w.Property<int>("Id");
            w.HasKey("Id");
            w.Property(x => x.Day).HasConversion<string>().HasMaxLength(10);
            w.Property(x => x.Start).HasColumnName("starts_at");
            w.Property(x => x.End).HasColumnName("ends_at");
            w.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(s => s.WorkingPattern).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(s => s.DisplayName);
        b.Ignore(s => s.FullName);
        b.Ignore(s => s.IsPractitioner);
    }
}
