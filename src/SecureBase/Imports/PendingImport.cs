using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Imports;

[TypeConverter(typeof(EntityIdTypeConverter<PendingImportId>))]
public readonly record struct PendingImportId(Guid Value) : IEntityId<PendingImportId>, IParsable<PendingImportId>
{
    public static PendingImportId New() => new(Guid.CreateVersion7());
    public static PendingImportId From(Guid value) => new(value);
    public static PendingImportId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PendingImportId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>
/// Files an administrator has checked and not yet confirmed. They stay in the database (not a
/// browser, not an address, not one server's disk, so any instance can finish the import) for
/// <see cref="Lifetime"/>, belong to the administrator who uploaded them, and are deleted when
/// the import is confirmed or cancelled, or by the next upload once they have expired.
/// </summary>
public sealed class PendingImport : ISchoolOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private PendingImport()
    {
    }

    /// <summary>Random (not time-ordered), so one administrator's pending import cannot be guessed from another's.</summary>
    public PendingImportId Id { get; private set; }

    public SchoolId SchoolId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public bool MissingPupilsHaveLeft { get; private set; }
    public string? PupilsFileName { get; private set; }
    public byte[]? PupilsFile { get; private set; }
    public string? CarersFileName { get; private set; }
    public byte[]? CarersFile { get; private set; }
    public string? StaffFileName { get; private set; }
    public byte[]? StaffFile { get; private set; }

    public static PendingImport Create(SchoolId school, Guid userId, IReadOnlyList<ImportFile> files, ImportOptions options, DateTime now)
    {
        var pending = new PendingImport
        {
            Id = PendingImportId.New(),
            SchoolId = school,
            UserId = userId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            MissingPupilsHaveLeft = options.MissingPupilsHaveLeft,
        };
        foreach (var f in files)
        {
            switch (f.Kind)
            {
                case ImportKind.Pupils:
                    (pending.PupilsFileName, pending.PupilsFile) = (f.FileName, f.Content);
                    break;
                case ImportKind.Carers:
                    (pending.CarersFileName, pending.CarersFile) = (f.FileName, f.Content);
                    break;
                case ImportKind.Staff:
                    (pending.StaffFileName, pending.StaffFile) = (f.FileName, f.Content);
                    break;
            }
        }

        return pending;
    }

    public bool HasExpired(DateTime now) => now >= ExpiresAt;

    public ImportOptions Options => new(MissingPupilsHaveLeft);

    public IReadOnlyList<ImportFile> Files
    {
        get
        {
            var files = new List<ImportFile>();
            if (PupilsFile is not null)
            {
                files.Add(new ImportFile(ImportKind.Pupils, PupilsFileName ?? "pupils.csv", PupilsFile));
            }

            if (CarersFile is not null)
            {
                files.Add(new ImportFile(ImportKind.Carers, CarersFileName ?? "carers.csv", CarersFile));
            }

            if (StaffFile is not null)
            {
                files.Add(new ImportFile(ImportKind.Staff, StaffFileName ?? "staff.csv", StaffFile));
            }

            return files;
        }
    }
}

internal sealed class PendingImportConfiguration : IEntityTypeConfiguration<PendingImport>
{
    public void Configure(EntityTypeBuilder<PendingImport> b)
    {
        b.ToTable("pending_imports");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.PupilsFileName).HasMaxLength(255);
        b.Property(p => p.CarersFileName).HasMaxLength(255);
        b.Property(p => p.StaffFileName).HasMaxLength(255);
        b.HasIndex(p => new { p.SchoolId, p.UserId });
        b.HasIndex(p => p.ExpiresAt);
        b.HasOne<School>().WithMany().HasForeignKey(p => p.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(p => p.Options);
        b.Ignore(p => p.Files);
    }
}
