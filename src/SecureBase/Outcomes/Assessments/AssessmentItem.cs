using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Outcomes;

/// <summary>One strength or target on a pupil's assessments profile.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<AssessmentItemId>))]
internal readonly record struct AssessmentItemId(Guid Value) : IEntityId<AssessmentItemId>, IParsable<AssessmentItemId>
{
    public static AssessmentItemId New() => new(Guid.CreateVersion7());
    public static AssessmentItemId From(Guid value) => new(value);
    public static AssessmentItemId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out AssessmentItemId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

internal enum AssessmentItemKind
{
    Strength,
    Target,
}

/// <summary>Who an item may be shared with (Westbourne: "the individual pupil, parents, members of staff and other professionals").</summary>
[Flags]
internal enum ProfileAudience
{
    None = 0,

    /// <summary>The pupil, in their own view.</summary>
    Pupil = 1,

    /// <summary>The pupil's parents and carers (unrestricted links), in their portal.</summary>
    Parents = 2,

    /// <summary>Members of staff: the pupil's teachers and the SENDCo.</summary>
    Staff = 4,

    /// <summary>Other professionals, on the profile the practitioner prints for them.</summary>
    OtherProfessionals = 8,
}

internal static class ProfileWords
{
    public static readonly ProfileAudience[] Audiences = [ProfileAudience.Pupil, ProfileAudience.Parents, ProfileAudience.Staff, ProfileAudience.OtherProfessionals];

    public static string Of(ProfileAudience one) => one switch
    {
        ProfileAudience.Pupil => "the pupil",
        ProfileAudience.Parents => "parents and carers",
        ProfileAudience.Staff => "staff (teachers and the SENDCo)",
        ProfileAudience.OtherProfessionals => "other professionals",
        _ => "",
    };

    /// <summary>"Shared with the pupil, parents and carers" or "Not shared: the therapy team only".</summary>
    public static string List(ProfileAudience audience)
    {
        var parts = Audiences.Where(a => audience.HasFlag(a)).Select(Of).ToList();
        return parts.Count == 0 ? "not shared: the therapy team only" : "shared with " + string.Join(", ", parts);
    }

    public static string Of(AssessmentItemKind kind) => kind == AssessmentItemKind.Strength ? "Strength" : "Target";
}

/// <summary>
/// A strength or target from an assessment (Westbourne's assessments profile): the assessment (its name
/// or tool), when and by whom it was done, one short plain statement, and whom it may be shared with. Each
/// reader sees only the items marked for them. Written during an episode of therapy by the pupil's
/// practitioner (the Head of Therapy for any pupil); it stays on the pupil's profile after the episode ends,
/// but is changed only while that episode is open.
/// </summary>
internal sealed class AssessmentItem : ISchoolOwned
{
    public const int StatementMaxLength = 300;
    public const int AssessmentMaxLength = 120;
    public const int AssessorMaxLength = 120;

    private AssessmentItem()
    {
    }

    public AssessmentItemId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }

    /// <summary>The episode of therapy it was written in.</summary>
    public EpisodeId EpisodeId { get; private set; }
    public AssessmentItemKind Kind { get; private set; }

    /// <summary>The assessment's name or tool, e.g. "CELF-5" or "Sensory profile".</summary>
    public string Assessment { get; private set; } = "";
    public DateOnly AssessedOn { get; private set; }

    /// <summary>Who carried out the assessment, as they sign it (e.g. "Aoife Byrne, speech and language therapist").</summary>
    public string AssessedBy { get; private set; } = "";
    public string Statement { get; private set; } = "";
    public ProfileAudience Audience { get; private set; }
    public Guid WrittenBy { get; private set; }
    public DateOnly WrittenOn { get; private set; }
    public DateOnly? ChangedOn { get; private set; }

    public bool IsFor(ProfileAudience reader) => (Audience & reader) != ProfileAudience.None;

    public static Result<AssessmentItem> Write(Episode episode, AssessmentItemEntry entry, Guid by, DateOnly today)
    {
        if (!episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended: add to the assessments profile during an episode.");
        }

        var checkedEntry = Check(entry, today, episode.StartDate);
        if (!checkedEntry.IsSuccess)
        {
            return checkedEntry.Error!;
        }

        var e = checkedEntry.Value;
        return new AssessmentItem
        {
            Id = AssessmentItemId.New(),
            SchoolId = episode.SchoolId,
            PupilId = episode.PupilId,
            EpisodeId = episode.Id,
            Kind = e.Kind!.Value,
            Assessment = e.Assessment!,
            AssessedOn = e.AssessedOn!.Value,
            AssessedBy = e.AssessedBy!,
            Statement = e.Statement!,
            Audience = e.Audience,
            WrittenBy = by,
            WrittenOn = today,
        };
    }

    /// <summary>Changes the item (wording, assessment details or whom it is shared with) while its episode is open.</summary>
    public Outcome Change(Episode episode, AssessmentItemEntry entry, DateOnly today)
    {
        if (episode.Id != EpisodeId || !episode.IsOpen)
        {
            return new Error.Conflict("The episode of therapy this was written in has ended: it can no longer be changed.");
        }

        var checkedEntry = Check(entry, today, episode.StartDate);
        if (!checkedEntry.IsSuccess)
        {
            return checkedEntry.Error!;
        }

        var e = checkedEntry.Value;
        Kind = e.Kind!.Value;
        Assessment = e.Assessment!;
        AssessedOn = e.AssessedOn!.Value;
        AssessedBy = e.AssessedBy!;
        Statement = e.Statement!;
        Audience = e.Audience;
        ChangedOn = today;
        return Outcome.Ok;
    }

    private static Result<AssessmentItemEntry> Check(AssessmentItemEntry entry, DateOnly today, DateOnly episodeStart)
    {
        var errors = new List<FieldError>();
        if (entry.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(new("Kind", "Choose whether this is a strength or a target"));
        }

        var statement = TextRules.Tidy(entry.Statement);
        if (string.IsNullOrEmpty(statement))
        {
            errors.Add(new("Statement", "Write the strength or target as a short plain statement, e.g. \"Asks for help when stuck\""));
        }
        else if (statement.Length > StatementMaxLength)
        {
            errors.Add(new("Statement", $"Keep the statement to {StatementMaxLength} characters"));
        }

        var assessment = TextRules.Tidy(entry.Assessment);
        if (string.IsNullOrEmpty(assessment))
        {
            errors.Add(new("Assessment", "Name the assessment or tool it comes from"));
        }
        else if (assessment.Length > AssessmentMaxLength)
        {
            errors.Add(new("Assessment", $"Keep the assessment's name to {AssessmentMaxLength} characters"));
        }

        var by = TextRules.Tidy(entry.AssessedBy);
        if (string.IsNullOrEmpty(by))
        {
            errors.Add(new("AssessedBy", "Say who carried out the assessment"));
        }
        else if (by.Length > AssessorMaxLength)
        {
            errors.Add(new("AssessedBy", $"Keep who carried it out to {AssessorMaxLength} characters"));
        }

        if (entry.AssessedOn is not { } on)
        {
            errors.Add(new("AssessedOn", "Give the date of the assessment"));
        }
        else if (on > today)
        {
            errors.Add(new("AssessedOn", "The assessment cannot have been done on a day still to come"));
        }
        else if (on < episodeStart.AddYears(-1))
        {
            errors.Add(new("AssessedOn", "Record assessments from the year before this episode of therapy began, or later"));
        }

        var audience = entry.Audience & (ProfileAudience.Pupil | ProfileAudience.Parents | ProfileAudience.Staff | ProfileAudience.OtherProfessionals);
        if (audience == ProfileAudience.None)
        {
            errors.Add(new("Audience", "Choose who it may be shared with: the pupil, parents, staff or other professionals"));
        }

        return errors.Count > 0
            ? new Error.Validation(errors)
            : entry with { Statement = statement, Assessment = assessment, AssessedBy = by, Audience = audience };
    }
}

/// <summary>A strength or target as the practitioner writes it.</summary>
internal sealed record AssessmentItemEntry(AssessmentItemKind? Kind, string? Assessment, DateOnly? AssessedOn, string? AssessedBy, string? Statement, ProfileAudience Audience);

internal sealed class AssessmentItemConfiguration : IEntityTypeConfiguration<AssessmentItem>
{
    public void Configure(EntityTypeBuilder<AssessmentItem> b)
    {
        b.ToTable("assessment_items");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Assessment).HasMaxLength(AssessmentItem.AssessmentMaxLength);
        b.Property(x => x.AssessedBy).HasMaxLength(AssessmentItem.AssessorMaxLength);
        b.Property(x => x.Statement).HasMaxLength(AssessmentItem.StatementMaxLength);
        b.HasIndex(x => x.PupilId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupils.Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
