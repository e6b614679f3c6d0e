namespace SecureBase.Referrals;

public sealed record ReferralRow(ReferralId Id, string Pupil, DateTime ReceivedAt, ReferralSource Source, ReferralReason Reasons, ReferralUrgency Urgency,
    ReferralStatus Status, int? Priority, bool Duplicate, bool Safeguarding, bool ReReferral);
