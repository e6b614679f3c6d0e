using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Caseload;

/// <summary>A classroom strategy written by a pupil's practitioner.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<ClassroomStrategyId>))]
internal readonly record struct ClassroomStrategyId(Guid Value) : IEntityId<ClassroomStrategyId>, IParsable<ClassroomStrategyId>
{
    public static ClassroomStrategyId New() => new(Guid.CreateVersion7());
    public static ClassroomStrategyId From(Guid value) => new(value);
    public static ClassroomStrategyId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ClassroomStrategyId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>
/// Something a teacher can do in class to help a pupil ("Give a movement break after 20 minutes"),
/// written by the pupil's practitioner during an episode. The practitioner chooses whether to share
/// it with the pupil's teachers; an unshared strategy stays with the practitioners and the Head of Therapy.
/// Not the strategies tried to engage a refusing pupil (Sessions/Engagement): those are therapy content.
/// </summary>
internal sealed class ClassroomStrategy : ISchoolOwned
{
    public const int TextMaxLength = 300;

    private ClassroomStrategy()
    {
    }

    public ClassroomStrategyId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }

    /// <summary>The episode of therapy it was written in.</summary>
    public EpisodeId EpisodeId { get; private set; }
    public string Text { get; private set; } = "";
    public bool SharedWithTeachers { get; private set; }
    public DateOnly WrittenOn { get; private set; }
    public Guid WrittenBy { get; private set; }

    /// <summary>The day it was last shared or taken back from the teachers.</summary>
    public DateOnly? SharingChangedOn { get; private set; }

    public static Result<ClassroomStrategy> Write(Episode episode, string? text, bool share, DateOnly today, Guid by)
    {
        if (!episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; write classroom strategies during an episode.");
        }

        var t = TextRules.Tidy(text);
        if (string.IsNullOrEmpty(t))
        {
            return new Error.Validation("Text", "Write the strategy, e.g. \"Give a movement break after 20 minutes\"");
        }

        if (t.Length > TextMaxLength)
        {
            return new Error.Validation("Text", $"Keep the strategy to {TextMaxLength} characters");
        }

        return new ClassroomStrategy
        {
            Id = ClassroomStrategyId.New(),
            SchoolId = episode.SchoolId,
            PupilId = episode.PupilId,
            EpisodeId = episode.Id,
            Text = t,
            SharedWithTeachers = share,
            WrittenOn = today,
            WrittenBy = by,
            SharingChangedOn = share ? today : null,
        };
    }

    /// <summary>Shares the strategy with the pupil's teachers, or takes it back.</summary>
    public Outcome Share(bool share, DateOnly today)
    {
        if (SharedWithTeachers == share)
        {
            return new Error.Conflict(share ? "This strategy is already shared with the pupil's teachers." : "This strategy is not shared with the pupil's teachers.");
        }

        SharedWithTeachers = share;
        SharingChangedOn = today;
        return Outcome.Ok;
    }
}

internal sealed class ClassroomStrategyConfiguration : IEntityTypeConfiguration<ClassroomStrategy>
{
    public void Configure(EntityTypeBuilder<ClassroomStrategy> b)
    {
        b.ToTable("classroom_strategies");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Text).HasMaxLength(ClassroomStrategy.TextMaxLength);
        b.HasIndex(x => x.PupilId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupils.Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
