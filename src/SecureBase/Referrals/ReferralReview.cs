using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Referrals;

[TypeConverter(typeof(EntityIdTypeConverter<ReferralReviewId>))]
public readonly record struct ReferralReviewId(Guid Value) : IEntityId<ReferralReviewId>, IParsable<ReferralReviewId>
{
    public static ReferralReviewId New() => new(Guid.CreateVersion7());
    public static ReferralReviewId From(Guid value) => new(value);
    public static ReferralReviewId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ReferralReviewId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>
/// The half-termly review of open referrals by the headteacher and the therapy team (Westbourne:
/// "Referrals are reviewed each half term by the Headteacher and therapy team and are prioritised
/// accordingly"). Saved with who attended and what was decided for each referral.
/// </summary>
public sealed class ReferralReview : ISchoolOwned
{
    private ReferralReview()
    {
    }

    public ReferralReviewId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public DateOnly HeldOn { get; private set; }

    /// <summary>E.g. "Spring 1 review".</summary>
    public string Title { get; private set; } = "";

    /// <summary>Who attended, as the meeting recorded them (names, one per line).</summary>
    public string Attendees { get; private set; } = "";

    public string? Notes { get; private set; }
    public Guid RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }

    public static ReferralReview Record(SchoolId school, DateOnly heldOn, string title, string attendees, string? notes, Guid by, DateTime now) => new()
    {
        Id = ReferralReviewId.New(),
        SchoolId = school,
        HeldOn = heldOn,
        Title = title,
        Attendees = attendees,
        Notes = notes,
        RecordedBy = by,
        RecordedAt = now,
    };
}

[TypeConverter(typeof(EntityIdTypeConverter<ReferralReviewDecisionId>))]
public readonly record struct ReferralReviewDecisionId(Guid Value) : IEntityId<ReferralReviewDecisionId>, IParsable<ReferralReviewDecisionId>
{
    public static ReferralReviewDecisionId New() => new(Guid.CreateVersion7());
    public static ReferralReviewDecisionId From(Guid value) => new(value);
    public static ReferralReviewDecisionId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ReferralReviewDecisionId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>What the review decided for one referral: its priority before and after, and a note.</summary>
public sealed class ReferralReviewDecision
{
    private ReferralReviewDecision()
    {
    }

    public ReferralReviewDecisionId Id { get; private set; }
    public ReferralReviewId ReviewId { get; private set; }
    public ReferralId ReferralId { get; private set; }
    public int? PriorityBefore { get; private set; }
    public int PriorityAfter { get; private set; }
    public string? Decision { get; private set; }

    public static ReferralReviewDecision Create(ReferralReviewId review, ReferralId referral, int? before, int after, string? decision) => new()
    {
        Id = ReferralReviewDecisionId.New(),
        ReviewId = review,
        ReferralId = referral,
        PriorityBefore = before,
        PriorityAfter = after,
        Decision = decision,
    };
}
