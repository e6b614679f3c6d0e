using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Referrals;

public enum UnmatchedResolution
{
    Matched,
    NotOurPupil,
}

[TypeConverter(typeof(EntityIdTypeConverter<UnmatchedReferralId>))]
public readonly record struct UnmatchedReferralId(Guid Value) : IEntityId<UnmatchedReferralId>, IParsable<UnmatchedReferralId>
{
    public static UnmatchedReferralId New() => new(Guid.CreateVersion7());
    public static UnmatchedReferralId From(Guid value) => new(value);
    public static UnmatchedReferralId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out UnmatchedReferralId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>
/// A local authority referral for a UPN that matches no current pupil. The authority is told only
/// "received", whether or not the pupil exists (it may not learn who attends the school); the
/// school office matches it to a pupil (the referral is then made as the authority sent it) or
/// says it is not a pupil of this school. What the authority wrote is kept as sent, so nothing is lost.
/// </summary>
public sealed class UnmatchedReferral : ISchoolOwned
{
    private UnmatchedReferral()
    {
    }

    public UnmatchedReferralId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public string Upn { get; private set; } = "";
    public Guid? ReferrerUserId { get; private set; }
    public string ReferrerName { get; private set; } = "";

    /// <summary>The referral as the authority sent it (JSON), made into a referral once matched.</summary>
    public string Content { get; private set; } = "";
    public Guid SubmissionKey { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public UnmatchedResolution? Resolution { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public Guid? ResolvedBy { get; private set; }
    public ReferralId? ReferralId { get; private set; }

    public static UnmatchedReferral Receive(SchoolId school, string upn, Guid? referrer, string referrerName, string content, Guid submissionKey, DateTime now) => new()
    {
        Id = UnmatchedReferralId.New(),
        SchoolId = school,
        Upn = upn,
        ReferrerUserId = referrer,
        ReferrerName = referrerName,
        Content = content,
        SubmissionKey = submissionKey,
        ReceivedAt = now,
    };

    public Outcome Match(ReferralId referral, Guid by, DateTime now) => Resolve(UnmatchedResolution.Matched, referral, by, now);

    public Outcome NotOurPupil(Guid by, DateTime now) => Resolve(UnmatchedResolution.NotOurPupil, null, by, now);

    private Outcome Resolve(UnmatchedResolution resolution, ReferralId? referral, Guid by, DateTime now)
    {
        if (Resolution is not null)
        {
            return new Error.Conflict("This local authority referral has already been dealt with; nothing was changed.");
        }

        Resolution = resolution;
        ReferralId = referral;
        ResolvedBy = by;
        ResolvedAt = now;
        return Outcome.Ok;
    }
}

internal sealed class UnmatchedReferralConfiguration : IEntityTypeConfiguration<UnmatchedReferral>
{
    public void Configure(EntityTypeBuilder<UnmatchedReferral> b)
    {
        b.ToTable("unmatched_referrals");
        b.HasKey(r => r.Id);
        b.Property(r => r.Upn).HasMaxLength(13);
        b.Property(r => r.ReferrerName).HasMaxLength(200);
        b.Property(r => r.Content).HasMaxLength(16000);
        b.Property(r => r.Resolution).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(r => new { r.SchoolId, r.SubmissionKey }).IsUnique();
        b.HasIndex(r => new { r.SchoolId, r.ReferrerUserId });
        b.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
