using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Pupils;
using SecureBase.Schools;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<Pupil> Pupils => Set<Pupil>();
    public DbSet<Carer> Carers => Set<Carer>();
    public DbSet<CarerLink> CarerLinks => Set<CarerLink>();
    public DbSet<PupilPhoto> PupilPhotos => Set<PupilPhoto>();
}

internal sealed class PupilConfiguration : IEntityTypeConfiguration<Pupil>
{
    public void Configure(EntityTypeBuilder<Pupil> b)
    {
        b.ToTable("pupils");
        b.HasKey(p => p.Id);
        b.Property(p => p.Upn).HasMaxLength(13);
        b.Property(p => p.LegalFirstName).HasMaxLength(100);
        b.Property(p => p.LegalLastName).HasMaxLength(100);
        b.Property(p => p.PreferredFirstName).HasMaxLength(100);
        b.Property(p => p.PreferredLastName).HasMaxLength(100);
        b.Property(p => p.TutorGroup).HasMaxLength(20);
        b.Property(p => p.SenStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.SearchKey).HasMaxLength(500);
        b.Property(p => p.SearchSquashed).HasMaxLength(500);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.SchoolId, p.Upn }).IsUnique();
        b.HasIndex(p => new { p.SchoolId, p.LegalLastName, p.LegalFirstName });
        b.HasIndex(p => new { p.SchoolId, p.YearGroup });
        b.HasIndex(p => new { p.SchoolId, p.SenStatus });
        b.HasIndex(p => p.UserId);
        b.HasOne<School>().WithMany().HasForeignKey(p => p.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(p => p.FirstName);
        b.Ignore(p => p.LastName);
        b.Ignore(p => p.DisplayName);
        b.Ignore(p => p.HasLeft);
    }
}

internal sealed class CarerConfiguration : IEntityTypeConfiguration<Carer>
{
    public void Configure(EntityTypeBuilder<Carer> b)
    {
        b.ToTable("carers");
        b.HasKey(c => c.Id);
        b.Property(c => c.ExternalRef).HasMaxLength(50);
        b.Property(c => c.Title).HasMaxLength(20);
        b.Property(c => c.FirstName).HasMaxLength(100);
        b.Property(c => c.LastName).HasMaxLength(100);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Phone).HasMaxLength(30);
        b.Property(c => c.Address).HasMaxLength(300);
        b.Property(c => c.PreferredLanguage).HasMaxLength(50);
        b.Property(c => c.ContactPreference).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(c => new { c.SchoolId, c.ExternalRef }).IsUnique();
        b.HasIndex(c => c.UserId);
        b.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(c => c.DisplayName);
    }
}

internal sealed class CarerLinkConfiguration : IEntityTypeConfiguration<CarerLink>
{
    public void Configure(EntityTypeBuilder<CarerLink> b)
    {
        b.ToTable("carer_links");
        b.HasKey(l => l.Id);
        b.Property(l => l.Relationship).HasMaxLength(50);
        b.Property(l => l.RestrictionReason).HasMaxLength(500);
        b.HasIndex(l => new { l.SchoolId, l.PupilId, l.CarerId }).IsUnique();
        b.HasIndex(l => l.CarerId);
        b.HasOne<Pupil>().WithMany().HasForeignKey(l => l.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Carer>().WithMany().HasForeignKey(l => l.CarerId).OnDelete(DeleteBehavior.Cascade);
    }
}
