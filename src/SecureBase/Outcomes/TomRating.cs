using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Outcomes;

/// <summary>One Therapy Outcome Measures rating of an episode.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<TomRatingId>))]
internal readonly record struct TomRatingId(Guid Value) : IEntityId<TomRatingId>, IParsable<TomRatingId>
{
    public static TomRatingId New() => new(Guid.CreateVersion7());
    public static TomRatingId From(Guid value) => new(value);
    public static TomRatingId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TomRatingId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>When in a 12-week cycle a TOM rating is made (Serenity School: baseline, interim, final).</summary>
internal enum TomPoint
{
    /// <summary>Weeks 1–2: assessment.</summary>
    Baseline,

    /// <summary>Week 6: the interim progress check.</summary>
    Interim,

    /// <summary>Week 11: outcome measurement.</summary>
    Final,
}

/// <summary>The TOM domains (as collected by the RCSLT's ROOT); carer well-being only where used.</summary>
internal enum TomDomain
{
    Impairment,
    Activity,
    Participation,
    WellBeing,
    CarerWellBeing,
}

internal static class TomWords
{
    public static string Point(TomPoint p) => p switch
    {
        TomPoint.Baseline => "baseline",
        TomPoint.Interim => "interim",
        _ => "final",
    };

    public static string Domain(TomDomain d) => d switch
    {
        TomDomain.Impairment => "Impairment",
        TomDomain.Activity => "Activity",
        TomDomain.Participation => "Participation",
        TomDomain.WellBeing => "Well-being",
        _ => "Carer well-being",
    };

    /// <summary>The week of the cycle a rating is due from, and the last week it is still shown as due.</summary>
    public static (int From, int To) DueWeeks(TomPoint p) => p switch
    {
        TomPoint.Baseline => (1, 2),
        TomPoint.Interim => (6, 6),
        _ => (11, 11),
    };

    /// <summary>The point due in a week of the cycle, if any: baseline weeks 1–2, interim week 6, final week 11.</summary>
    public static TomPoint? DueIn(int week) => Enum.GetValues<TomPoint>().Cast<TomPoint?>().FirstOrDefault(p => DueWeeks(p!.Value).From <= week && week <= DueWeeks(p.Value).To);

    public static string Score(decimal v) => v.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>The domain scores of one TOM rating as given; null where not given.</summary>
internal sealed record TomScores(decimal? Impairment, decimal? Activity, decimal? Participation, decimal? WellBeing, decimal? CarerWellBeing = null);

/// <summary>
/// A Therapy Outcome Measures rating of an episode at a point of a cycle: impairment, activity,
/// participation and well-being, and carer well-being where used, each 0–5 in steps of 0.5. The scale
/// used is the core scale or an adapted scale named in free text; the descriptors are in a licensed
/// handbook, so only the ratings are stored. Rated by the episode's practitioner (or the Head of Therapy)
/// while the episode is open. Confidential to the therapy team.
/// </summary>
internal sealed class TomRating : ISchoolOwned
{
    public const decimal Max = 5m;
    public const decimal Step = 0.5m;
    public const int ScaleMaxLength = 100;
    public const string CoreScale = "Core scale";

    private TomRating()
    {
    }

    public TomRatingId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public EpisodeId EpisodeId { get; private set; }
    public PupilId PupilId { get; private set; }

    /// <summary>The discipline of the episode, kept for the ROOT export's filter.</summary>
    public Staff.Discipline Discipline { get; private set; }
    public int Cycle { get; private set; }
    public TomPoint Point { get; private set; }
    public DateOnly RatedOn { get; private set; }
    public Guid RatedBy { get; private set; }
    public string RatedByName { get; private set; } = "";
    public string Scale { get; private set; } = CoreScale;
    public decimal Impairment { get; private set; }
    public decimal Activity { get; private set; }
    public decimal Participation { get; private set; }
    public decimal WellBeing { get; private set; }
    public decimal? CarerWellBeing { get; private set; }

    public decimal? this[TomDomain d] => d switch
    {
        TomDomain.Impairment => Impairment,
        TomDomain.Activity => Activity,
        TomDomain.Participation => Participation,
        TomDomain.WellBeing => WellBeing,
        _ => CarerWellBeing,
    };

    /// <summary>
    /// Records a rating. Refused with a message naming the domain: a score outside 0–5 or not a
    /// multiple of 0.5 (5.5, 0.3, −1), a rating of an episode that has ended, a date still to come
    /// or before the episode began, a cycle the episode has not reached, the same point of a cycle twice.
    /// </summary>
    public static Result<TomRating> Record(Episode episode, TomPoint point, int cycle, int reachedCycle, DateOnly ratedOn, string? scale, TomScores scores,
        Guid by, string byName, DateOnly today, bool alreadyRated)
    {
        if (!episode.IsOpen)
        {
            return new Error.Conflict("This episode of therapy has ended; no TOM rating can be recorded for it.");
        }

        var errors = new List<FieldError>();
        if (!Enum.IsDefined(point))
        {
            errors.Add(new("Point", "Choose baseline, interim or final"));
        }

        if (ratedOn > today)
        {
            errors.Add(new("RatedOn", "A rating cannot be made on a day still to come"));
        }
        else if (ratedOn < episode.StartDate)
        {
            errors.Add(new("RatedOn", $"The episode began on {episode.StartDate:d MMMM yyyy}: a rating cannot be made before it"));
        }

        if (cycle < 1 || cycle > Math.Max(1, reachedCycle))
        {
            errors.Add(new("Cycle", reachedCycle <= 1 ? "The episode is in its first cycle: rate cycle 1" : $"Choose a cycle from 1 to {reachedCycle}"));
        }

        var s = TextRules.Tidy(scale);
        if (string.IsNullOrEmpty(s))
        {
            s = CoreScale;
        }
        else if (s.Length > ScaleMaxLength)
        {
            errors.Add(new("Scale", $"Keep the name of the scale to {ScaleMaxLength} characters"));
        }

        Check(errors, TomDomain.Impairment, scores.Impairment, required: true);
        Check(errors, TomDomain.Activity, scores.Activity, required: true);
        Check(errors, TomDomain.Participation, scores.Participation, required: true);
        Check(errors, TomDomain.WellBeing, scores.WellBeing, required: true);
        Check(errors, TomDomain.CarerWellBeing, scores.CarerWellBeing, required: false);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        if (alreadyRated)
        {
            return new Error.Conflict($"The {TomWords.Point(point)} TOM rating of cycle {cycle} is already recorded for this episode.");
        }

        return new TomRating
        {
            Id = TomRatingId.New(),
            SchoolId = episode.SchoolId,
            EpisodeId = episode.Id,
            PupilId = episode.PupilId,
            Discipline = episode.Discipline,
            Cycle = cycle,
            Point = point,
            RatedOn = ratedOn,
            RatedBy = by,
            RatedByName = byName,
            Scale = s!,
            Impairment = scores.Impairment!.Value,
            Activity = scores.Activity!.Value,
            Participation = scores.Participation!.Value,
            WellBeing = scores.WellBeing!.Value,
            CarerWellBeing = scores.CarerWellBeing,
        };
    }

    /// <summary>Whether a score is on the TOM scale: 0 to 5 in steps of 0.5.</summary>
    public static bool OnScale(decimal v) => v >= 0 && v <= Max && v % Step == 0;

    private static void Check(List<FieldError> errors, TomDomain domain, decimal? value, bool required)
    {
        var field = domain.ToString();
        if (value is not { } v)
        {
            if (required)
            {
                errors.Add(new(field, $"Rate {TomWords.Domain(domain).ToLowerInvariant()} from 0 to 5"));
            }

            return;
        }

        if (!OnScale(v))
        {
            errors.Add(new(field, $"{TomWords.Domain(domain)} is rated from 0 to 5 in steps of 0.5 (such as 2 or 2.5): {v.ToString(CultureInfo.InvariantCulture)} is not on the scale"));
        }
    }
}

internal sealed class TomRatingConfiguration : IEntityTypeConfiguration<TomRating>
{
    public void Configure(EntityTypeBuilder<TomRating> b)
    {
        b.ToTable("tom_ratings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Discipline).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Point).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.RatedByName).HasMaxLength(200);
        b.Property(x => x.Scale).HasMaxLength(TomRating.ScaleMaxLength);
        // Plain numeric: the rule in TomRating keeps each score to 0–5 in steps of 0.5.
        b.HasIndex(x => new { x.EpisodeId, x.Cycle, x.Point }).IsUnique();
        b.HasIndex(x => new { x.SchoolId, x.RatedOn });
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pupils.Pupil>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
