using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Pupils;
using SecureBase.Schools;
using SecureBase.Sessions;
using SecureBase.Sessions.Notes;
using SecureBase.Staff;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    internal DbSet<SessionNote> SessionNotes => Set<SessionNote>();
    internal DbSet<NoteVersion> NoteVersions => Set<NoteVersion>();
    internal DbSet<NoteSettings> NoteSettings => Set<NoteSettings>();
}

internal sealed class SessionNoteConfiguration : IEntityTypeConfiguration<SessionNote>
{
    public void Configure(EntityTypeBuilder<SessionNote> b)
    {
        b.ToTable("session_notes");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.AuthorName).HasMaxLength(200);
        b.Property(n => n.Version).IsConcurrencyToken();
        b.HasIndex(n => new { n.TherapySessionId, n.PupilId });
        b.HasIndex(n => n.EpisodeId);
        b.HasIndex(n => new { n.SchoolId, n.AuthorUserId });
        b.HasOne<School>().WithMany().HasForeignKey(n => n.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TherapySession>().WithMany().HasForeignKey(n => n.TherapySessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Caseload.Episode>().WithMany().HasForeignKey(n => n.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupil>().WithMany().HasForeignKey(n => n.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(n => n.AuthorStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(n => n.Versions).WithOne().HasForeignKey(v => v.NoteId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(n => n.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(n => n.LocksAt);
    }
}

internal sealed class NoteVersionConfiguration : IEntityTypeConfiguration<NoteVersion>
{
    public void Configure(EntityTypeBuilder<NoteVersion> b)
    {
        b.ToTable("session_note_versions");
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.AuthorName).HasMaxLength(200);
        b.Property(v => v.KeyId).HasMaxLength(40);
        b.HasIndex(v => new { v.NoteId, v.Number }).IsUnique();
        b.HasIndex(v => v.KeyId);
    }
}

internal sealed class NoteSettingsConfiguration : IEntityTypeConfiguration<NoteSettings>
{
    public void Configure(EntityTypeBuilder<NoteSettings> b)
    {
        b.ToTable("note_settings");
        b.HasKey(s => s.SchoolId);
        b.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
