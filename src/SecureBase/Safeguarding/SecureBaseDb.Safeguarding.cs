using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Pupils;
using SecureBase.Safeguarding;
using SecureBase.Schools;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    internal DbSet<Concern> Concerns => Set<Concern>();
    internal DbSet<ConcernEntry> ConcernEntries => Set<ConcernEntry>();
    internal DbSet<ConcernShare> ConcernShares => Set<ConcernShare>();
    internal DbSet<ConcernRead> ConcernReads => Set<ConcernRead>();
    internal DbSet<CpFileTransfer> CpFileTransfers => Set<CpFileTransfer>();
    internal DbSet<SafeguardingSettings> SafeguardingSettings => Set<SafeguardingSettings>();
}

internal sealed class ConcernConfiguration : IEntityTypeConfiguration<Concern>
{
    public void Configure(EntityTypeBuilder<Concern> b)
    {
        b.ToTable("safeguarding_concerns");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.RaisedByName).HasMaxLength(200);
        b.Property(c => c.WhatWasSeenOrSaid).HasMaxLength(Concern.TextMax);
        b.Property(c => c.WhoWasPresent).HasMaxLength(Concern.ShortMax);
        b.Property(c => c.ImmediateAction).HasMaxLength(Concern.TextMax);
        b.Property(c => c.Category).HasConversion<string>().HasMaxLength(40);
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(40);
        b.Property(c => c.OutcomeNote).HasMaxLength(Concern.TextMax);
        b.Property(c => c.ClosedByName).HasMaxLength(200);
        // A second submission of the same form finds the first concern, even from two requests at once.
        b.HasIndex(c => new { c.SchoolId, c.SubmissionKey }).IsUnique();
        b.HasIndex(c => new { c.SchoolId, c.PupilId });
        b.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupil>().WithMany().HasForeignKey(c => c.PupilId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(c => c.IsOpen);
        b.Ignore(c => c.IsUrgent);
    }
}

internal sealed class ConcernEntryConfiguration : IEntityTypeConfiguration<ConcernEntry>
{
    public void Configure(EntityTypeBuilder<ConcernEntry> b)
    {
        b.ToTable("safeguarding_concern_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(40);
        b.Property(e => e.Text).HasMaxLength(Concern.TextMax);
        b.Property(e => e.Owner).HasMaxLength(200);
        b.Property(e => e.ToWhom).HasMaxLength(200);
        b.Property(e => e.AuthorName).HasMaxLength(200);
        b.HasIndex(e => e.ConcernId);
        b.HasIndex(e => e.SchoolId);
        b.HasOne<School>().WithMany().HasForeignKey(e => e.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Concern>().WithMany().HasForeignKey(e => e.ConcernId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConcernShareConfiguration : IEntityTypeConfiguration<ConcernShare>
{
    public void Configure(EntityTypeBuilder<ConcernShare> b)
    {
        b.ToTable("safeguarding_concern_shares");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.UserName).HasMaxLength(200);
        b.Property(s => s.Reason).HasMaxLength(500);
        b.Property(s => s.SharedByName).HasMaxLength(200);
        b.HasIndex(s => new { s.ConcernId, s.UserId }).IsUnique();
        b.HasIndex(s => new { s.SchoolId, s.UserId });
        b.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Concern>().WithMany().HasForeignKey(s => s.ConcernId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConcernReadConfiguration : IEntityTypeConfiguration<ConcernRead>
{
    public void Configure(EntityTypeBuilder<ConcernRead> b)
    {
        b.ToTable("safeguarding_concern_reads");
        b.HasKey(r => new { r.ConcernId, r.UserId });
        b.HasIndex(r => new { r.SchoolId, r.UserId });
        b.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Concern>().WithMany().HasForeignKey(r => r.ConcernId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A child protection file sent between two schools: belongs to both, so it has no school filter (see <see cref="CpFileTransfer"/>).</summary>
internal sealed class CpFileTransferConfiguration : IEntityTypeConfiguration<CpFileTransfer>
{
    public void Configure(EntityTypeBuilder<CpFileTransfer> b)
    {
        b.ToTable("safeguarding_cp_transfers");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.FromSchoolName).HasMaxLength(200);
        b.Property(t => t.ToSchoolName).HasMaxLength(200);
        b.Property(t => t.PupilName).HasMaxLength(200);
        b.Property(t => t.ToDslName).HasMaxLength(200);
        b.Property(t => t.SentByName).HasMaxLength(200);
        b.Property(t => t.ConfirmedByName).HasMaxLength(200);
        b.HasIndex(t => new { t.FromSchoolId, t.PupilId });
        b.HasIndex(t => t.ToSchoolId);
        b.HasOne<School>().WithMany().HasForeignKey(t => t.FromSchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(t => t.ToSchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Pupil>().WithMany().HasForeignKey(t => t.PupilId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(t => t.IsPending);
        b.Ignore(t => t.ReviewOn);
        b.Ignore(t => t.Lines);
    }
}

internal sealed class SafeguardingSettingsConfiguration : IEntityTypeConfiguration<SafeguardingSettings>
{
    public void Configure(EntityTypeBuilder<SafeguardingSettings> b)
    {
        b.ToTable("safeguarding_settings");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.ChangedByName).HasMaxLength(200);
        b.HasIndex(s => s.SchoolId).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
