using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Development;

/// <summary>One published version of the school's lone-worker risk assessment.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<LoneWorkingVersionId>))]
internal readonly record struct LoneWorkingVersionId(Guid Value) : IEntityId<LoneWorkingVersionId>, IParsable<LoneWorkingVersionId>
{
    public static LoneWorkingVersionId New() => new(Guid.CreateVersion7());
    public static LoneWorkingVersionId From(Guid value) => new(value);
    public static LoneWorkingVersionId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out LoneWorkingVersionId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>A practitioner's acknowledgement that they read a version of the lone-worker risk assessment.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<LoneWorkingAcknowledgementId>))]
internal readonly record struct LoneWorkingAcknowledgementId(Guid Value) : IEntityId<LoneWorkingAcknowledgementId>, IParsable<LoneWorkingAcknowledgementId>
{
    public static LoneWorkingAcknowledgementId New() => new(Guid.CreateVersion7());
    public static LoneWorkingAcknowledgementId From(Guid value) => new(value);
    public static LoneWorkingAcknowledgementId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out LoneWorkingAcknowledgementId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>
/// West Heath: "All therapists are aware of the school's Lone Worker Risk Assessment and Guidance." The school publishes
/// versions; the newest is current, and every practitioner acknowledges the current one (a new version asks everyone again).
/// </summary>
internal sealed class LoneWorkingVersion : ISchoolOwned
{
    public const int TextMaxLength = 20000;

    private LoneWorkingVersion()
    {
    }

    public LoneWorkingVersionId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public int Version { get; private set; }
    public string Text { get; private set; } = "";
    public DateOnly PublishedOn { get; private set; }
    public Guid PublishedBy { get; private set; }
    public DateTime PublishedAt { get; private set; }

    public static Result<LoneWorkingVersion> Publish(SchoolId school, int previousVersion, string? text, DateOnly today, Guid by, DateTime now)
    {
        var t = TextRules.Tidy(text);
        if (t is null)
        {
            return new Error.Validation("Text", "Enter the risk assessment and guidance");
        }

        if (t.Length > TextMaxLength || TextRules.FindForbiddenCharacter(t, multiLine: true) is not null)
        {
            return new Error.Validation("Text", $"Keep the risk assessment to {TextMaxLength} characters of plain text");
        }

        return new LoneWorkingVersion
        {
            Id = LoneWorkingVersionId.New(), SchoolId = school, Version = previousVersion + 1, Text = t, PublishedOn = today, PublishedBy = by, PublishedAt = now,
        };
    }
}

internal sealed class LoneWorkingAcknowledgement : ISchoolOwned
{
    private LoneWorkingAcknowledgement()
    {
    }

    public LoneWorkingAcknowledgementId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public LoneWorkingVersionId VersionId { get; private set; }
    public StaffId StaffId { get; private set; }
    public DateTime AcknowledgedAt { get; private set; }

    public static LoneWorkingAcknowledgement Of(SchoolId school, LoneWorkingVersionId version, StaffId staff, DateTime now) =>
        new() { Id = LoneWorkingAcknowledgementId.New(), SchoolId = school, VersionId = version, StaffId = staff, AcknowledgedAt = now };
}

internal sealed class LoneWorkingVersionConfiguration : IEntityTypeConfiguration<LoneWorkingVersion>
{
    public void Configure(EntityTypeBuilder<LoneWorkingVersion> b)
    {
        b.ToTable("lone_working_versions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Text).HasMaxLength(LoneWorkingVersion.TextMaxLength);
        b.HasIndex(x => new { x.SchoolId, x.Version }).IsUnique();
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LoneWorkingAcknowledgementConfiguration : IEntityTypeConfiguration<LoneWorkingAcknowledgement>
{
    public void Configure(EntityTypeBuilder<LoneWorkingAcknowledgement> b)
    {
        b.ToTable("lone_working_acknowledgements");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => new { x.VersionId, x.StaffId }).IsUnique();
        b.HasIndex(x => x.StaffId);
        b.HasIndex(x => x.SchoolId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<LoneWorkingVersion>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}
