using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Development;

/// <summary>How a supervision session was held.</summary>
internal enum SupervisionType
{
    Individual,
    Group,

    /// <summary>With an educational psychologist: what ELSAs and therapy assistants need each half term.</summary>
    EducationalPsychologist,
}

/// <summary>How often a practitioner must be supervised.</summary>
internal enum SupervisionFrequency
{
    Fortnightly,
    Monthly,
    HalfTermly,
    Termly,
}

internal static class SupervisionWords
{
    public static string Type(SupervisionType t) => t switch
    {
        SupervisionType.Individual => "Individual",
        SupervisionType.Group => "Group",
        SupervisionType.EducationalPsychologist => "With an educational psychologist",
    };

    public static string Frequency(SupervisionFrequency f) => f switch
    {
        SupervisionFrequency.Fortnightly => "Every fortnight",
        SupervisionFrequency.Monthly => "Every month",
        SupervisionFrequency.HalfTermly => "Every half term",
        SupervisionFrequency.Termly => "Every term",
    };

    /// <summary>
    /// When the next supervision is due after one on <paramref name="last"/>. A half term is taken as seven weeks
    /// and a term as fourteen (the school's own half terms vary by a week or two; a flag a few days early is the safe side).
    /// </summary>
    public static DateOnly NextDue(DateOnly last, SupervisionFrequency f) => f switch
    {
        SupervisionFrequency.Fortnightly => last.AddDays(14),
        SupervisionFrequency.Monthly => last.AddMonths(1),
        SupervisionFrequency.HalfTermly => last.AddDays(49),
        SupervisionFrequency.Termly => last.AddDays(98),
    };

    /// <summary>
    /// The default for a practitioner: monthly supervision for therapists; half-termly with an educational psychologist
    /// for ELSAs and therapy assistants (Serenity: "every therapist receives regular supervision").
    /// </summary>
    public static (SupervisionFrequency Frequency, SupervisionType? Type) DefaultFor(Discipline d) =>
        d is Discipline.Elsa or Discipline.TherapyAssistant
            ? (SupervisionFrequency.HalfTermly, SupervisionType.EducationalPsychologist)
            : (SupervisionFrequency.Monthly, null);
}

/// <summary>
/// A supervision session as recorded by its supervisor (or the Head of Therapy): when, who supervised, who was
/// supervised and how. Its notes are confidential to the supervisor and the supervisees: nobody else reads them,
/// the Head of Therapy included unless they took part; the date, type and people are what the overdue flags need.
/// </summary>
internal sealed class SupervisionSession : ISchoolOwned
{
    public const int NotesMaxLength = 4000;
    private readonly List<Supervisee> _supervisees = [];

    private SupervisionSession()
    {
    }

    public SupervisionId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public StaffId SupervisorId { get; private set; }
    public SupervisionType Type { get; private set; }
    public string? Notes { get; private set; }
    public Guid RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public IReadOnlyList<Supervisee> Supervisees => _supervisees;

    public bool TookPart(StaffId staff) => SupervisorId == staff || _supervisees.Any(s => s.StaffId == staff);

    /// <summary>Records a session; refuses a supervisee or supervisor who had left the school by then, a date to come, and notes too long.</summary>
    public static Result<SupervisionSession> Record(SchoolId school, DateOnly heldOn, StaffMember supervisor, IReadOnlyList<StaffMember> supervisees,
        SupervisionType type, string? notes, DateOnly today, Guid by, DateTime now)
    {
        if (heldOn > today)
        {
            return new Error.Validation("HeldOn", "Record a supervision session once it has happened: the date is in the future");
        }

        if (supervisor.LeftOn is { } supervisorLeft && supervisorLeft <= heldOn)
        {
            return new Error.Validation("SupervisorId", $"{supervisor.FullName} left the school on {supervisorLeft:d MMMM yyyy}: choose a supervisor who works here");
        }

        var people = supervisees.DistinctBy(s => s.Id).ToList();
        if (people.Count == 0)
        {
            return new Error.Validation("SuperviseeIds", "Choose who was supervised");
        }

        if (people.FirstOrDefault(s => s.LeftOn is { } left && left <= heldOn) is { } gone)
        {
            return new Error.Validation("SuperviseeIds", $"{gone.FullName} left the school on {gone.LeftOn:d MMMM yyyy}: a supervision session on {heldOn:d MMMM yyyy} cannot name them. Nothing was saved.");
        }

        if (people.Any(s => s.Id == supervisor.Id))
        {
            return new Error.Validation("SuperviseeIds", $"{supervisor.FullName} is the supervisor: take them off the supervisees");
        }

        if (type == SupervisionType.Individual && people.Count > 1)
        {
            return new Error.Validation("SuperviseeIds", "Individual supervision is with one person: choose one supervisee, or record a group session");
        }

        var text = TextRules.Tidy(notes);
        if (text is { Length: > NotesMaxLength })
        {
            return new Error.Validation("Notes", $"Keep the notes to {NotesMaxLength} characters");
        }

        if (text is not null && TextRules.FindForbiddenCharacter(text, multiLine: true) is { } bad)
        {
            return new Error.Validation("Notes", $"The notes contain {bad}: take it out");
        }

        var session = new SupervisionSession
        {
            Id = SupervisionId.New(), SchoolId = school, HeldOn = heldOn, SupervisorId = supervisor.Id, Type = type, Notes = text,
            RecordedBy = by, RecordedAt = now,
        };
        session._supervisees.AddRange(people.Select(p => new Supervisee(p.Id)));
        return session;
    }
}

