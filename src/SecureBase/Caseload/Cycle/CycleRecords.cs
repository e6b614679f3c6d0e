using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Caseload;

/// <summary>A SMART goal of one cycle of an episode.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<CycleGoalId>))]
public readonly record struct CycleGoalId(Guid Value) : IEntityId<CycleGoalId>, IParsable<CycleGoalId>
{
    public static CycleGoalId New() => new(Guid.CreateVersion7());
    public static CycleGoalId From(Guid value) => new(value);
    public static CycleGoalId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CycleGoalId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>A record of the cycle's work: the situation analysis, a week 6 check, outcome measures, a reflective evaluation, a termly review.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<CycleRecordId>))]
public readonly record struct CycleRecordId(Guid Value) : IEntityId<CycleRecordId>, IParsable<CycleRecordId>
{
    public static CycleRecordId New() => new(Guid.CreateVersion7());
    public static CycleRecordId From(Guid value) => new(value);
    public static CycleRecordId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CycleRecordId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>How far a goal has come, rated at each check and review.</summary>
public enum GoalRating
{
    NotStarted,
    SomeProgress,
    GoodProgress,
    Achieved,
}

public static class GoalRatings
{
    public static string Words(GoalRating? r) => r switch
    {
        null => "not rated yet",
        GoalRating.NotStarted => "not started",
        GoalRating.SomeProgress => "some progress",
        GoalRating.GoodProgress => "good progress",
        _ => "achieved",
    };
}

/// <summary>The situation analysis of weeks 1–2 (Serenity School): one per episode. Confidential therapy content.</summary>
public sealed class SituationAnalysis : ISchoolOwned
{
    public const int TextMaxLength = 4000;

    private SituationAnalysis()
    {
    }

    public CycleRecordId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public EpisodeId EpisodeId { get; private set; }
    public bool EhcpReviewed { get; private set; }
    public string? EhcpNote { get; private set; }
    public string? Background { get; private set; }
    public string? Needs { get; private set; }
    public string? Strengths { get; private set; }
    public string? Challenges { get; private set; }
    public bool MetPupil { get; private set; }
    public bool MetFamily { get; private set; }
    public bool MetTeachers { get; private set; }
    public string? AssessmentTools { get; private set; }
    public DateOnly RecordedOn { get; private set; }
    public Guid RecordedBy { get; private set; }

    public static Result<SituationAnalysis> Record(Episode episode, SituationAnalysisDetails d, DateOnly today, Guid by)
    {
        if (!episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; its situation analysis can no longer be recorded.");
        }

        if (today < episode.StartDate)
        {
            return new Error.Conflict($"The episode starts on {episode.StartDate:d MMMM yyyy}; record the situation analysis once it has started.");
        }

        var errors = new List<FieldError>();
        if (d.EhcpReviewed is null)
        {
            errors.Add(new("EhcpReviewed", "Say whether the EHCP entitlement was reviewed"));
        }

        string? Text(string field, string? value, bool needed, string ask)
        {
            var t = TextRules.Tidy(value);
            if (needed && string.IsNullOrEmpty(t))
            {
                errors.Add(new(field, ask));
            }
            else if (t is { Length: > TextMaxLength })
            {
                errors.Add(new(field, $"Keep this to {TextMaxLength} characters"));
            }

            return t;
        }

        var a = new SituationAnalysis
        {
            Id = CycleRecordId.New(),
            SchoolId = episode.SchoolId,
            EpisodeId = episode.Id,
            EhcpReviewed = d.EhcpReviewed ?? false,
            EhcpNote = Text("EhcpNote", d.EhcpNote, false, ""),
            Background = Text("Background", d.Background, true, "Describe the pupil's background"),
            Needs = Text("Needs", d.Needs, true, "Describe the pupil's needs"),
            Strengths = Text("Strengths", d.Strengths, true, "Describe the pupil's strengths"),
            Challenges = Text("Challenges", d.Challenges, true, "Describe the challenges"),
            MetPupil = d.MetPupil,
            MetFamily = d.MetFamily,
            MetTeachers = d.MetTeachers,
            AssessmentTools = Text("AssessmentTools", d.AssessmentTools, false, ""),
            RecordedOn = today,
            RecordedBy = by,
        };
        if (!d.MetPupil && !d.MetFamily && !d.MetTeachers)
        {
            errors.Add(new("MetPupil", "Tick who was met: the pupil, the family, teachers"));
        }

        return errors.Count > 0 ? new Error.Validation(errors) : a;
    }
}

public sealed record SituationAnalysisDetails(bool? EhcpReviewed, string? EhcpNote, string? Background, string? Needs, string? Strengths, string? Challenges,
    bool MetPupil, bool MetFamily, bool MetTeachers, string? AssessmentTools);

/// <summary>A SMART goal of one cycle, agreed at an MDT discussion (linked to the meeting where there was one), rated at each check.</summary>
public sealed class CycleGoal : ISchoolOwned
{
    public const int FieldMaxLength = 1000;

    private CycleGoal()
    {
    }

    public CycleGoalId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public EpisodeId EpisodeId { get; private set; }
    public int Cycle { get; private set; }
    public string Specific { get; private set; } = "";
    public string Measurable { get; private set; } = "";
    public string Achievable { get; private set; } = "";
    public string Relevant { get; private set; } = "";
    public string TimeBound { get; private set; } = "";
    public string? PlannedInterventions { get; private set; }
    public Guid? MdtMeetingId { get; private set; }
    public DateOnly AgreedOn { get; private set; }
    public GoalRating? Rating { get; private set; }
    public DateOnly? RatedOn { get; private set; }

    /// <summary>The goal of the previous cycle this one was carried forward from.</summary>
    public CycleGoalId? CarriedFrom { get; private set; }

    public static Result<CycleGoal> Agree(Episode episode, int cycle, GoalDetails d, DateOnly today)
    {
        if (!episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; no goals can be added.");
        }

        if (today < episode.StartDate)
        {
            return new Error.Conflict($"The episode starts on {episode.StartDate:d MMMM yyyy}; goals are agreed once it has started.");
        }

        var errors = new List<FieldError>();
        string Need(string field, string? value, string ask)
        {
            var t = TextRules.Tidy(value);
            if (string.IsNullOrEmpty(t))
            {
                errors.Add(new(field, ask));
            }
            else if (t.Length > FieldMaxLength)
            {
                errors.Add(new(field, $"Keep this to {FieldMaxLength} characters"));
            }

            return t ?? "";
        }

        var goal = new CycleGoal
        {
            Id = CycleGoalId.New(),
            SchoolId = episode.SchoolId,
            EpisodeId = episode.Id,
            Cycle = cycle,
            Specific = Need("Specific", d.Specific, "Say specifically what the goal is"),
            Measurable = Need("Measurable", d.Measurable, "Say how progress will be measured"),
            Achievable = Need("Achievable", d.Achievable, "Say why the goal is achievable"),
            Relevant = Need("Relevant", d.Relevant, "Say why the goal matters for the pupil"),
            TimeBound = Need("TimeBound", d.TimeBound, "Say by when"),
            PlannedInterventions = TextRules.Tidy(d.PlannedInterventions),
            MdtMeetingId = d.MdtMeetingId,
            AgreedOn = today,
        };
        if (goal.PlannedInterventions is { Length: > FieldMaxLength })
        {
            errors.Add(new("PlannedInterventions", $"Keep this to {FieldMaxLength} characters"));
        }

        return errors.Count > 0 ? new Error.Validation(errors) : goal;
    }

    public Outcome Rate(GoalRating rating, DateOnly today)
    {
        if (!Enum.IsDefined(rating))
        {
            return new Error.Validation("Rating", "Choose a rating from the list");
        }

        Rating = rating;
        RatedOn = today;
        return Outcome.Ok;
    }

    /// <summary>A copy of this goal for the next cycle ("carry forward"), unrated.</summary>
    public Result<CycleGoal> CarryForward(Episode episode, int currentCycle, DateOnly today)
    {
        if (!episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; goals can no longer be carried forward.");
        }

        if (Cycle >= currentCycle + 1)
        {
            return new Error.Conflict("This goal already belongs to the next cycle.");
        }

        return new CycleGoal
        {
            Id = CycleGoalId.New(),
            SchoolId = SchoolId,
            EpisodeId = EpisodeId,
            Cycle = currentCycle + 1,
            Specific = Specific,
            Measurable = Measurable,
            Achievable = Achievable,
            Relevant = Relevant,
            TimeBound = TimeBound,
            PlannedInterventions = PlannedInterventions,
            AgreedOn = today,
            CarriedFrom = Id,
        };
    }
    /// <summary>Rewords a goal carried into the next cycle at a review ("revised"): what specifically, and how it is measured.</summary>
    internal Outcome Revise(string? specific, string? measurable)
    {
        var s = TextRules.Tidy(specific);
        if (string.IsNullOrEmpty(s))
        {
            return new Error.Validation("RevisedSpecific", "Write the revised goal");
        }

        var m = TextRules.Tidy(measurable);
        if (s.Length > FieldMaxLength || m is { Length: > FieldMaxLength })
        {
            return new Error.Validation("RevisedSpecific", $"Keep the revised goal to {FieldMaxLength} characters");
        }

        Specific = s;
        Measurable = m ?? Measurable;
        return Outcome.Ok;
    }
}

public sealed record GoalDetails(string? Specific, string? Measurable, string? Achievable, string? Relevant, string? TimeBound, string? PlannedInterventions, Guid? MdtMeetingId);

/// <summary>The checks of the cycle recorded with a note: week 6, week 11's outcome measures, week 12's reflective evaluation.</summary>
public enum CheckKind
{
    Week6Check,
    OutcomeMeasures,
    ReflectiveEvaluation,
}

/// <summary>A check of one cycle (week 6, week 11, week 12) with the practitioner's note.</summary>
public sealed class CycleCheck : ISchoolOwned
{
    public const int NoteMaxLength = 4000;

    private CycleCheck()
    {
    }

    public CycleRecordId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public EpisodeId EpisodeId { get; private set; }
    public int Cycle { get; private set; }
    public CheckKind Kind { get; private set; }
    public string Note { get; private set; } = "";
    public DateOnly RecordedOn { get; private set; }
    public Guid RecordedBy { get; private set; }

    public static CycleTask TaskOf(CheckKind kind) => kind switch
    {
        CheckKind.Week6Check => CycleTask.Week6Check,
        CheckKind.OutcomeMeasures => CycleTask.OutcomeMeasures,
        _ => CycleTask.ReflectiveEvaluation,
    };

    public static Result<CycleCheck> Record(Episode episode, CyclePosition? now, CheckKind kind, string? note, DateOnly today, Guid by)
    {
        if (!episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; no check can be recorded.");
        }

        if (!Enum.IsDefined(kind))
        {
            return new Error.Validation("Kind", "Choose which check this is");
        }

        if (now is null)
        {
            return new Error.Conflict("The cycle is not running this week (the episode has not started, or the school is closed).");
        }

        if (now.Week < EpisodeCycle.DueFrom(TaskOf(kind)))
        {
            return new Error.Conflict($"The {EpisodeCycle.TaskWords(TaskOf(kind))} is due from week {EpisodeCycle.DueFrom(TaskOf(kind))} of the cycle; this is week {now.Week}.");
        }

        var text = TextRules.Tidy(note);
        if (string.IsNullOrEmpty(text))
        {
            return new Error.Validation("Note", "Write what the check found");
        }

        if (text.Length > NoteMaxLength)
        {
            return new Error.Validation("Note", $"Keep the note to {NoteMaxLength} characters");
        }

        return new CycleCheck { Id = CycleRecordId.New(), SchoolId = episode.SchoolId, EpisodeId = episode.Id, Cycle = now.Cycle, Kind = kind, Note = text, RecordedOn = today, RecordedBy = by };
    }
}

/// <summary>The decision of a termly review (West Heath: "Therapy is not open-ended").</summary>
public enum ReviewDecision
{
    ContinueAnotherCycle,
    Change,
    Discharge,
}

public static class ReviewDecisions
{
    public static string Words(ReviewDecision d) => d switch
    {
        ReviewDecision.ContinueAnotherCycle => "Continue for another cycle",
        ReviewDecision.Change => "Change the provision",
        _ => "Discharge",
    };
}

/// <summary>The review of provision and progress at the end of a term.</summary>
public sealed class TermlyReview : ISchoolOwned
{
    public const int TextMaxLength = 2000;

    private TermlyReview()
    {
    }

    public CycleRecordId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public EpisodeId EpisodeId { get; private set; }

    /// <summary>The last day of the term reviewed: one review per episode and term.</summary>
    public DateOnly TermEndsOn { get; private set; }
    public ReviewDecision Decision { get; private set; }
    public string? Change { get; private set; }
    public string Note { get; private set; } = "";
    public DateOnly RecordedOn { get; private set; }
    public Guid RecordedBy { get; private set; }

    public static Result<TermlyReview> Record(Episode episode, DateOnly termEndsOn, ReviewDecision decision, string? change, string? note, DateOnly today, Guid by)
    {
        if (!episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; there is nothing to review.");
        }

        if (!Enum.IsDefined(decision))
        {
            return new Error.Validation("Decision", "Choose a decision");
        }

        var errors = new List<FieldError>();
        var what = TextRules.Tidy(change);
        if (decision == ReviewDecision.Change && string.IsNullOrEmpty(what))
        {
            errors.Add(new("Change", "Say what will change"));
        }

        var text = TextRules.Tidy(note);
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new("Note", "Write a note of the review"));
        }

        if (what is { Length: > TextMaxLength } || text is { Length: > TextMaxLength })
        {
            errors.Add(new("Note", $"Keep each part to {TextMaxLength} characters"));
        }

        return errors.Count > 0
            ? new Error.Validation(errors)
            : new TermlyReview { Id = CycleRecordId.New(), SchoolId = episode.SchoolId, EpisodeId = episode.Id, TermEndsOn = termEndsOn, Decision = decision, Change = decision == ReviewDecision.Change ? what : null, Note = text!, RecordedOn = today, RecordedBy = by };
    }
}

