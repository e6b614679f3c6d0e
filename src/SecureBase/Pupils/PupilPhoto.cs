using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Pupils;

/// <summary>
/// A pupil's photo, optional, so staff who work with a child can recognise them. Kept apart from
/// the pupil's record so that lists never load images; shown only to those who may open the record.
/// </summary>
public sealed class PupilPhoto : ISchoolOwned
{
    public const int MaxBytes = 2 * 1024 * 1024;

    private PupilPhoto()
    {
    }

    public PupilId PupilId { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public string ContentType { get; private set; } = "";
    public byte[] Bytes { get; private set; } = [];
    public DateTime UpdatedAt { get; private set; }

    /// <summary>PNG or JPEG, recognised by its first bytes (not its name), and at most 2 MB.</summary>
    public static Result<PupilPhoto> From(Pupil pupil, byte[] bytes, DateTime now)
    {
        if (bytes.Length == 0)
        {
            return new Error.Validation("Photo", "Choose a photo to upload");
        }

        if (bytes.Length > MaxBytes)
        {
            return new Error.Validation("Photo", $"The photo is {bytes.Length / 1024 / 1024.0:0.#} MB; choose one of 2 MB or less");
        }

        var type = bytes.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
            : bytes.AsSpan().StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
            : null;
        if (type is null)
        {
            return new Error.Validation("Photo", "The photo must be a JPEG or PNG image");
        }

        if (pupil.HasLeft)
        {
            return new Error.Conflict($"{pupil.DisplayName} has left; the record cannot be changed.");
        }

        return new PupilPhoto { PupilId = pupil.Id, SchoolId = pupil.SchoolId, ContentType = type, Bytes = bytes, UpdatedAt = now };
    }

    public void Replace(PupilPhoto newer)
    {
        ContentType = newer.ContentType;
        Bytes = newer.Bytes;
        UpdatedAt = newer.UpdatedAt;
    }
}

internal sealed class PupilPhotoConfiguration : IEntityTypeConfiguration<PupilPhoto>
{
    public void Configure(EntityTypeBuilder<PupilPhoto> b)
    {
        b.ToTable("pupil_photos");
        b.HasKey(p => p.PupilId);
        b.Property(p => p.ContentType).HasMaxLength(20);
        b.HasOne<Pupil>().WithOne().HasForeignKey<PupilPhoto>(p => p.PupilId).OnDelete(DeleteBehavior.Cascade);
    }
}
