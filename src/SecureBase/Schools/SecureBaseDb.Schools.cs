using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Schools;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<School> Schools => Set<School>();
    public DbSet<Authority> Authorities => Set<Authority>();
    public DbSet<Site> Sites => Set<Site>();
}

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.ToTable("schools");
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Urn).HasMaxLength(6);
        b.Property(s => s.TimeZoneId).HasMaxLength(64);
        b.HasOne<Authority>().WithMany().HasForeignKey(s => s.AuthorityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuthorityConfiguration : IEntityTypeConfiguration<Authority>
{
    public void Configure(EntityTypeBuilder<Authority> b)
    {
        b.ToTable("authorities");
        b.HasKey(a => a.Id);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> b)
    {
        b.ToTable("sites");
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(100);
        b.HasIndex(s => new { s.SchoolId, s.Name }).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
