using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Liaison;

/// <summary>What is written about a meeting with a family: when and where, the agenda, who came, and notes for the team.</summary>
internal sealed record FamilyMeetingInput(DateOnly? HeldOn, string? Place, string? Agenda, string? FamilyAttendees, string? StaffAttendees, string? OtherAttendees, string? TeamNotes);

/// <summary>
/// A meeting with a pupil's family, in the meeting-spaces guide's stance: a planned agenda, the people in the room,
/// private notes for the therapy team (never shared), and a summary written for the family in plain words
/// (<see cref="FamilySummary"/>), which reaches the parent portal only once approved.
/// </summary>
internal sealed class FamilyMeeting : ISchoolOwned
{
    public const int PlaceMaxLength = 200;
    public const int AgendaMaxLength = 2000;
    public const int AttendeesMaxLength = 1000;
    public const int NotesMaxLength = 6000;

    private FamilyMeeting()
    {
    }

    public FamilyMeetingId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public PupilId PupilId { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public string Place { get; private set; } = "";
    public string Agenda { get; private set; } = "";
    public string FamilyAttendees { get; private set; } = "";
    public string? StaffAttendees { get; private set; }
    public string? OtherAttendees { get; private set; }

    /// <summary>For the therapy team only: never on the parent portal or the parents' evening sheet.</summary>
    public string? TeamNotes { get; private set; }
    public Guid RecordedBy { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    public static Result<FamilyMeeting> Record(SchoolId school, PupilId pupil, FamilyMeetingInput input, DateOnly today, Guid by, string byName, DateTime now)
    {
        var errors = new List<FieldError>();
        if (input.HeldOn is not { } on)
        {
            errors.Add(new("HeldOn", "Enter the date of the meeting"));
        }
        else if (on > today.AddYears(1))
        {
            errors.Add(new("HeldOn", "The meeting's date is more than a year away: check the year"));
        }

        var place = LiaisonText.Check(errors, "Place", input.Place, PlaceMaxLength, "where the meeting is held", required: true, multiLine: false);
        var agenda = LiaisonText.Check(errors, "Agenda", input.Agenda, AgendaMaxLength, "the agenda", required: true);
        var family = LiaisonText.Check(errors, "FamilyAttendees", input.FamilyAttendees, AttendeesMaxLength, "the family members who attend", required: true);
        var staff = LiaisonText.Check(errors, "StaffAttendees", input.StaffAttendees, AttendeesMaxLength, "the staff who attend", required: false);
        var others = LiaisonText.Check(errors, "OtherAttendees", input.OtherAttendees, AttendeesMaxLength, "the others who attend", required: false);
        var notes = LiaisonText.Check(errors, "TeamNotes", input.TeamNotes, NotesMaxLength, "the notes for the team", required: false);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        return new FamilyMeeting
        {
            Id = FamilyMeetingId.New(), SchoolId = school, PupilId = pupil, HeldOn = input.HeldOn!.Value, Place = place!, Agenda = agenda!,
            FamilyAttendees = family!, StaffAttendees = staff, OtherAttendees = others, TeamNotes = notes,
            RecordedBy = by, RecordedByName = byName, RecordedAt = now,
        };
    }
}

internal enum SummaryStatus
{
    Draft,
    Approved,
}

/// <summary>
/// One version of a family meeting's summary, written for the family in plain words. A draft is read by the
/// therapy team only; it is approved by the practitioner who wrote it or the Head of Therapy, and then the family
/// reads it in the portal. An approved summary never changes: editing it makes the next version, a draft, and the
/// approved one stays what the family sees until the new one is approved.
/// </summary>
internal sealed class FamilySummary : ISchoolOwned
{
    public const int TextMaxLength = 4000;

    private FamilySummary()
    {
    }

    public FamilySummaryId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public FamilyMeetingId MeetingId { get; private set; }
    public PupilId PupilId { get; private set; }
    public int Version { get; private set; }
    public SummaryStatus Status { get; private set; }
    public string Text { get; private set; } = "";
    public Guid WrittenBy { get; private set; }
    public string WrittenByName { get; private set; } = "";
    public DateTime WrittenAt { get; private set; }
    public string? ApprovedByName { get; private set; }
    public DateTime? ApprovedAt { get; private set; }

    public bool IsApproved => Status == SummaryStatus.Approved;

    /// <summary>
    /// Writes the summary: the first version, a draft changed in place, or (when <paramref name="latest"/> is approved)
    /// the next version as a draft.
    /// </summary>
    public static Result<FamilySummary> Write(FamilyMeeting meeting, FamilySummary? latest, string? text, Guid by, string byName, DateTime now)
    {
        var errors = new List<FieldError>();
        var t = LiaisonText.Check(errors, "Text", text, TextMaxLength, "the summary for the family", required: true);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        if (latest is { IsApproved: false })
        {
            latest.Text = t!;
            latest.WrittenBy = by;
            latest.WrittenByName = byName;
            latest.WrittenAt = now;
            return latest;
        }

        return new FamilySummary
        {
            Id = FamilySummaryId.New(), SchoolId = meeting.SchoolId, MeetingId = meeting.Id, PupilId = meeting.PupilId,
            Version = (latest?.Version ?? 0) + 1, Status = SummaryStatus.Draft, Text = t!, WrittenBy = by, WrittenByName = byName, WrittenAt = now,
        };
    }

    /// <summary>Approves the draft so the family may read it: the practitioner who wrote it, or the Head of Therapy.</summary>
    public Outcome Approve(Guid by, string byName, bool isHeadOfTherapy, DateTime now)
    {
        if (IsApproved)
        {
            return new Error.Conflict($"Version {Version} of this summary is already approved; to change it, edit it and approve the new version.");
        }

        if (by != WrittenBy && !isHeadOfTherapy)
        {
            return new Error.Forbidden($"Only {WrittenByName}, who wrote this summary, or the Head of Therapy can approve it.");
        }

        Status = SummaryStatus.Approved;
        ApprovedByName = byName;
        ApprovedAt = now;
        return Outcome.Ok;
    }
}

internal sealed class FamilyMeetingConfiguration : IEntityTypeConfiguration<FamilyMeeting>
{
    public void Configure(EntityTypeBuilder<FamilyMeeting> b)
    {
        b.ToTable("family_meetings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Place).HasMaxLength(FamilyMeeting.PlaceMaxLength);
        b.Property(x => x.Agenda).HasMaxLength(FamilyMeeting.AgendaMaxLength);
        b.Property(x => x.FamilyAttendees).HasMaxLength(FamilyMeeting.AttendeesMaxLength);
        b.Property(x => x.StaffAttendees).HasMaxLength(FamilyMeeting.AttendeesMaxLength);
        b.Property(x => x.OtherAttendees).HasMaxLength(FamilyMeeting.AttendeesMaxLength);
        b.Property(x => x.TeamNotes).HasMaxLength(FamilyMeeting.NotesMaxLength);
        b.Property(x => x.RecordedByName).HasMaxLength(200);
        b.HasIndex(x => x.PupilId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupils.Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FamilySummaryConfiguration : IEntityTypeConfiguration<FamilySummary>
{
    public void Configure(EntityTypeBuilder<FamilySummary> b)
    {
        b.ToTable("family_summaries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Text).HasMaxLength(FamilySummary.TextMaxLength);
        b.Property(x => x.WrittenByName).HasMaxLength(200);
        b.Property(x => x.ApprovedByName).HasMaxLength(200);
        b.HasIndex(x => x.PupilId);
        b.HasIndex(x => new { x.MeetingId, x.Version }).IsUnique();
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<FamilyMeeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupils.Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
    }
}
