using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Development;

/// <summary>What is sent to add a CPD record (the evidence file comes separately, from the page).</summary>
internal sealed record CpdInput(string? Title, DateOnly? TookOn, decimal? Hours, string? Provider, string? Reflection);

/// <summary>An evidence file as uploaded: a certificate or handout (PDF, PNG or JPEG, up to <see cref="CpdRecord.EvidenceMaxBytes"/>).</summary>
internal sealed record CpdEvidence(string FileName, byte[] Content);

/// <summary>
/// A member of staff's continuing professional development: a course, conference or training they took part in, its hours,
/// who provided it, what they took from it, and optionally a certificate. Seen by the person and the Head of Therapy.
/// </summary>
internal sealed class CpdRecord : ISchoolOwned
{
    public const int TitleMaxLength = 200;
    public const int ProviderMaxLength = 200;
    public const int ReflectionMaxLength = 4000;
    public const int EvidenceMaxBytes = 2 * 1024 * 1024;

    private CpdRecord()
    {
    }

    public CpdRecordId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public StaffId StaffId { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly TookOn { get; private set; }
    public decimal Hours { get; private set; }
    public string? Provider { get; private set; }
    public string? Reflection { get; private set; }
    public string? EvidenceName { get; private set; }
    public string? EvidenceType { get; private set; }
    public byte[]? Evidence { get; private set; }
    public DateTime RecordedAt { get; private set; }

    public static Result<CpdRecord> Add(SchoolId school, StaffId staff, CpdInput input, CpdEvidence? evidence, DateOnly today, DateTime now)
    {
        var errors = new List<FieldError>();
        var title = TextRules.Tidy(input.Title);
        if (title is null)
        {
            errors.Add(new("Title", "Enter the title of the training or course"));
        }
        else if (title.Length > TitleMaxLength || TextRules.FindForbiddenCharacter(title, multiLine: false) is not null)
        {
            errors.Add(new("Title", $"Keep the title to {TitleMaxLength} characters on one line"));
        }

        if (input.TookOn is not { } on)
        {
            errors.Add(new("TookOn", "Enter the date"));
        }
        else if (on > today)
        {
            errors.Add(new("TookOn", "Record CPD once it has happened: the date is in the future"));
        }

        if (input.Hours is not { } hours || hours <= 0 || hours > 200 || decimal.Round(hours, 2) != hours)
        {
            errors.Add(new("Hours", "Enter the hours, from 0.25 to 200"));
        }

        var provider = TextRules.Tidy(input.Provider);
        if (provider is { Length: > ProviderMaxLength } || (provider is not null && TextRules.FindForbiddenCharacter(provider, multiLine: false) is not null))
        {
            errors.Add(new("Provider", $"Keep the provider to {ProviderMaxLength} characters on one line"));
        }

        var reflection = TextRules.Tidy(input.Reflection);
        if (reflection is { Length: > ReflectionMaxLength } || (reflection is not null && TextRules.FindForbiddenCharacter(reflection, multiLine: true) is not null))
        {
            errors.Add(new("Reflection", $"Keep the reflection to {ReflectionMaxLength} characters of plain text"));
        }

        string? type = null;
        if (evidence is not null)
        {
            type = EvidenceTypeOf(evidence.Content);
            if (evidence.Content.Length == 0 || evidence.Content.Length > EvidenceMaxBytes)
            {
                errors.Add(new("Evidence", "The evidence file must be smaller than 2 MB"));
            }
            else if (type is null)
            {
                errors.Add(new("Evidence", "The evidence must be a PDF, PNG or JPEG file (a certificate or a scan)"));
            }
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var name = evidence is null ? null : SafeName(evidence.FileName, type!);
        return new CpdRecord
        {
            Id = CpdRecordId.New(), SchoolId = school, StaffId = staff, Title = title!, TookOn = input.TookOn!.Value, Hours = input.Hours!.Value,
            Provider = provider, Reflection = reflection, EvidenceName = name, EvidenceType = type, Evidence = evidence?.Content, RecordedAt = now,
        };
    }

    /// <summary>The file's type from its first bytes (never from its name): PDF, PNG or JPEG, or null.</summary>
    public static string? EvidenceTypeOf(byte[] content) => content switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        _ => null,
    };

    private static string SafeName(string raw, string type)
    {
        var stem = new string(Path.GetFileNameWithoutExtension(raw).Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').ToArray()).Trim();
        stem = stem.Length == 0 ? "evidence" : stem[..Math.Min(stem.Length, 80)];
        return stem + type switch { "application/pdf" => ".pdf", "image/png" => ".png", _ => ".jpg" };
    }
}

/// <summary>
/// Training the therapy team delivers to school staff (Serenity: "CPD for SEMH awareness and key indicators, emotional literacy,
/// and how different types of therapy work"): what, when, who delivered it, and who of the staff invited attended.
/// </summary>
internal sealed class StaffTraining : ISchoolOwned
{
    public const int TitleMaxLength = 200;
    private readonly List<TrainingAttendee> _attendees = [];

    private StaffTraining()
    {
    }

    public StaffTrainingId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly DeliveredOn { get; private set; }
    public decimal Hours { get; private set; }
    public StaffId DeliveredBy { get; private set; }
    public IReadOnlyList<TrainingAttendee> Attendees => _attendees;
    public DateTime RecordedAt { get; private set; }

    public static Result<StaffTraining> Record(SchoolId school, string? title, DateOnly? on, decimal? hours, StaffMember? deliveredBy,
        IReadOnlyList<StaffMember> invited, IReadOnlySet<StaffId> attended, DateOnly today, DateTime now)
    {
        var errors = new List<FieldError>();
        var t = TextRules.Tidy(title);
        if (t is null)
        {
            errors.Add(new("Title", "Enter what the training was, e.g. SEMH awareness"));
        }
        else if (t.Length > TitleMaxLength || TextRules.FindForbiddenCharacter(t, multiLine: false) is not null)
        {
            errors.Add(new("Title", $"Keep the title to {TitleMaxLength} characters on one line"));
        }

        if (on is not { } date)
        {
            errors.Add(new("DeliveredOn", "Enter the date"));
        }
        else if (date > today)
        {
            errors.Add(new("DeliveredOn", "Record the training once it has been delivered: the date is in the future"));
        }

        if (hours is not { } h || h <= 0 || h > 40)
        {
            errors.Add(new("Hours", "Enter the hours, from 0.25 to 40"));
        }

        if (deliveredBy is null)
        {
            errors.Add(new("DeliveredBy", "Choose who delivered it"));
        }

        if (invited.Count == 0)
        {
            errors.Add(new("Invited", "Choose the staff who were invited"));
        }
        else if (on is { } d && invited.FirstOrDefault(s => s.LeftOn is { } left && left <= d) is { } gone)
        {
            errors.Add(new("Invited", $"{gone.FullName} left the school on {gone.LeftOn:d MMMM yyyy}: take them off the list"));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var training = new StaffTraining
        {
            Id = StaffTrainingId.New(), SchoolId = school, Title = t!, DeliveredOn = on!.Value, Hours = hours!.Value, DeliveredBy = deliveredBy!.Id, RecordedAt = now,
        };
        training._attendees.AddRange(invited.DistinctBy(s => s.Id).Select(s => new TrainingAttendee(s.Id, attended.Contains(s.Id))));
        return training;
    }
}

/// <summary>A member of staff invited to a training session, and whether they attended.</summary>
internal sealed record TrainingAttendee(StaffId StaffId, bool Attended);

internal sealed class CpdRecordConfiguration : IEntityTypeConfiguration<CpdRecord>
{
    public void Configure(EntityTypeBuilder<CpdRecord> b)
    {
        b.ToTable("cpd_records");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(CpdRecord.TitleMaxLength);
        b.Property(x => x.Provider).HasMaxLength(CpdRecord.ProviderMaxLength);
        b.Property(x => x.Reflection).HasMaxLength(CpdRecord.ReflectionMaxLength);
        b.Property(x => x.EvidenceName).HasMaxLength(100);
        b.Property(x => x.EvidenceType).HasMaxLength(40);
        b.HasIndex(x => x.StaffId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffTrainingConfiguration : IEntityTypeConfiguration<StaffTraining>
{
    public void Configure(EntityTypeBuilder<StaffTraining> b)
    {
        b.ToTable("staff_trainings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(StaffTraining.TitleMaxLength);
        b.HasIndex(x => new { x.SchoolId, x.DeliveredOn });
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.DeliveredBy).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Attendees, a =>
        {
            a.ToTable("staff_training_attendees");
            a.WithOwner().HasForeignKey("TrainingId");
            a.Property<int>("Id");
            a.HasKey("Id");
            a.HasIndex(x => x.StaffId);
            a.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Navigation(x => x.Attendees).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
