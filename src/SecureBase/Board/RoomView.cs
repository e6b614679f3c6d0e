using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Board;

/// <summary>A pupil's answer to a question about a room, in a child's words.</summary>
public enum VoiceAnswer
{
    Yes,
    NotSure,
    No,
}

/// <summary>The questions a pupil is asked about a room they have sessions in (seed 000: listen to students' views about the spaces).</summary>
public enum RoomQuestion
{
    LikesRoom,
    QuietEnough,
    LikesSamePlace,
}

public static class RoomQuestions
{
    /// <summary>The question as the pupil reads it.</summary>
    public static string ToPupil(RoomQuestion q) => q switch
    {
        RoomQuestion.LikesRoom => "Do you like the room?",
        RoomQuestion.QuietEnough => "Is it quiet enough?",
        RoomQuestion.LikesSamePlace => "Do you like coming to the same place at the same time?",
    };

    /// <summary>The question as staff read the counts.</summary>
    public static string ToStaff(RoomQuestion q) => q switch
    {
        RoomQuestion.LikesRoom => "Likes the room",
        RoomQuestion.QuietEnough => "Quiet enough",
        RoomQuestion.LikesSamePlace => "Likes the same place at the same time",
    };

    public static string Answer(VoiceAnswer a) => a switch
    {
        VoiceAnswer.Yes => "Yes",
        VoiceAnswer.NotSure => "Not sure",
        VoiceAnswer.No => "No",
    };

    /// <summary>The picture beside each answer (wwwroot/images/voice).</summary>
    public static string Picture(VoiceAnswer a) => a switch
    {
        VoiceAnswer.Yes => "/images/voice/yes.svg",
        VoiceAnswer.NotSure => "/images/voice/not-sure.svg",
        VoiceAnswer.No => "/images/voice/no.svg",
    };
}

/// <summary>
/// What one pupil said about one room: their latest answers (a new answer replaces the last, so the
/// counts are of pupils, not of clicks). Shown to the Head of Therapy only as counts; with the pupil's
/// name only to the pupil's own practitioner.
/// </summary>
public sealed class RoomView : ISchoolOwned
{
    public const int BetterMaxLength = 500;

    private RoomView()
    {
    }

    public Guid Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }
    public RoomId RoomId { get; private set; }
    public VoiceAnswer? LikesRoom { get; private set; }
    public VoiceAnswer? QuietEnough { get; private set; }
    public VoiceAnswer? LikesSamePlace { get; private set; }

    /// <summary>"What would make it better?" in the pupil's own words.</summary>
    public string? Better { get; private set; }

    public DateTime GivenAt { get; private set; }

    public static Result<RoomView> Give(SchoolId school, PupilId pupil, RoomId room, RoomAnswers answers, DateTime nowUtc)
    {
        var view = new RoomView { Id = Guid.CreateVersion7(), SchoolId = school, PupilId = pupil, RoomId = room };
        var outcome = view.Change(answers, nowUtc);
        return outcome.IsSuccess ? view : outcome.Error!;
    }

    public Outcome Change(RoomAnswers answers, DateTime nowUtc)
    {
        var better = string.IsNullOrWhiteSpace(answers.Better) ? null : answers.Better.Trim();
        if (answers.LikesRoom is null && answers.QuietEnough is null && answers.LikesSamePlace is null && better is null)
        {
            return new Error.Validation("LikesRoom", "Choose an answer to at least one question, or write what would make the room better.");
        }

        if (better is { Length: > BetterMaxLength })
        {
            return new Error.Validation("Better", $"Please make your idea shorter: up to {BetterMaxLength} letters.");
        }

        LikesRoom = answers.LikesRoom;
        QuietEnough = answers.QuietEnough;
        LikesSamePlace = answers.LikesSamePlace;
        Better = better;
        GivenAt = nowUtc;
        return Outcome.Ok;
    }

    public VoiceAnswer? AnswerTo(RoomQuestion q) => q switch
    {
        RoomQuestion.LikesRoom => LikesRoom,
        RoomQuestion.QuietEnough => QuietEnough,
        RoomQuestion.LikesSamePlace => LikesSamePlace,
    };
}

public sealed record RoomAnswers(VoiceAnswer? LikesRoom, VoiceAnswer? QuietEnough, VoiceAnswer? LikesSamePlace, string? Better);

internal sealed class RoomViewConfiguration : IEntityTypeConfiguration<RoomView>
{
    public void Configure(EntityTypeBuilder<RoomView> b)
    {
        b.ToTable("room_views");
        b.HasKey(v => v.Id);
        b.Property(v => v.LikesRoom).HasConversion<string>().HasMaxLength(10);
        b.Property(v => v.QuietEnough).HasConversion<string>().HasMaxLength(10);
        b.Property(v => v.LikesSamePlace).HasConversion<string>().HasMaxLength(10);
        b.Property(v => v.Better).HasMaxLength(RoomView.BetterMaxLength);
        b.HasIndex(v => new { v.PupilId, v.RoomId }).IsUnique();
        b.HasIndex(v => new { v.SchoolId, v.RoomId });
        b.HasOne<Schools.School>().WithMany().HasForeignKey(v => v.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupils.Pupil>().WithMany().HasForeignKey(v => v.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Rooms.Room>().WithMany().HasForeignKey(v => v.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}
