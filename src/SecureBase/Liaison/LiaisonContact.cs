using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Liaison;

/// <summary>Who the therapy team was in contact with about a pupil (West Heath section 2: CAMHS, the local authority, families).</summary>
internal enum ContactParty
{
    ParentCarer,
    Camhs,
    LocalAuthority,
    ChildrensSocialCare,
    Gp,
    Paediatrician,
    PreviousSchool,
    Other,
}

/// <summary>How the contact was made.</summary>
internal enum ContactMethod
{
    Phone,
    Email,
    Meeting,
    Letter,

    /// <summary>A message sent through the parent portal (logged by SecureBase itself).</summary>
    PortalMessage,
    Other,
}

internal static class ContactWords
{
    public static readonly ContactParty[] Parties = Enum.GetValues<ContactParty>();
    public static readonly ContactMethod[] Methods = [ContactMethod.Phone, ContactMethod.Email, ContactMethod.Meeting, ContactMethod.Letter, ContactMethod.Other];

    public static string Of(ContactParty p) => p switch
    {
        ContactParty.ParentCarer => "Parent or carer",
        ContactParty.Camhs => "CAMHS",
        ContactParty.LocalAuthority => "Local authority",
        ContactParty.ChildrensSocialCare => "Children's social care",
        ContactParty.Gp => "GP",
        ContactParty.Paediatrician => "Paediatrician",
        ContactParty.PreviousSchool => "Previous school",
        _ => "Other",
    };

    public static string Of(ContactMethod m) => m switch
    {
        ContactMethod.Phone => "Phone",
        ContactMethod.Email => "Email",
        ContactMethod.Meeting => "Meeting",
        ContactMethod.Letter => "Letter",
        ContactMethod.PortalMessage => "Message through the parent portal",
        _ => "Other",
    };
}

/// <summary>What a member of the therapy team writes about one contact.</summary>
internal sealed record ContactInput(
    DateOnly? OccurredOn,
    ContactParty? Party,
    string? WhoName,
    string? WhoRole,
    string? Organisation,
    ContactMethod? Method,
    string? Summary,
    string? FollowUp,
    Guid? FollowUpBy,
    DateOnly? FollowUpDue);

/// <summary>
/// One entry in a pupil's contact log: a contact with an agency or with the family, who it was with, how, what
/// was said, and a follow-up (what, by whom, by when) that is marked done. Entries are not edited: the log is a record.
/// </summary>
internal sealed class LiaisonContact : ISchoolOwned
{
    public const int NameMaxLength = 200;
    public const int SummaryMaxLength = 4000;
    public const int FollowUpMaxLength = 1000;

    private LiaisonContact()
    {
    }

    public LiaisonContactId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public ContactParty Party { get; private set; }
    public string WhoName { get; private set; } = "";
    public string? WhoRole { get; private set; }
    public string? Organisation { get; private set; }
    public ContactMethod Method { get; private set; }
    public string Summary { get; private set; } = "";
    public string? FollowUp { get; private set; }
    public Guid? FollowUpBy { get; private set; }
    public string? FollowUpByName { get; private set; }
    public DateOnly? FollowUpDue { get; private set; }
    public DateTime? FollowUpDoneAt { get; private set; }
    public string? FollowUpDoneByName { get; private set; }

