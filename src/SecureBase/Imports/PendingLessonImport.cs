using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Imports;

[TypeConverter(typeof(EntityIdTypeConverter<PendingLessonImportId>))]
public readonly record struct PendingLessonImportId(Guid Value) : IEntityId<PendingLessonImportId>, IParsable<PendingLessonImportId>
{
    public static PendingLessonImportId New() => new(Guid.CreateVersion7());
    public static PendingLessonImportId From(Guid value) => new(value);
    public static PendingLessonImportId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PendingLessonImportId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>
/// A lessons file checked and not yet confirmed: kept in the database (any instance can finish the
/// import) for <see cref="PendingImport.Lifetime"/>, owned by the user who uploaded it, deleted when
/// confirmed or cancelled, or by the next check once it has expired.
/// </summary>
public sealed class PendingLessonImport : ISchoolOwned
{
    private PendingLessonImport()
    {
    }

    /// <summary>Random (not time-ordered), so one user's pending import cannot be guessed from another's.</summary>
    public PendingLessonImportId Id { get; private set; }

    public SchoolId SchoolId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public string FileName { get; private set; } = "";
    public byte[] Content { get; private set; } = [];

    public static PendingLessonImport Create(SchoolId school, Guid userId, string fileName, byte[] content, DateTime now) => new()
    {
        Id = PendingLessonImportId.New(),
        SchoolId = school,
        UserId = userId,
        CreatedAt = now,
        ExpiresAt = now + PendingImport.Lifetime,
        FileName = fileName,
        Content = content,
    };

    public bool HasExpired(DateTime now) => now >= ExpiresAt;
}

internal sealed class PendingLessonImportConfiguration : IEntityTypeConfiguration<PendingLessonImport>
{
    public void Configure(EntityTypeBuilder<PendingLessonImport> b)
    {
        b.ToTable("pending_lesson_imports");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.FileName).HasMaxLength(255);
        b.HasIndex(p => new { p.SchoolId, p.UserId });
        b.HasIndex(p => p.ExpiresAt);
        b.HasOne<School>().WithMany().HasForeignKey(p => p.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
