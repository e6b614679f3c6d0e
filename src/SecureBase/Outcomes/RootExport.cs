using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Outcomes;

/// <summary>The filter of a ROOT export: a date range of ratings (inclusive) and, optionally, one discipline.</summary>
internal sealed record RootFilter(DateOnly From, DateOnly To, Discipline? Discipline);

/// <summary>A ROOT export ready to download.</summary>
internal sealed record RootFile(string FileName, byte[] Content, int Rows);

/// <summary>
/// The CSV of TOM ratings the Head of Therapy uploads to the RCSLT's ROOT (Real-time Outcomes Online
/// Tool) with its column mapping: one row per rating, columns documented in docs/root-export.md. Pupils
/// are identified by a pseudonym, never a name, UPN or date of birth: ROOT needs to link the ratings of
/// one pupil over time, not to know who they are, and a file that leaves the school should identify
/// nobody if it goes astray. The pseudonym is an HMAC of the pupil's id under a key derived from the
/// installation's secret (the audit key), so it is the same in every export and cannot be reversed, or
/// recomputed, by anyone without that secret.
/// </summary>
internal sealed class RootExport(SecureBaseDb db, AuditLog audit, AuditKey key, Schools.SchoolClock schoolClock)
{
    public static readonly string[] Columns =
        ["pupil_pseudonym", "episode_pseudonym", "discipline", "cycle", "point", "rated_on", "scale", "impairment", "activity", "participation", "wellbeing", "carer_wellbeing"];

    /// <summary>The widest range one export may cover: about three school years.</summary>
    public const int MaxDays = 3 * 366;

    public DateOnly Today => schoolClock.Today;

    /// <summary>
    /// Reads the filter as typed (yyyy-mm-dd dates, a discipline's name); empty dates mean the last twelve
    /// months. A date that cannot be read, a range that ends before it starts or an unknown discipline is
    /// refused with a message.
    /// </summary>
    public Result<RootFilter> Parse(string? from, string? to, string? discipline)
    {
        var errors = new List<FieldError>();
        var today = Today;
        DateOnly? Read(string field, string? text, string what)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            errors.Add(new(field, $"Enter the {what} as a date, for example {today:yyyy-MM-dd}"));
            return null;
        }

        var f = Read("From", from, "first day");
        var t = Read("To", to, "last day");
        Discipline? chosen = null;
        if (!string.IsNullOrWhiteSpace(discipline))
        {
            if (Enum.TryParse<Discipline>(discipline.Trim(), ignoreCase: true, out var d) && Enum.IsDefined(d))
            {
                chosen = d;
            }
            else
            {
                errors.Add(new("Discipline", "Choose a discipline from the list"));
            }
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var last = t ?? today;
        var first = f ?? last.AddYears(-1).AddDays(1);
        if (first > last)
        {
            return new Error.Validation("To", $"The last day ({last:d MMMM yyyy}) is before the first ({first:d MMMM yyyy}): choose a range that ends on or after it starts");
        }

        if (last.DayNumber - first.DayNumber > MaxDays)
        {
            return new Error.Validation("From", "Export at most three years of ratings at a time");
        }

        return new RootFilter(first, last, chosen);
    }

    public async Task<RootFile> ExportAsync(RootFilter filter, CancellationToken ct)
    {
        var q = db.TomRatings.AsNoTracking().Where(r => r.RatedOn >= filter.From && r.RatedOn <= filter.To);
        if (filter.Discipline is { } d)
        {
            q = q.Where(r => r.Discipline == d);
        }

        var ratings = (await q.ToListAsync(ct)).OrderBy(r => r.RatedOn).ThenBy(r => r.Id.Value).ToList();
        var secret = HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes("root-export-pseudonym"));
        string Pseudonym(string prefix, Guid id) => prefix + Convert.ToHexString(HMACSHA256.HashData(secret, id.ToByteArray()))[..12];
        static string Score(decimal? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "";
        var rows = ratings.Select(r => (IReadOnlyList<string?>)
        [
            Pseudonym("P-", r.PupilId.Value), Pseudonym("E-", r.EpisodeId.Value), Disciplines.Name(r.Discipline), r.Cycle.ToString(CultureInfo.InvariantCulture),
            TomWords.Point(r.Point), r.RatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Scale,
            Score(r.Impairment), Score(r.Activity), Score(r.Participation), Score(r.WellBeing), Score(r.CarerWellBeing),
        ]).ToList();
        audit.Record(OutcomeAuditActions.RootExported, "TomRatings", null,
            detail: $"{filter.From:yyyy-MM-dd} to {filter.To:yyyy-MM-dd}{(filter.Discipline is { } x ? ", " + x : "")}: {rows.Count} ratings");
        await db.SaveChangesAsync(ct);
        var name = $"root-tom-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}{(filter.Discipline is { } dd ? "-" + dd.ToString().ToLowerInvariant() : "")}.csv";
        return new RootFile(name, Imports.CsvText.Write(Columns, rows), rows.Count);
    }
}
