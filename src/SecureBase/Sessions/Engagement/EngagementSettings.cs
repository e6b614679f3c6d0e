using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Sessions;

/// <summary>
/// A school's thresholds for the disengagement rule (West Heath: warn at 3 weeks, release the slot at 6):
/// kept by the Head of Therapy. A school with no row uses the defaults.
/// </summary>
public sealed class EngagementSettings : ISchoolOwned
{
    public const int DefaultWarnAfterWeeks = 3;
    public const int DefaultReleaseAfterWeeks = 6;
    public const int MaxWeeks = 20;

    private EngagementSettings()
    {
    }

    public SchoolId SchoolId { get; private set; }

    /// <summary>Consecutive weeks of refusal after which the therapist, tutor and parents are told and the MDT discusses the pupil.</summary>
    public int WarnAfterWeeks { get; private set; } = DefaultWarnAfterWeeks;

    /// <summary>Consecutive weeks of refusal after which the episode closes and the slot is released.</summary>
    public int ReleaseAfterWeeks { get; private set; } = DefaultReleaseAfterWeeks;

    public static EngagementSettings DefaultsFor(SchoolId school) => new() { SchoolId = school };

    /// <summary>Changes the thresholds: both from 1 to <see cref="MaxWeeks"/>, the warning before the release.</summary>
    public Outcome Change(int? warnAfter, int? releaseAfter)
    {
        var errors = new List<FieldError>();
        if (warnAfter is not { } warn || warn < 1 || warn > MaxWeeks)
        {
            errors.Add(new FieldError("WarnAfterWeeks", $"Warn after a number of weeks from 1 to {MaxWeeks}"));
        }

        if (releaseAfter is not { } release || release < 1 || release > MaxWeeks)
        {
            errors.Add(new FieldError("ReleaseAfterWeeks", $"Release the slot after a number of weeks from 1 to {MaxWeeks}"));
        }

        if (errors.Count == 0 && warnAfter >= releaseAfter)
        {
            errors.Add(new FieldError("WarnAfterWeeks", "The warning must come before the slot is released: warn after fewer weeks than the release"));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        WarnAfterWeeks = warnAfter!.Value;
        ReleaseAfterWeeks = releaseAfter!.Value;
        return Outcome.Ok;
    }
}

internal sealed class EngagementSettingsConfiguration : IEntityTypeConfiguration<EngagementSettings>
{
    public void Configure(EntityTypeBuilder<EngagementSettings> b)
    {
        b.ToTable("engagement_settings");
        b.HasKey(s => s.SchoolId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
