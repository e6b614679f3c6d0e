using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Scheduling.Allocation;
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
/// What allocation knows when it opens an episode: the practitioner chosen, how full their caseload
/// is, whether the pupil is already in therapy for the discipline, and the day the decision is made.
/// </summary>
public sealed record EpisodeOpening(StaffMember Practitioner, int OpenCaseload, bool PupilAlreadyInThisTherapy, DateOnly DecidedOn)
{
    /// <summary>How far back a start date may be (a first session already held last week) and how far ahead.</summary>
    public const int MaxDaysBack = 7;
    public const int MaxDaysAhead = 90;
}

/// <summary>An episode of therapy began: the pupil is on the practitioner's caseload.</summary>
public sealed record EpisodeOpened(EpisodeId EpisodeId, PupilId PupilId, StaffId StaffId, Discipline Discipline, DateOnly StartDate, Referrals.ReferralId? ReferralId) : ISchoolEvent;

/// <summary>An episode of therapy ended: its weekly slot is released from the day after it ended.</summary>
public sealed record EpisodeEnded(EpisodeId EpisodeId, PupilId PupilId, StaffId StaffId, Discipline Discipline, DateOnly EndDate, DischargeReason Reason, Referrals.ReferralId? ReferralId) : ISchoolEvent;

/// <summary>
/// An episode of therapy: from allocation to discharge, one pupil with one practitioner in one
/// discipline. An open episode puts the pupil on the practitioner's caseload, which is what lets a
/// therapist see the pupil's record (the policy table's "own caseload"). It is the aggregate the rest
/// of therapy hangs from: sessions, goals, reviews and outcomes are reached through it, and what
/// follows from it opening or ending is raised as <see cref="EpisodeOpened"/> and <see cref="EpisodeEnded"/>.
/// </summary>
public sealed partial class Episode : RaisesEvents, ISchoolOwned
{
    private Episode()
    {
    }

    public EpisodeId Id { get; private set; }
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
    public Referrals.ReferralId? ReferralId { get; private set; }

    public bool IsOpen => Status == EpisodeStatus.Open;

    /// <summary>When the pupil was shown the confidentiality statement (West Heath section 3); null until then.</summary>
    public DateOnly? ConfidentialityExplainedOn { get; private set; }

    /// <summary>How the pupil responded when it was explained, in the practitioner's words.</summary>
    public string? ConfidentialityResponse { get; private set; }

    public const int ConfidentialityResponseMaxLength = 500;

    /// <summary>
    /// Records that the practitioner showed the pupil the confidentiality statement and how they
    /// responded. Until this is recorded, no session can be recorded as attended.
    /// </summary>
    public Outcome RecordConfidentialityExplained(DateOnly on, string? response, DateOnly today)
    {
        var text = TextRules.Tidy(response);
        if (on > today)
        {
            return new Error.Validation("ExplainedOn", "The statement cannot have been shown on a day still to come");
        }

        if (on < StartDate.AddDays(-EpisodeOpening.MaxDaysBack))
        {
            return new Error.Validation("ExplainedOn", "The statement is shown at the start of this episode, not before it");
        }

        if (string.IsNullOrEmpty(text))
        {
            return new Error.Validation("Response", "Say how the pupil responded");
        }

        if (text.Length > ConfidentialityResponseMaxLength)
        {
            return new Error.Validation("Response", $"Keep the pupil's response to {ConfidentialityResponseMaxLength} characters");
        }

        ConfidentialityExplainedOn = on;
        ConfidentialityResponse = text;
        return Outcome.Ok;
    }

    /// <summary>
    /// Opens an episode if allocation's rules allow it: the practitioner meets the pupil's need, has a
    /// free place on their caseload, the pupil is not already in this therapy, and the start date is
    /// from a week before the decision to three months after it.
    /// </summary>
    public static Result<Episode> Open(SchoolId school, PupilId pupil, Discipline needed, DateOnly start, EpisodeOpening opening, Referrals.ReferralId? referralId = null)
    {
        var staff = opening.Practitioner;
        if (staff.LeftOn is not null || staff.Discipline is not { } practised)
        {
            return new Error.Validation("StaffId", "Choose a therapist from the list");
        }

        if (DisciplineMatchTable.Default.Match(needed.ToString(), practised.ToString()) == DisciplineMatch.None)
        {
            return new Error.Validation("StaffId", $"{staff.FullName} is {Web.PlainWords.WithArticle(Web.PlainWords.InSentence(Disciplines.Practitioner(practised)))}, which does not meet a need for {Disciplines.InSentence(needed)}");
        }

        var capacity = staff.CaseloadCapacity ?? 0;
        if (opening.OpenCaseload >= capacity)
        {
            return new Error.Validation("StaffId", $"{staff.FullName}'s caseload is full ({opening.OpenCaseload}/{capacity}); raise their capacity first if the team agrees");
        }

        if (opening.PupilAlreadyInThisTherapy)
        {
            return new Error.Conflict($"This pupil is already in {Disciplines.InSentence(needed)}; end that episode before opening another.");
        }

        if (start < opening.DecidedOn.AddDays(-EpisodeOpening.MaxDaysBack) || start > opening.DecidedOn.AddDays(EpisodeOpening.MaxDaysAhead))
        {
            return new Error.Validation("StartDate", "Choose a start date from a week ago to three months ahead");
        }

        var episode = Import(school, pupil, staff.Id, needed, start, referralId);
        episode.Raise(new EpisodeOpened(episode.Id, pupil, staff.Id, needed, start, referralId));
        return episode;
    }

    /// <summary>
    /// An episode recorded as it already was (history brought over from another system, fixtures):
    /// allocation's rules were applied when it was allocated, and nobody is told of it again.
    /// </summary>
    internal static Episode Import(SchoolId school, PupilId pupil, StaffId staff, Discipline discipline, DateOnly start, Referrals.ReferralId? referralId = null) => new()
    {
        ReferralId = referralId,
        Id = EpisodeId.New(),
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
        Raise(new EpisodeEnded(Id, PupilId, StaffId, Discipline, on, reason, ReferralId));
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
        b.Property(e => e.ConfidentialityResponse).HasMaxLength(Episode.ConfidentialityResponseMaxLength);
        b.Ignore(e => e.IsOpen);
        b.HasIndex(e => e.ReferralId);
        b.HasIndex(e => new { e.SchoolId, e.StaffId, e.Status });
        b.HasIndex(e => new { e.SchoolId, e.PupilId, e.Status });
        b.HasOne<Schools.School>().WithMany().HasForeignKey(e => e.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupil>().WithMany().HasForeignKey(e => e.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(e => e.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