    /// <summary>The parent's message this contact logs, when it was logged by SecureBase.</summary>
    public FamilyMessageId? MessageId { get; private set; }
    public Guid RecordedBy { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    public bool FollowUpOpen => FollowUp is not null && FollowUpDoneAt is null;

    /// <summary>
    /// Logs a contact. <paramref name="team"/> are the people a follow-up may be given to (the pupil's therapy team),
    /// by user id with their names.
    /// </summary>
    public static Result<LiaisonContact> Log(SchoolId school, PupilId pupil, ContactInput input, IReadOnlyDictionary<Guid, string> team, DateOnly today, Guid by, string byName, DateTime now)
    {
        var errors = new List<FieldError>();
        if (input.OccurredOn is not { } on)
        {
            errors.Add(new("OccurredOn", "Enter the date of the contact"));
        }
        else if (on > today)
        {
            errors.Add(new("OccurredOn", "The contact's date cannot be in the future"));
        }

        if (input.Party is not { } party || !Enum.IsDefined(party))
        {
            errors.Add(new("Party", "Choose who the contact was with"));
        }

        if (input.Method is not { } method || !Enum.IsDefined(method) || method == ContactMethod.PortalMessage)
        {
            errors.Add(new("Method", "Choose how the contact was made"));
        }

        var who = LiaisonText.Check(errors, "WhoName", input.WhoName, NameMaxLength, "the name of the person you were in contact with", required: true, multiLine: false);
        var role = LiaisonText.Check(errors, "WhoRole", input.WhoRole, NameMaxLength, "their role", required: false, multiLine: false);
        var organisation = LiaisonText.Check(errors, "Organisation", input.Organisation, NameMaxLength, "the organisation", required: false, multiLine: false);
        var summary = LiaisonText.Check(errors, "Summary", input.Summary, SummaryMaxLength, "a summary of the contact", required: true);
        var followUp = LiaisonText.Check(errors, "FollowUp", input.FollowUp, FollowUpMaxLength, "the follow-up", required: false);
        string? followUpName = null;
        if (followUp is not null)
        {
            if (input.FollowUpBy is not { } owner || !team.TryGetValue(owner, out followUpName))
            {
                errors.Add(new("FollowUpBy", "Choose who in the pupil's therapy team will follow it up"));
            }

            if (input.FollowUpDue is not { } due)
            {
                errors.Add(new("FollowUpDue", "Enter the date the follow-up is due by"));
            }
            else if (input.OccurredOn is { } happened && due < happened)
            {
                errors.Add(new("FollowUpDue", "The follow-up cannot be due before the contact happened"));
            }
        }
        else if (input.FollowUpBy is not null || input.FollowUpDue is not null)
        {
            errors.Add(new("FollowUp", "Say what the follow-up is, or leave its person and date empty"));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        return new LiaisonContact
        {
            Id = LiaisonContactId.New(), SchoolId = school, PupilId = pupil, OccurredOn = input.OccurredOn!.Value, Party = input.Party!.Value,
            WhoName = who!, WhoRole = role, Organisation = organisation, Method = input.Method!.Value, Summary = summary!,
            FollowUp = followUp, FollowUpBy = followUp is null ? null : input.FollowUpBy, FollowUpByName = followUpName,
            FollowUpDue = followUp is null ? null : input.FollowUpDue, RecordedBy = by, RecordedByName = byName, RecordedAt = now,
        };
    }

    /// <summary>The contact a parent's message makes, logged by SecureBase when the message arrives.</summary>
    public static LiaisonContact FromMessage(FamilyMessage message, string subject)
    {
        return new LiaisonContact
        {
            Id = LiaisonContactId.New(), SchoolId = message.SchoolId, PupilId = message.PupilId, OccurredOn = message.SentOn, Party = ContactParty.ParentCarer,
            WhoName = message.AuthorName, Method = ContactMethod.PortalMessage,
            Summary = $"Message from {message.AuthorName}: {subject}", MessageId = message.Id,
            RecordedBy = message.AuthorUserId, RecordedByName = message.AuthorName, RecordedAt = message.SentAt,
        };
    }

    public Outcome MarkFollowUpDone(string byName, DateTime now)
    {
        if (FollowUp is null)
        {
            return new Error.Conflict("This contact has no follow-up to mark done.");
        }

        if (FollowUpDoneAt is not null)
        {
            return new Error.Conflict($"This follow-up was already marked done by {FollowUpDoneByName}.");
        }

        FollowUpDoneAt = now;
        FollowUpDoneByName = byName;
        return Outcome.Ok;
    }
}

internal sealed class LiaisonContactConfiguration : IEntityTypeConfiguration<LiaisonContact>
{
    public void Configure(EntityTypeBuilder<LiaisonContact> b)
    {
        b.ToTable("liaison_contacts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Party).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.WhoName).HasMaxLength(LiaisonContact.NameMaxLength);
        b.Property(x => x.WhoRole).HasMaxLength(LiaisonContact.NameMaxLength);
        b.Property(x => x.Organisation).HasMaxLength(LiaisonContact.NameMaxLength);
        b.Property(x => x.Summary).HasMaxLength(LiaisonContact.SummaryMaxLength);
        b.Property(x => x.FollowUp).HasMaxLength(LiaisonContact.FollowUpMaxLength);
        b.Property(x => x.FollowUpByName).HasMaxLength(200);
        b.Property(x => x.FollowUpDoneByName).HasMaxLength(200);
        b.Property(x => x.RecordedByName).HasMaxLength(200);
        b.HasIndex(x => x.PupilId);
        b.HasIndex(x => x.FollowUpBy);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupils.Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
    }
}
