using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;

namespace SecureBase.Caseload;

/// <summary>What the 6-week rule does after a recount.</summary>
public enum DisengagementStep
{
    /// <summary>Nothing new: below the warning, or warned already for this run of refusals.</summary>
    None,

    /// <summary>The run reached the warning threshold for the first time: tell people, put the pupil on the MDT agenda.</summary>
    Warn,

    /// <summary>The run reached the release threshold: the episode has closed for disengagement.</summary>
    Released,
}

/// <summary>Something the practitioner tried to engage the pupil ("every effort will be made to engage with the young person").</summary>
public sealed record EngagementStrategy(DateOnly TriedOn, string What, Guid ByUserId, string ByName, DateTime RecordedAt);

/// <summary>The disengagement rule's state on an episode (West Heath's 6-week rule).</summary>
public sealed partial class Episode
{
    public const int StrategyMaxLength = 1000;

    private readonly List<EngagementStrategy> _engagementStrategies = [];

    /// <summary>Consecutive school weeks the pupil has refused, as last counted.</summary>
    public int RefusedWeeks { get; private set; }

    /// <summary>The Monday of the first week of the current run of refusals.</summary>
    public DateOnly? RefusalRunFrom { get; private set; }

    /// <summary>The run of refusals (by its first Monday) people were last warned about: a run is warned about once.</summary>
    public DateOnly? DisengagementWarnedFor { get; private set; }

    /// <summary>The practitioner judged that the parents should not be told about refusals (e.g. a pupil's own request for help).</summary>
    public bool DoNotTellParents { get; private set; }

    /// <summary>What was tried to engage the pupil, earliest first.</summary>
    public IReadOnlyList<EngagementStrategy> EngagementStrategies => _engagementStrategies;

    /// <summary>
    /// Takes a recount of the pupil's refusals and says what follows: a warning the first time a run
    /// reaches <paramref name="warnAfter"/> weeks, the release at <paramref name="releaseAfter"/> weeks
    /// (the episode closes for disengagement on <paramref name="releaseOn"/>, and its slot is released
    /// by whoever handles <see cref="EpisodeEnded"/>).
    /// </summary>
    public DisengagementStep CountRefusals(int weeks, DateOnly? runFrom, int warnAfter, int releaseAfter, DateOnly releaseOn)
    {
        if (!IsOpen)
        {
            return DisengagementStep.None;
        }

        RefusedWeeks = weeks;
        RefusalRunFrom = weeks == 0 ? null : runFrom;
        if (weeks >= releaseAfter)
        {
            var ends = releaseOn < StartDate ? StartDate : releaseOn;
            var closed = Close(ends, Caseload.DischargeReason.Disengagement,
                $"Refused sessions for {weeks} consecutive school weeks; the slot was released. A re-referral can be made if therapy is needed again.");
            return closed.IsSuccess ? DisengagementStep.Released : DisengagementStep.None;
        }

        if (weeks >= warnAfter && DisengagementWarnedFor != RefusalRunFrom)
        {
            DisengagementWarnedFor = RefusalRunFrom;
            return DisengagementStep.Warn;
        }

        return DisengagementStep.None;
    }

    /// <summary>Records something tried to engage the pupil, on a day up to today, while the episode is open.</summary>
    public Outcome AddEngagementStrategy(DateOnly triedOn, string? what, Guid byUser, string byName, DateOnly today, DateTime now)
    {
        var text = TextRules.Tidy(what);
        if (!IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; strategies are recorded while it is open.");
        }

        var errors = new List<FieldError>();
        if (triedOn > today)
        {
            errors.Add(new FieldError("TriedOn", "Record what was tried once it has been tried: the date cannot be in the future"));
        }
        else if (triedOn < StartDate.AddDays(-EpisodeOpening.MaxDaysBack))
        {
            errors.Add(new FieldError("TriedOn", $"The date is before this episode started ({StartDate:d MMMM yyyy})"));
        }

        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new FieldError("What", "Say what was tried to engage the pupil"));
        }
        else if (text.Length > StrategyMaxLength)
        {
            errors.Add(new FieldError("What", $"Keep it to {StrategyMaxLength} characters"));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        _engagementStrategies.Add(new EngagementStrategy(triedOn, text!, byUser, byName, now));
        _engagementStrategies.Sort((a, b) => a.TriedOn.CompareTo(b.TriedOn));
        return Outcome.Ok;
    }

    /// <summary>Whether the parents are told when their child keeps refusing (the practitioner's judgement).</summary>
    public void SetDoNotTellParents(bool doNotTell) => DoNotTellParents = doNotTell;
}

internal sealed class EpisodeEngagementConfiguration : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> b)
    {
        b.OwnsMany(e => e.EngagementStrategies, s =>
        {
            s.ToTable("engagement_strategies");
            s.WithOwner().HasForeignKey("EpisodeId");
            s.Property<int>("Id");
            s.HasKey("Id");
            s.Property(x => x.What).HasMaxLength(Episode.StrategyMaxLength);
            s.Property(x => x.ByName).HasMaxLength(200);
        });
        b.Navigation(e => e.EngagementStrategies).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
