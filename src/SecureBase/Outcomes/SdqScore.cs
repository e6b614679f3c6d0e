using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Outcomes;

/// <summary>One Strengths and Difficulties Questionnaire, as scored.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<SdqScoreId>))]
internal readonly record struct SdqScoreId(Guid Value) : IEntityId<SdqScoreId>, IParsable<SdqScoreId>
{
    public static SdqScoreId New() => new(Guid.CreateVersion7());
    public static SdqScoreId From(Guid value) => new(value);
    public static SdqScoreId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SdqScoreId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>Who completed the questionnaire: each version has its own cut-offs.</summary>
internal enum SdqInformant
{
    Parent,
    Teacher,

    /// <summary>The pupil's own self-report (11–17 years).</summary>
    Self,
}

/// <summary>The four-band categorisation of a score (sdqinfo.org).</summary>
internal enum SdqBand
{
    CloseToAverage,
    SlightlyRaised,
    High,
    VeryHigh,
}

/// <summary>
/// The SDQ's total difficulties score banded by the informant's own published cut-offs: the
/// four-band categorisation of the SDQ's authors, "Scoring the Strengths &amp; Difficulties
/// Questionnaire for age 4-17 or 18+" (Youthinmind, https://www.sdqinfo.org/py/sdqinfo/b3.py, the
/// English (UK) scoring instructions). Total difficulties (0–40), bands close to average / slightly
/// raised / high / very high:
///   parent-completed   0–13 / 14–16 / 17–19 / 20–40
///   teacher-completed  0–11 / 12–15 / 16–18 / 19–40
///   self-completed     0–14 / 15–17 / 18–19 / 20–40
/// The teacher bands are reproduced from sdqinfo.org in Table 1 of PMC4830858
/// (https://pmc.ncbi.nlm.nih.gov/articles/PMC4830858/table/Tab1); the parent and self-report bands are
/// the same document's other two versions. Kept as data so a check against the source is one glance.
/// </summary>
internal static class SdqBands
{
    /// <summary>The lowest total of "slightly raised", "high" and "very high" for each informant.</summary>
    private static readonly Dictionary<SdqInformant, (int Raised, int High, int VeryHigh)> TotalCutOffs = new()
    {
        [SdqInformant.Parent] = (14, 17, 20),
        [SdqInformant.Teacher] = (12, 16, 19),
        [SdqInformant.Self] = (15, 18, 20),
    };

    public static SdqBand OfTotal(SdqInformant informant, int total)
    {
        var (raised, high, veryHigh) = TotalCutOffs[informant];
        return total >= veryHigh ? SdqBand.VeryHigh : total >= high ? SdqBand.High : total >= raised ? SdqBand.SlightlyRaised : SdqBand.CloseToAverage;
    }

    public static string Words(SdqBand b) => b switch
    {
        SdqBand.CloseToAverage => "close to average",
        SdqBand.SlightlyRaised => "slightly raised",
        SdqBand.High => "high",
        _ => "very high",
    };

    public static string Informant(SdqInformant i) => i switch
    {
        SdqInformant.Parent => "parent",
        SdqInformant.Teacher => "teacher",
        _ => "self-report",
    };
}

/// <summary>The five subscale scores of one questionnaire as given; null where not given.</summary>
internal sealed record SdqSubscales(int? Emotional, int? Conduct, int? Hyperactivity, int? PeerProblems, int? Prosocial);

/// <summary>
/// A Strengths and Difficulties Questionnaire for a pupil in an episode, from one informant (parent,
/// teacher or the pupil themself): the five subscales, each 0–10. The total difficulties score is the
/// sum of the four difficulty subscales (prosocial excluded, 0–40), banded by the informant's own cut-offs.
/// </summary>
internal sealed class SdqScore : ISchoolOwned
{
    public const int SubscaleMax = 10;

    private SdqScore()
    {
    }

    public SdqScoreId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public EpisodeId EpisodeId { get; private set; }
    public PupilId PupilId { get; private set; }
    public SdqInformant Informant { get; private set; }
    public DateOnly CompletedOn { get; private set; }
    public int Emotional { get; private set; }
    public int Conduct { get; private set; }
    public int Hyperactivity { get; private set; }
    public int PeerProblems { get; private set; }
    public int Prosocial { get; private set; }
    public Guid RecordedBy { get; private set; }

    /// <summary>Total difficulties: the four difficulty subscales, prosocial excluded (0–40).</summary>
    public int TotalDifficulties => Emotional + Conduct + Hyperactivity + PeerProblems;

    public SdqBand Band => SdqBands.OfTotal(Informant, TotalDifficulties);

    public static Result<SdqScore> Record(Episode episode, SdqInformant informant, DateOnly completedOn, SdqSubscales s, Guid by, DateOnly today)
    {
        if (!episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; no SDQ can be recorded for it.");
        }

        var errors = new List<FieldError>();
        if (!Enum.IsDefined(informant))
        {
            errors.Add(new("Informant", "Choose who completed the questionnaire: a parent, a teacher or the pupil"));
        }

        if (completedOn > today)
        {
            errors.Add(new("CompletedOn", "The questionnaire cannot have been completed on a day still to come"));
        }
        else if (completedOn < episode.StartDate.AddDays(-EpisodeOpening.MaxDaysBack * 4))
        {
            errors.Add(new("CompletedOn", "Record questionnaires completed for this episode of therapy, from four weeks before it began"));
        }

        Check(errors, nameof(s.Emotional), "The emotional symptoms score", s.Emotional);
        Check(errors, nameof(s.Conduct), "The conduct problems score", s.Conduct);
        Check(errors, nameof(s.Hyperactivity), "The hyperactivity score", s.Hyperactivity);
        Check(errors, nameof(s.PeerProblems), "The peer problems score", s.PeerProblems);
        Check(errors, nameof(s.Prosocial), "The prosocial score", s.Prosocial);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        return new SdqScore
        {
            Id = SdqScoreId.New(),
            SchoolId = episode.SchoolId,
            EpisodeId = episode.Id,
            PupilId = episode.PupilId,
            Informant = informant,
            CompletedOn = completedOn,
            Emotional = s.Emotional!.Value,
            Conduct = s.Conduct!.Value,
            Hyperactivity = s.Hyperactivity!.Value,
            PeerProblems = s.PeerProblems!.Value,
            Prosocial = s.Prosocial!.Value,
            RecordedBy = by,
        };
    }

    private static void Check(List<FieldError> errors, string field, string what, int? value)
    {
        if (value is not { } v)
        {
            errors.Add(new(field, $"{what} is needed (0 to {SubscaleMax})"));
        }
        else if (v is < 0 or > SubscaleMax)
        {
            errors.Add(new(field, $"{what} is from 0 to {SubscaleMax}: {v} is not possible"));
        }
    }
}

internal sealed class SdqScoreConfiguration : IEntityTypeConfiguration<SdqScore>
{
    public void Configure(EntityTypeBuilder<SdqScore> b)
    {
        b.ToTable("sdq_scores");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Informant).HasConversion<string>().HasMaxLength(16);
        b.Ignore(x => x.TotalDifficulties);
        b.Ignore(x => x.Band);
        b.HasIndex(x => x.EpisodeId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupils.Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
