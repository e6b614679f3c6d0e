using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;

namespace SecureBase.Caseload;

/// <summary>The level of therapeutic input (West Heath's tiers).</summary>
public enum TherapyTier
{
    /// <summary>Tier 1: support to staff around the pupil.</summary>
    StaffSupport = 1,

    /// <summary>Tier 2: short-term work, e.g. CBT or REBT.</summary>
    ShortTerm = 2,

    /// <summary>Tiers 2–3: longer-term psychotherapy.</summary>
    LongTerm = 3,
}

public static class TherapyTiers
{
    public static string Words(TherapyTier tier) => tier switch
    {
        TherapyTier.StaffSupport => "Tier 1: support for the staff around the pupil",
        TherapyTier.ShortTerm => "Tier 2: short-term work (e.g. CBT, REBT)",
        _ => "Tiers 2–3: longer-term psychotherapy",
    };
}

/// <summary>The 12-week cycle's state held on the episode itself: its tier and modality, and discharge by hand.</summary>
public sealed partial class Episode
{
    public const int ModalityMaxLength = 200;
    public const int DischargeSummaryMaxLength = 1000;

    public TherapyTier? Tier { get; private set; }

    /// <summary>How the practitioner works with the pupil ("CBT", "play therapy", "art-based"), in their words.</summary>
    public string? Modality { get; private set; }

    /// <summary>The reasons a practitioner or the Head of Therapy may choose by hand (disengagement and "not ready" have their own steps).</summary>
    public static IReadOnlyList<DischargeReason> ReasonsByHand { get; } =
        [Caseload.DischargeReason.NaturalEndPoint, Caseload.DischargeReason.ClinicalJudgement, Caseload.DischargeReason.NoLongerNeeded, Caseload.DischargeReason.MovedSchool];

    public static string ReasonWords(DischargeReason reason) => reason switch
    {
        Caseload.DischargeReason.NaturalEndPoint => "Natural end point: the work is done",
        Caseload.DischargeReason.ClinicalJudgement => "Clinical judgement",
        Caseload.DischargeReason.NoLongerNeeded => "No longer needed",
        Caseload.DischargeReason.MovedSchool => "Moved school",
        Caseload.DischargeReason.Disengagement => "Disengagement: refused to engage for 6 weeks",
        _ => "Not ready for therapy",
    };

    public Outcome SetTierAndModality(TherapyTier? tier, string? modality)
    {
        if (!IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; its tier and modality can no longer change.");
        }

        if (tier is { } t && !Enum.IsDefined(t))
        {
            return new Error.Validation("Tier", "Choose a tier from the list");
        }

        var text = TextRules.Tidy(modality);
        if (text is { Length: > ModalityMaxLength })
        {
            return new Error.Validation("Modality", $"Keep the modality to {ModalityMaxLength} characters");
        }

        Tier = tier;
        Modality = text;
        return Outcome.Ok;
    }

    /// <summary>
    /// The practitioner or the Head of Therapy discharges the pupil ("therapists reserve the right to
    /// terminate therapy when they feel appropriate") with a reason chosen by hand and a short summary.
    /// </summary>
    public Outcome Discharge(DateOnly on, DischargeReason reason, string? summary, DateOnly today)
    {
        if (!IsOpen)
        {
            return new Error.Conflict("This episode of therapy has already ended.");
        }

        if (!ReasonsByHand.Contains(reason))
        {
            return new Error.Validation("Reason", "Choose a reason from the list (disengagement follows the 6-week rule)");
        }

        if (on > today)
        {
            return new Error.Validation("EndDate", "A discharge is recorded on the day or after it, not ahead");
        }

        var text = TextRules.Tidy(summary);
        if (string.IsNullOrEmpty(text))
        {
            return new Error.Validation("Summary", "Write a short summary of the therapy");
        }

        if (text.Length > DischargeSummaryMaxLength)
        {
            return new Error.Validation("Summary", $"Keep the summary to {DischargeSummaryMaxLength} characters");
        }

        return Close(on, reason, text);
    }
}

internal sealed class EpisodeCycleConfiguration : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> b)
    {
        b.Property(e => e.Tier).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Modality).HasMaxLength(Episode.ModalityMaxLength);
    }
}
