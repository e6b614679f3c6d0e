using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Liaison;

/// <summary>
/// A message between a parent or carer and the therapy team about their child (West Heath: "parents/carers are able
/// to have direct telephone/email contact"). A parent starts a conversation from the portal; the pupil's practitioners
/// and the Head of Therapy read it and reply, and the reply shows in the parent's portal. Messages are not edited.
/// </summary>
internal sealed class FamilyMessage : ISchoolOwned
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 4000;

    private FamilyMessage()
    {
    }

    public FamilyMessageId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }

    /// <summary>The first message of the conversation (its own id for the first).</summary>
    public FamilyMessageId ThreadId { get; private set; }

    /// <summary>True for a parent's message; false for the therapy team's reply.</summary>
    public bool FromFamily { get; private set; }
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public Guid AuthorUserId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateOnly SentOn { get; private set; }
    public DateTime SentAt { get; private set; }

    /// <summary>A parent's new message to the therapy team about their child.</summary>
    public static Result<FamilyMessage> FromParent(SchoolId school, PupilId pupil, string? subject, string? body, Guid by, string byName, DateOnly today, DateTime now)
    {
        var errors = new List<FieldError>();
        var s = LiaisonText.Check(errors, "Subject", subject, SubjectMaxLength, "a subject", required: true, multiLine: false);
        var b = LiaisonText.Check(errors, "Body", body, BodyMaxLength, "your message", required: true);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var id = FamilyMessageId.New();
        return new FamilyMessage
        {
            Id = id, ThreadId = id, SchoolId = school, PupilId = pupil, FromFamily = true, Subject = s!, Body = b!,
            AuthorUserId = by, AuthorName = byName, SentOn = today, SentAt = now,
        };
    }

    /// <summary>The therapy team's reply to this conversation.</summary>
    public Result<FamilyMessage> Reply(string? body, Guid by, string byName, DateOnly today, DateTime now)
    {
        var errors = new List<FieldError>();
        var b = LiaisonText.Check(errors, "Body", body, BodyMaxLength, "your reply", required: true);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        return new FamilyMessage
        {
            Id = FamilyMessageId.New(), ThreadId = ThreadId, SchoolId = SchoolId, PupilId = PupilId, FromFamily = false, Subject = Subject, Body = b!,
            AuthorUserId = by, AuthorName = byName, SentOn = today, SentAt = now,
        };
    }
}

internal sealed class FamilyMessageConfiguration : IEntityTypeConfiguration<FamilyMessage>
{
    public void Configure(EntityTypeBuilder<FamilyMessage> b)
    {
        b.ToTable("family_messages");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Subject).HasMaxLength(FamilyMessage.SubjectMaxLength);
        b.Property(x => x.Body).HasMaxLength(FamilyMessage.BodyMaxLength);
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.HasIndex(x => x.PupilId);
        b.HasIndex(x => x.ThreadId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupils.Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
    }
}
