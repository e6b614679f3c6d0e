using SecureBase.Common;

namespace SecureBase.Audit;

/// <summary>Why someone with no relationship to a confidential record opens it: chosen before the record opens, and audited.</summary>
public enum ReadReason
{
    HalfTermlyReview,
    ConsultingTheTeam,
    SafeguardingOrWelfare,
    ComplaintOrLegal,
    Other,

    /// <summary>Preparing for an MDT meeting about the pupil (offered for session notes).</summary>
    PreparingMdt,
}

public static class ReadReasons
{
    public static string Words(ReadReason r) => r switch
    {
        ReadReason.HalfTermlyReview => "The half-termly review of referrals",
        ReadReason.ConsultingTheTeam => "Consulting with the therapy team about this pupil",
        ReadReason.SafeguardingOrWelfare => "A worry about the pupil's safety or welfare",
        ReadReason.ComplaintOrLegal => "A complaint, an information request or a legal matter",
        ReadReason.PreparingMdt => "Preparing for an MDT meeting about the pupil",
        _ => "Another reason",
    };
}

/// <summary>What a "why are you opening this?" form shows: the kind of record, the reason chosen so far, and what was wrong with it.</summary>
public sealed record WhyForm(string What, ReadReason? Reason, string? Other, string? Problem);

/// <summary>
/// Every read of a confidential record is recorded with why (PRODUCT.md section 1). Where the
/// reader's relationship to the record explains it (the Head of Therapy triaging, the pupil's own
/// practitioner, the person who made the referral, the SENDCo keeping EHCPs, a parent reading their
/// own child's plan), the reason follows from it without asking. Where no relationship does (a
/// colleague consulting, a senior leader reviewing), the reader chooses a reason from a short list
/// plus "other" before the record opens: a "break-glass" read, shown as such in the audit log.
/// </summary>
public sealed class ConfidentialReads(AuditLog audit)
{
    /// <summary>
    /// Records the read and returns its reason; or, when no relationship explains it and no usable
    /// reason was given, a validation error naming "reason" (or "reasonOther") and records nothing.
    /// </summary>
    public async Task<Result<string>> OpenAsync(string recordType, string recordId, string what, string? relationship, ReadReason? reason, string? otherReason, string channel, CancellationToken ct = default)
    {
        var because = relationship;
        var breakGlass = because is null;
        if (breakGlass)
        {
            if (reason is not { } chosen || !Enum.IsDefined(chosen))
            {
                return new Error.Validation("reason", $"Say why you are opening this {what} before it opens: choose a reason");
            }

            var other = TextRules.Tidy(otherReason);
            if (chosen == ReadReason.Other && other is null)
            {
                return new Error.Validation("reasonOther", $"Say in a few words why you are opening this {what}");
            }

            if (other is { Length: > 200 })
            {
                return new Error.Validation("reasonOther", "Keep the reason to 200 characters");
            }

            because = "break-glass: " + ReadReasons.Words(chosen) + (chosen == ReadReason.Other ? $" ({other})" : "");
        }

        await audit.RecordReadAsync(recordType, recordId, $"{because} ({channel})", breakGlass, ct);
        return because!;
    }
}
