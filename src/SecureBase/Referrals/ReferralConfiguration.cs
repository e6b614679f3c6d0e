using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Schools;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ReferralReview> ReferralReviews => Set<ReferralReview>();
    public DbSet<ReferralReviewDecision> ReferralReviewDecisions => Set<ReferralReviewDecision>();
    public DbSet<UnmatchedReferral> UnmatchedReferrals => Set<UnmatchedReferral>();
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.ToTable("referrals");
        b.HasKey(r => r.Id);
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.ReferrerName).HasMaxLength(200);
        b.Property(r => r.RequestedDiscipline).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.Discipline).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.OtherReason).HasMaxLength(200);
        b.Property(r => r.Details).HasMaxLength(4000);
        b.Property(r => r.SafeguardingDetails).HasMaxLength(4000);
        b.Property(r => r.WhatHasBeenTried).HasMaxLength(2000);
        b.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.RedirectedTo).HasMaxLength(200);
        b.Property(r => r.MessageToReferrer).HasMaxLength(1000);
        b.Property(r => r.DecisionNote).HasMaxLength(1000);
        b.Property(r => r.ConsentAnswer).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.SchoolId, r.SubmissionKey }).IsUnique();
        b.HasIndex(r => new { r.SchoolId, r.Status, r.Priority });
        b.HasIndex(r => new { r.SchoolId, r.PupilId, r.Status });
        b.HasIndex(r => new { r.SchoolId, r.ReferrerUserId });
        b.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupil>().WithMany().HasForeignKey(r => r.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(r => r.IsOpen);
    }
}

internal sealed class ReferralReviewConfiguration : IEntityTypeConfiguration<ReferralReview>
{
    public void Configure(EntityTypeBuilder<ReferralReview> b)
    {
        b.ToTable("referral_reviews");
        b.HasKey(r => r.Id);
        b.Property(r => r.Title).HasMaxLength(100);
        b.Property(r => r.Attendees).HasMaxLength(1000);
        b.Property(r => r.Notes).HasMaxLength(4000);
        b.HasIndex(r => new { r.SchoolId, r.HeldOn });
        b.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReferralReviewDecisionConfiguration : IEntityTypeConfiguration<ReferralReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReferralReviewDecision> b)
    {
        b.ToTable("referral_review_decisions");
        b.HasKey(d => d.Id);
        b.Property(d => d.Decision).HasMaxLength(500);
        b.HasIndex(d => d.ReviewId);
        b.HasOne<ReferralReview>().WithMany().HasForeignKey(d => d.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Referral>().WithMany().HasForeignKey(d => d.ReferralId).OnDelete(DeleteBehavior.Cascade);
    }
}
