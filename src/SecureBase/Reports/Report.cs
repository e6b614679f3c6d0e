using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Reports;

[TypeConverter(typeof(EntityIdTypeConverter<ReportId>))]
public readonly record struct ReportId(Guid Value) : IEntityId<ReportId>, IParsable<ReportId>
{
    public static ReportId New() => new(Guid.CreateVersion7());
    public static ReportId From(Guid value) => new(value);
    public static ReportId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ReportId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>The four reports of the seeds (issue 12).</summary>
internal enum ReportKind
{
    /// <summary>Westbourne: "Reports will also be produced half termly", for parents and staff.</summary>
    HalfTermlyProgress,

    /// <summary>West Heath: the therapy contribution to an EHCP pupil's annual review.</summary>
    AnnualReviewContribution,

    /// <summary>Serenity: the outcome measurement report of week 11.</summary>
    OutcomeMeasurement,

    /// <summary>Serenity: the final evaluation of week 12.</summary>
    FinalEvaluation,
}

/// <summary>Who a report may be shared with (Westbourne: "the individual pupil, parents, members of staff and other professionals").</summary>
[Flags]
internal enum ReportAudience
{
    None = 0,
    ParentsCarers = 1,
    Pupil = 2,

    /// <summary>School staff: the SENDCo and the pupil's teachers.</summary>
    SchoolStaff = 4,

    /// <summary>Other professionals, each named on the report.</summary>
    OtherProfessionals = 8,
    LocalAuthority = 16,
}

internal enum ReportStatus
{
    Draft,
    Approved,
}

internal static class ReportWords
{
    public static readonly ReportKind[] Kinds = Enum.GetValues<ReportKind>();
    public static readonly ReportAudience[] Audiences = [ReportAudience.ParentsCarers, ReportAudience.Pupil, ReportAudience.SchoolStaff, ReportAudience.OtherProfessionals, ReportAudience.LocalAuthority];

    public static string Of(ReportKind kind) => kind switch
    {
        ReportKind.HalfTermlyProgress => "Half-termly progress report",
        ReportKind.AnnualReviewContribution => "Annual review contribution",
        ReportKind.OutcomeMeasurement => "Outcome measurement report (week 11)",
        _ => "Final evaluation (week 12)",
    };

    public static string Of(ReportAudience one) => one switch
    {
        ReportAudience.ParentsCarers => "Parents and carers",
        ReportAudience.Pupil => "The pupil",
        ReportAudience.SchoolStaff => "School staff (the SENDCo and teachers)",
        ReportAudience.OtherProfessionals => "Other professionals (named)",
        ReportAudience.LocalAuthority => "The local authority",
        _ => "",
    };

    public static string List(ReportAudience audience, string? professionals) =>
        string.Join("; ", Audiences.Where(a => audience.HasFlag(a))
            .Select(a => a == ReportAudience.OtherProfessionals && !string.IsNullOrWhiteSpace(professionals)
                ? "Other professionals: " + string.Join(", ", Professionals(professionals))
                : Of(a)));

    public static IReadOnlyList<string> Professionals(string? text) =>
        (text ?? "").Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Of(ReportStatus status) => status == ReportStatus.Approved ? "Approved" : "Draft (only the therapy team can read it)";
}

/// <summary>What the practitioner writes: the kind, the period, the summary for its audience, recommendations and who may read it.</summary>
internal sealed record ReportContent(
    ReportKind? Kind,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    string? Summary,
    string? Recommendations,
    ReportAudience Audience,
    string? OtherProfessionals);

/// <summary>The pupil's circle, as the report rules need it: whom a report about them may go to.</summary>
internal sealed record ReportCircle(string PupilName, bool HasParents, bool HasEhcp, bool CareExperienced);

/// <summary>
/// A report on one episode of therapy. Written from the structured record (the frozen
/// <see cref="Facts"/>) and the practitioner's summary for its audience; never from session notes.
/// A draft is read only by the therapy team; once approved (by the practitioner or the Head of
/// Therapy) it cannot change: an edit makes the next version, a draft again, and the approved
/// version stays readable to its audience.
/// </summary>
internal sealed class Report : ISchoolOwned
{
    public const int SummaryMaxLength = 6000;
    public const int RecommendationsMaxLength = 3000;
    public const int ProfessionalsMaxLength = 500;

    private Report()
    {
    }

    public ReportId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public EpisodeId EpisodeId { get; private set; }
    public PupilId PupilId { get; private set; }
    public ReportKind Kind { get; private set; }

    /// <summary>The first version's id: every version of one report shares it.</summary>
    public ReportId SeriesId { get; private set; }
    public int Version { get; private set; }
    public ReportStatus Status { get; private set; }
    public DateOnly PeriodFrom { get; private set; }
    public DateOnly PeriodTo { get; private set; }
    public string Summary { get; private set; } = "";
    public string Recommendations { get; private set; } = "";
    public ReportAudience Audience { get; private set; }
    public string? OtherProfessionals { get; private set; }

    /// <summary>The figures from the record (JSON of <see cref="ReportFacts"/>), frozen at approval.</summary>
    public string Facts { get; private set; } = "";
    public Guid WrittenBy { get; private set; }
    public string WrittenByName { get; private set; } = "";
    public DateTime WrittenAt { get; private set; }
    public Guid? ApprovedBy { get; private set; }
    public string? ApprovedByName { get; private set; }
    public DateTime? ApprovedAt { get; private set; }

    public bool IsApproved => Status == ReportStatus.Approved;

    /// <summary>A new draft report (version 1).</summary>
    public static Result<Report> Write(SchoolId school, EpisodeId episode, PupilId pupil, ReportContent content, ReportCircle circle, string facts, Guid by, string byName, DateTime now)
    {
        if (Check(content, circle, kindFixed: null) is { } refused)
        {
            return refused;
        }

        var id = ReportId.New();
        var report = new Report { Id = id, SeriesId = id, Version = 1, SchoolId = school, EpisodeId = episode, PupilId = pupil };
        report.Fill(content, facts, by, byName, now);
        return report;
    }

    /// <summary>
    /// Changes the report: a draft in place; an approved report is never changed: the edit becomes
    /// the next version, a draft, and this one stays as it was approved.
    /// </summary>
    public Result<Report> Edit(ReportContent content, ReportCircle circle, string facts, Guid by, string byName, DateTime now)
    {
        if (Check(content, circle, kindFixed: Kind) is { } refused)
        {
            return refused;
        }

        if (!IsApproved)
        {
            Fill(content, facts, by, byName, now);
            return this;
        }

        var next = new Report
        {
            Id = ReportId.New(), SeriesId = SeriesId, Version = Version + 1, SchoolId = SchoolId, EpisodeId = EpisodeId, PupilId = PupilId,
        };
        next.Fill(content, facts, by, byName, now);
        return next;
    }

    /// <summary>Approves the draft with the figures as they are now; from then on its audience may read it.</summary>
    public Outcome Approve(string facts, Guid by, string byName, DateTime now)
    {
        if (IsApproved)
        {
            return new Error.Conflict($"Version {Version} of this report was already approved; to change it, edit it and approve the new version.");
        }

        Facts = facts;
        Status = ReportStatus.Approved;
        ApprovedBy = by;
        ApprovedByName = byName;
        ApprovedAt = now;
        return Outcome.Ok;
    }

    /// <summary>Whether a reader of these groups may read it: only once approved, and only if it is shared with one of them.</summary>
    public bool IsSharedWith(ReportAudience readerGroups) => IsApproved && (Audience & readerGroups) != ReportAudience.None;

    private void Fill(ReportContent c, string facts, Guid by, string byName, DateTime now)
    {
        Kind = c.Kind!.Value;
        PeriodFrom = c.PeriodFrom!.Value;
        PeriodTo = c.PeriodTo!.Value;
        Summary = TextRules.Tidy(c.Summary) ?? "";
        Recommendations = TextRules.Tidy(c.Recommendations) ?? "";
        Audience = c.Audience;
        OtherProfessionals = c.Audience.HasFlag(ReportAudience.OtherProfessionals) ? string.Join("\n", ReportWords.Professionals(c.OtherProfessionals)) : null;
        Facts = facts;
        Status = ReportStatus.Draft;
        WrittenBy = by;
        WrittenByName = byName;
        WrittenAt = now;
        ApprovedBy = null;
        ApprovedByName = null;
        ApprovedAt = null;
    }

    /// <summary>The rules of what may be written, each refusal in the school's words.</summary>
    private static Error? Check(ReportContent c, ReportCircle circle, ReportKind? kindFixed)
    {
        var errors = new List<FieldError>();
        if (c.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(new("Kind", "Choose which report this is"));
        }
        else if (kindFixed is { } fixedKind && kind != fixedKind)
        {
            errors.Add(new("Kind", $"This is a {ReportWords.Of(fixedKind).ToLowerInvariant()}; write a new report for another kind"));
        }
        else if (kind == ReportKind.AnnualReviewContribution && !circle.HasEhcp)
        {
            errors.Add(new("Kind", $"{circle.PupilName} has no EHCP: an annual review contribution is for a pupil with an EHCP"));
        }

        if (c.PeriodFrom is not { } from || c.PeriodTo is not { } to)
        {
            errors.Add(new("PeriodFrom", "Give the dates the report covers"));
        }
        else if (from > to)
        {
            errors.Add(new("PeriodTo", "The report's period must end on or after the day it starts"));
        }

        var summary = TextRules.Tidy(c.Summary);
        if (summary is null)
        {
            errors.Add(new("Summary", "Write the summary for the report's readers"));
        }
        else if (summary.Length > SummaryMaxLength)
        {
            errors.Add(new("Summary", $"Keep the summary to {SummaryMaxLength} characters"));
        }

        if ((TextRules.Tidy(c.Recommendations)?.Length ?? 0) > RecommendationsMaxLength)
        {
            errors.Add(new("Recommendations", $"Keep the recommendations to {RecommendationsMaxLength} characters"));
        }

        var audience = c.Audience & ReportAudience.ParentsCarers | c.Audience & ReportAudience.Pupil | c.Audience & ReportAudience.SchoolStaff
                       | c.Audience & ReportAudience.OtherProfessionals | c.Audience & ReportAudience.LocalAuthority;
        if (audience == ReportAudience.None || audience != c.Audience)
        {
            errors.Add(new("Audience", "Choose who the report may be shared with"));
        }

        // Outside the pupil's circle: refused, with the reason.
        if (audience.HasFlag(ReportAudience.ParentsCarers) && !circle.HasParents)
        {
            errors.Add(new("Audience", $"No parent or carer of {circle.PupilName} is known to the school with access to their records: the report cannot be shared with parents"));
        }

        if (audience.HasFlag(ReportAudience.LocalAuthority) && !circle.HasEhcp && !circle.CareExperienced)
        {
            errors.Add(new("Audience", $"{circle.PupilName} has no EHCP and is not care-experienced: the local authority is outside their circle, so the report cannot be shared with it"));
        }

        var professionals = ReportWords.Professionals(c.OtherProfessionals);
        if (audience.HasFlag(ReportAudience.OtherProfessionals))
        {
            if (professionals.Count == 0)
            {
                errors.Add(new("OtherProfessionals", "Name each other professional the report may be shared with (name and role, one a line)"));
            }
            else if (string.Join("\n", professionals).Length > ProfessionalsMaxLength)
            {
                errors.Add(new("OtherProfessionals", $"Keep the other professionals to {ProfessionalsMaxLength} characters"));
            }
        }
        else if (professionals.Count > 0)
        {
            errors.Add(new("OtherProfessionals", "Tick \"Other professionals\" to share the report with the professionals named"));
        }

        return errors.Count > 0 ? new Error.Validation(errors) : null;
    }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.ToTable("reports");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Summary).HasMaxLength(Report.SummaryMaxLength);
        b.Property(x => x.Recommendations).HasMaxLength(Report.RecommendationsMaxLength);
        b.Property(x => x.OtherProfessionals).HasMaxLength(Report.ProfessionalsMaxLength);
        b.Property(x => x.WrittenByName).HasMaxLength(200);
        b.Property(x => x.ApprovedByName).HasMaxLength(200);
        b.HasIndex(x => x.EpisodeId);
        b.HasIndex(x => x.PupilId);
        b.HasIndex(x => new { x.SeriesId, x.Version }).IsUnique();
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupils.Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Caseload.Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