internal sealed class CycleRecordsConfiguration :
    IEntityTypeConfiguration<SituationAnalysis>, IEntityTypeConfiguration<CycleGoal>, IEntityTypeConfiguration<CycleCheck>, IEntityTypeConfiguration<TermlyReview>
{
    public void Configure(EntityTypeBuilder<SituationAnalysis> b)
    {
        b.ToTable("situation_analyses");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        foreach (var p in new[] { nameof(SituationAnalysis.EhcpNote), nameof(SituationAnalysis.Background), nameof(SituationAnalysis.Needs), nameof(SituationAnalysis.Strengths), nameof(SituationAnalysis.Challenges), nameof(SituationAnalysis.AssessmentTools) })
        {
            b.Property(p).HasMaxLength(SituationAnalysis.TextMaxLength);
        }

        b.HasIndex(x => x.EpisodeId).IsUnique();
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CycleGoal> b)
    {
        b.ToTable("cycle_goals");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        foreach (var p in new[] { nameof(CycleGoal.Specific), nameof(CycleGoal.Measurable), nameof(CycleGoal.Achievable), nameof(CycleGoal.Relevant), nameof(CycleGoal.TimeBound), nameof(CycleGoal.PlannedInterventions) })
        {
            b.Property(p).HasMaxLength(CycleGoal.FieldMaxLength);
        }

        b.Property(x => x.Rating).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.EpisodeId, x.Cycle });
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MdtMeeting>().WithMany().HasForeignKey(x => x.MdtMeetingId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<CycleCheck> b)
    {
        b.ToTable("cycle_checks");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Note).HasMaxLength(CycleCheck.NoteMaxLength);
        b.HasIndex(x => new { x.EpisodeId, x.Cycle, x.Kind }).IsUnique();
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<TermlyReview> b)
    {
        b.ToTable("termly_reviews");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Decision).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Change).HasMaxLength(TermlyReview.TextMaxLength);
        b.Property(x => x.Note).HasMaxLength(TermlyReview.TextMaxLength);
        b.HasIndex(x => new { x.EpisodeId, x.TermEndsOn }).IsUnique();
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