/// <summary>One person supervised in a session.</summary>
internal sealed record Supervisee(StaffId StaffId);

/// <summary>A practitioner's required supervision where the Head of Therapy changed it from the default for their discipline.</summary>
internal sealed class SupervisionRequirement : ISchoolOwned
{
    private SupervisionRequirement()
    {
    }

    public SupervisionRequirementId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public StaffId StaffId { get; private set; }
    public SupervisionFrequency Frequency { get; private set; }

    /// <summary>The kind of session that counts (null: any).</summary>
    public SupervisionType? RequiredType { get; private set; }

    public static SupervisionRequirement For(SchoolId school, StaffId staff, SupervisionFrequency frequency, SupervisionType? type) =>
        new() { Id = SupervisionRequirementId.New(), SchoolId = school, StaffId = staff, Frequency = frequency, RequiredType = type };

    public void Change(SupervisionFrequency frequency, SupervisionType? type)
    {
        Frequency = frequency;
        RequiredType = type;
    }
}

/// <summary>A member of staff asking for individual supervision (Serenity: "some staff voluntarily ask for support").</summary>
internal sealed class SupervisionRequest : ISchoolOwned
{
    public const int TextMaxLength = 1000;

    private SupervisionRequest()
    {
    }

    public SupervisionRequestId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public StaffId StaffId { get; private set; }
    public string? Message { get; private set; }
    public DateTime AskedAt { get; private set; }
    public string? Answer { get; private set; }
    public DateTime? AnsweredAt { get; private set; }
    public Guid? AnsweredBy { get; private set; }

    public static Result<SupervisionRequest> Ask(SchoolId school, StaffId staff, string? message, DateTime now)
    {
        var text = TextRules.Tidy(message);
        if (text is { Length: > TextMaxLength })
        {
            return new Error.Validation("Message", $"Keep it to {TextMaxLength} characters");
        }

        if (text is not null && TextRules.FindForbiddenCharacter(text, multiLine: true) is { } bad)
        {
            return new Error.Validation("Message", $"The message contains {bad}: take it out");
        }

        return new SupervisionRequest { Id = SupervisionRequestId.New(), SchoolId = school, StaffId = staff, Message = text, AskedAt = now };
    }

    public Outcome Respond(string? answer, Guid by, DateTime now)
    {
        if (AnsweredAt is not null)
        {
            return new Error.Conflict("This request has already been answered.");
        }

        var text = TextRules.Tidy(answer);
        if (text is null)
        {
            return new Error.Validation("Answer", "Write your answer: when and with whom the supervision will be");
        }

        if (text.Length > TextMaxLength || TextRules.FindForbiddenCharacter(text, multiLine: true) is not null)
        {
            return new Error.Validation("Answer", $"Keep the answer to {TextMaxLength} characters of plain text");
        }

        Answer = text;
        AnsweredAt = now;
        AnsweredBy = by;
        return Outcome.Ok;
    }
}

internal sealed class SupervisionSessionConfiguration : IEntityTypeConfiguration<SupervisionSession>
{
    public void Configure(EntityTypeBuilder<SupervisionSession> b)
    {
        b.ToTable("supervision_sessions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Notes).HasMaxLength(SupervisionSession.NotesMaxLength);
        b.HasIndex(x => new { x.SchoolId, x.HeldOn });
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Supervisees, s =>
        {
            s.ToTable("supervision_supervisees");
            s.WithOwner().HasForeignKey("SupervisionId");
            s.Property<int>("Id");
            s.HasKey("Id");
            s.HasIndex(x => x.StaffId);
            s.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(x => x.Supervisees).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SupervisionRequirementConfiguration : IEntityTypeConfiguration<SupervisionRequirement>
{
    public void Configure(EntityTypeBuilder<SupervisionRequirement> b)
    {
        b.ToTable("supervision_requirements");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Frequency).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.RequiredType).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(x => x.StaffId).IsUnique();
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupervisionRequestConfiguration : IEntityTypeConfiguration<SupervisionRequest>
{
    public void Configure(EntityTypeBuilder<SupervisionRequest> b)
    {
        b.ToTable("supervision_requests");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Message).HasMaxLength(SupervisionRequest.TextMaxLength);
        b.Property(x => x.Answer).HasMaxLength(SupervisionRequest.TextMaxLength);
        b.HasIndex(x => x.StaffId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}
