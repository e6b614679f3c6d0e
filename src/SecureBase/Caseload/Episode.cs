using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Caseload;

/// <summary>Where an episode of therapy stands.</summary>
public enum EpisodeStatus
{
    /// <summary>Allocated and under way: the pupil is on the practitioner's caseload.</summary>
    Open,

    /// <summary>Discharged (natural end point, clinical judgement, no longer needed, moved school, disengagement).</summary>
    Closed,
}

/// <summary>Why an episode ended (Serenity School's and West Heath's words).</summary>
public enum DischargeReason
{
    NaturalEndPoint,
    ClinicalJudgement,
    NoLongerNeeded,
    MovedSchool,

    /// <summary>The pupil consistently refused to engage for 6 weeks: the slot is released and a re-referral is needed.</summary>
    Disengagement,

    /// <summary>The therapist judged the pupil not ready: the pupil went back to the waiting list.</summary>
    NotReady,
}

/// <summary>
/// An episode of therapy: from allocation to discharge, one pupil with one practitioner in one
/// discipline. An open episode puts the pupil on the practitioner's caseload, which is what lets a
/// therapist see the pupil's record (the policy table's "own caseload").
/// </summary>
public sealed class Episode : ISchoolOwned
{
    private Episode()
    {
    }

    public Guid Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }
    public StaffId StaffId { get; private set; }
    public Discipline Discipline { get; private set; }
    public DateOnly StartDate { get; private set; }
    public EpisodeStatus Status { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public DischargeReason? DischargeReason { get; private set; }
    public string? DischargeNote { get; private set; }

    /// <summary>The referral this episode answers, when it came through one.</summary>
    public Guid? ReferralId { get; private set; }

    public static Episode Open(SchoolId school, PupilId pupil, StaffId staff, Discipline discipline, DateOnly start, Guid? referralId = null) => new()
    {
        ReferralId = referralId,
        Id = Guid.CreateVersion7(),
        SchoolId = school,
        PupilId = pupil,
        StaffId = staff,
        Discipline = discipline,
        StartDate = start,
        Status = EpisodeStatus.Open,
    };

    public Outcome Close(DateOnly on, DischargeReason reason, string? note = null)
    {
        if (Status == EpisodeStatus.Closed)
        {
            return new Error.Conflict("This episode of therapy has already ended.");
        }

        if (on < StartDate)
        {
            return new Error.Validation("EndDate", $"An episode cannot end ({on:d MMM yyyy}) before it started ({StartDate:d MMM yyyy})");
        }

        Status = EpisodeStatus.Closed;
        EndDate = on;
        DischargeReason = reason;
        DischargeNote = note;
        return Outcome.Ok;
    }
}

internal sealed class EpisodeConfiguration : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> b)
    {
        b.ToTable("episodes");
        b.HasKey(e => e.Id);
        b.Property(e => e.Discipline).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.DischargeReason).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.DischargeNote).HasMaxLength(1000);
        b.HasIndex(e => e.ReferralId);
        b.HasIndex(e => new { e.SchoolId, e.StaffId, e.Status });
        b.HasIndex(e => new { e.SchoolId, e.PupilId, e.Status });
        b.HasOne<Schools.School>().WithMany().HasForeignKey(e => e.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupil>().WithMany().HasForeignKey(e => e.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(e => e.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
