using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Caseload;

public enum MdtMeetingStatus
{
    /// <summary>The agenda is prepared; the meeting has not been recorded yet.</summary>
    Planned,

    /// <summary>Attendance, discussion, decisions and actions are recorded.</summary>
    Held,
}

/// <summary>The kinds of item the system puts on the weekly MDT agenda.</summary>
public enum AgendaItemKind
{
    NewReferral,
    ReadyForAllocation,
    NearingDisengagement,
    TomCheckDue,
    OutOfDateEhcp,
    SafeguardingFollowUp,

    /// <summary>A task of the 12-week cycle is due (situation analysis, goals, week 6 check, outcome measures, evaluation, termly review).</summary>
    CycleTaskDue,

    /// <summary>Sessions delivered fall short of what a pupil's EHCP specifies.</summary>
    EhcpShortfall,
    Other,
}

/// <summary>
/// The weekly multi-disciplinary team meeting (West Heath: "the multi-disciplinary therapy team
/// meet every week to discuss concerns, provide feedback, and share information"). The system
/// prepares the agenda; the meeting records who came, what was discussed and decided, and actions.
/// </summary>
public sealed class MdtMeeting : ISchoolOwned
{
    private readonly List<MdtAgendaItem> _agenda = [];

    private MdtMeeting()
    {
    }

    public Guid Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public MdtMeetingStatus Status { get; private set; }
    public string? Attendees { get; private set; }
    public string? Apologies { get; private set; }
    public string? DiscussionPoints { get; private set; }
    public string? Decisions { get; private set; }
    public DateTime PreparedAt { get; private set; }
    public Guid PreparedBy { get; private set; }
    public DateTime? RecordedAt { get; private set; }
    public Guid? RecordedBy { get; private set; }
    public IReadOnlyList<MdtAgendaItem> Agenda => _agenda;

    public static MdtMeeting Prepare(SchoolId school, DateOnly heldOn, IEnumerable<MdtAgendaItem> agenda, Guid by, DateTime now)
    {
        var meeting = new MdtMeeting
        {
            Id = Guid.CreateVersion7(),
            SchoolId = school,
            HeldOn = heldOn,
            Status = MdtMeetingStatus.Planned,
            PreparedAt = now,
            PreparedBy = by,
        };
        var order = 1;
        foreach (var item in agenda)
        {
            meeting._agenda.Add(item with { Order = order++ });
        }

        return meeting;
    }

    /// <summary>Records the meeting; it can be corrected later (minutes are often tidied after the meeting).</summary>
    public Outcome Record(string attendees, string? apologies, string? discussion, string? decisions, Guid by, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(attendees))
        {
            return new Error.Validation("Attendees", "Enter who attended the meeting");
        }

        Attendees = attendees;
        Apologies = apologies;
        DiscussionPoints = discussion;
        Decisions = decisions;
        Status = MdtMeetingStatus.Held;
        RecordedAt = now;
        RecordedBy = by;
        return Outcome.Ok;
    }
}

/// <summary>One item of a meeting's agenda, as it stood when the agenda was prepared.</summary>
public sealed record MdtAgendaItem(AgendaItemKind Kind, string Title, string? Detail, Common.PupilId? PupilId, Guid? ReferralId)
{
    public int Order { get; init; }
}

/// <summary>An action agreed at a meeting: it shows on its owner's home page until they mark it done.</summary>
public sealed class MdtAction : ISchoolOwned
{
    private MdtAction()
    {
    }

    public Guid Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public Guid MeetingId { get; private set; }
    public string Description { get; private set; } = "";
    public Guid OwnerUserId { get; private set; }
    public string OwnerName { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public DateTime? DoneAt { get; private set; }

    public bool IsDone => DoneAt is not null;

    public static MdtAction Agree(SchoolId school, Guid meeting, string description, Guid owner, string ownerName, DateOnly dueOn) => new()
    {
        Id = Guid.CreateVersion7(),
        SchoolId = school,
        MeetingId = meeting,
        Description = description,
        OwnerUserId = owner,
        OwnerName = ownerName,
        DueOn = dueOn,
    };

    public Outcome MarkDone(Guid by, DateTime now)
    {
        if (by != OwnerUserId)
        {
            return new Error.Forbidden("Only the person who owns an action can mark it done.");
        }

        if (IsDone)
        {
            return new Error.Conflict("This action is already done.");
        }

        DoneAt = now;
        return Outcome.Ok;
    }
}

internal sealed class MdtMeetingConfiguration : IEntityTypeConfiguration<MdtMeeting>
{
    public void Configure(EntityTypeBuilder<MdtMeeting> b)
    {
        b.ToTable("mdt_meetings");
        b.HasKey(m => m.Id);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.Attendees).HasMaxLength(2000);
        b.Property(m => m.Apologies).HasMaxLength(1000);
        b.Property(m => m.DiscussionPoints).HasMaxLength(8000);
        b.Property(m => m.Decisions).HasMaxLength(8000);
        b.HasIndex(m => new { m.SchoolId, m.HeldOn });
        b.HasOne<School>().WithMany().HasForeignKey(m => m.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.OwnsMany(m => m.Agenda, a =>
        {
            a.ToTable("mdt_agenda_items");
            a.WithOwner().HasForeignKey("MeetingId");
            a.Property<int>("Id");
            a.HasKey("Id");
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            a.Property(x => x.Title).HasMaxLength(300);
            a.Property(x => x.Detail).HasMaxLength(500);
            a.Property(x => x.Order).HasColumnName("position");
        });
        b.Navigation(m => m.Agenda).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MdtActionConfiguration : IEntityTypeConfiguration<MdtAction>
{
    public void Configure(EntityTypeBuilder<MdtAction> b)
    {
        b.ToTable("mdt_actions");
        b.HasKey(a => a.Id);
        b.Property(a => a.Description).HasMaxLength(500);
        b.Property(a => a.OwnerName).HasMaxLength(200);
        b.HasIndex(a => new { a.SchoolId, a.OwnerUserId, a.DoneAt });
        b.HasIndex(a => a.MeetingId);
        b.HasOne<MdtMeeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(a => a.IsDone);
    }
}
