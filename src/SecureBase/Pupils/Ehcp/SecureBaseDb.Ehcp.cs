using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Pupils;
using SecureBase.Schools;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<EhcpPlan> EhcpPlans => Set<EhcpPlan>();
    public DbSet<ProvisionItem> ProvisionItems => Set<ProvisionItem>();
}

internal sealed class EhcpPlanConfiguration : IEntityTypeConfiguration<EhcpPlan>
{
    public void Configure(EntityTypeBuilder<EhcpPlan> b)
    {
        b.ToTable("ehcp_plans");
        b.HasKey(p => p.Id);
        b.Property(p => p.LocalAuthority).HasMaxLength(EhcpRules.LocalAuthorityMaxLength);
        b.Property(p => p.Notes).HasMaxLength(EhcpRules.NotesMaxLength);

        // One plan per pupil.
        b.HasIndex(p => new { p.SchoolId, p.PupilId }).IsUnique();
        b.HasIndex(p => p.PupilId);
        b.HasOne<School>().WithMany().HasForeignKey(p => p.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupil>().WithMany().HasForeignKey(p => p.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Provision).WithOne().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Provision).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(p => p.ReviewedSince);
        b.Ignore(p => p.Dates);
    }
}

internal sealed class ProvisionItemConfiguration : IEntityTypeConfiguration<ProvisionItem>
{
    public void Configure(EntityTypeBuilder<ProvisionItem> b)
    {
        b.ToTable("ehcp_provision_items");
        b.HasKey(i => i.Id);
        b.Property(i => i.Discipline).HasConversion<string>().HasMaxLength(32);
        b.Property(i => i.Frequency).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Delivery).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.DeliveredBy).HasMaxLength(EhcpRules.DeliveredByMaxLength);
        b.HasIndex(i => new { i.SchoolId, i.Discipline });
        b.HasOne<School>().WithMany().HasForeignKey(i => i.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
