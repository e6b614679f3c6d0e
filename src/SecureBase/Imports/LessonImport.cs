using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Timetable;

namespace SecureBase.Imports;

/// <summary>The columns of the pupils' lessons file: one line per lesson of a pupil's week.</summary>
internal static class LessonColumns
{
    public static readonly ImportColumn Day = new("Day", true, "Weekday", "Day of week", "Day name");
    public static readonly ImportColumn Period = new("Period", true, "Period name", "Lesson period", "Timetable period", "Period number");
    public static readonly ImportColumn Subject = new("Subject", true, "Subject name", "Course", "Lesson", "Class subject");

    public static IReadOnlyList<ImportColumn> All { get; } = [ImportColumns.Upn, Day, Period, Subject];
}

/// <summary>
/// What importing a lessons file did, or would do: how many pupils get their lessons for the first
/// time, have them replaced or keep them unchanged, every rejected line with its reasons, and
/// problems with the file as a whole. All or nothing, like the other imports.
/// </summary>
public sealed record LessonImportReport(
    bool Imported,
    bool DryRun,
    string FileName,
    int Rows,
    ImportCounts Pupils,
    int Lessons,
    IReadOnlyList<RowProblem> Rejects,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> IgnoredColumns)
{
    public bool IsRejected => Problems.Count > 0 || Rejects.Count > 0;

    /// <summary>Counts only, never names: for the audit log and the page's notice.</summary>
    public string Summary =>
        $"pupils' lessons: {Pupils.New} new, {Pupils.Updated} replaced, {Pupils.Unchanged} unchanged ({Lessons} lesson{(Lessons == 1 ? "" : "s")} in the file)";
}

/// <summary>
/// Imports each pupil's weekly lessons (UPN, day, period, subject) from the school's information
/// system. Pupils are matched by UPN and periods by the names on the school's calendar ("Period 1",
/// "P1" or "1", or the period's start time). A pupil in the file has all their lessons replaced by
/// the file's; pupils not in the file keep theirs. The SENDCo's marks (protected, avoid) belong to
/// subjects, so they survive a re-import. Nothing changes when any line is rejected.
/// </summary>
public sealed partial class LessonImport(SecureBaseDb db, AuditLog audit)
{
    private const int DeleteBatch = 500;

    public async Task<LessonImportReport> RunAsync(string fileName, byte[] content, bool dryRun, CancellationToken ct = default)
    {
        var problems = new List<string>();
        if (!CsvText.TryDecode(content, out var text, out var problem))
        {
            return Unreadable(fileName, [problem], []);
        }

        var sheet = CsvText.Read(text);
        if (sheet.Headers.Count == 0)
        {
            return Unreadable(fileName, ["The file has no header row: the first line should name the columns (UPN, Day, Period, Subject)"], []);
        }

        var map = ColumnMap.Match("lessons", LessonColumns.All, sheet.Headers, problems);
        var periods = await db.LessonPeriods.AsNoTracking().OrderBy(p => p.Start).ToListAsync(ct);
        if (periods.Count(p => p.IsTeaching) == 0)
        {
            problems.Add("The school has no lesson periods yet: an administrator adds them to the lesson timetable on the calendar page first, then imports the lessons");
        }

        if (problems.Count > 0)
        {
            return Unreadable(fileName, problems, map.Ignored);
        }

        var pupils = await db.Pupils.AsNoTracking().Select(p => new { p.Id, p.Upn, p.LeftOn }).ToDictionaryAsync(p => p.Upn, StringComparer.Ordinal, ct);
        var rowProblems = new Dictionary<int, List<string>>();
        var keys = new List<(int Line, string Key)>();
        var lessons = new List<(PupilId Pupil, DayOfWeek Day, LessonPeriodId Period, string Subject)>();
        foreach (var row in sheet.Rows)
        {
            var r = new RowReader(map, row);
            var upn = r.ReadUpn(ImportColumns.Upn);
            PupilId? pupilId = null;
            if (upn is { } u)
            {
                if (!pupils.TryGetValue(u.Value, out var pupil))
                {
                    r.Problems.Add($"UPN {u.Value} is not a pupil of the school: import the pupils file first, or check the UPN");
                }
                else if (pupil.LeftOn is { } left)
                {
                    r.Problems.Add($"The pupil with UPN {u.Value} left the school on {left:dd/MM/yyyy}: leave their lessons out of the file");
                }
                else
                {
                    pupilId = pupil.Id;
                }
            }

            var day = ReadDay(r);
            var period = day is { } d ? ReadPeriod(r, d, periods) : null;
            var subject = r.Text(LessonColumns.Subject, PupilLesson.SubjectMaxLength, required: true);
            if (upn is { } up && day is { } dd && period is not null)
            {
                keys.Add((row.Line, $"A lesson for UPN {up.Value} on {dd} in {period.Name}"));
            }

            if (r.Problems.Count > 0)
            {
                rowProblems[row.Line] = r.Problems;
                continue;
            }

            lessons.Add((pupilId!.Value, day!.Value, period!.Id, subject!));
        }

        ImportPlan.RejectDuplicates(keys, rowProblems, k => k);
        var rejects = ImportPlan.Rejects(sheet, rowProblems);

        // What changes, pupil by pupil: a pupil's lessons are replaced as a whole.
        var inFile = lessons.GroupBy(l => l.Pupil).ToDictionary(g => g.Key, g => g.ToList());
        var pupilIds = inFile.Keys.ToList();
        var existing = (await db.PupilLessons.AsNoTracking().Select(l => new { l.PupilId, l.Day, l.PeriodId, l.Subject }).ToListAsync(ct))
            .GroupBy(l => l.PupilId).ToDictionary(g => g.Key, g => g.Select(l => Describe(l.Day, l.PeriodId, l.Subject)).ToHashSet(StringComparer.Ordinal));
        int added = 0, replaced = 0, unchanged = 0;
        var changed = new List<PupilId>();
        foreach (var (pupil, list) in inFile)
        {
            var now = list.Select(l => Describe(l.Day, l.Period, l.Subject.Trim())).ToHashSet(StringComparer.Ordinal);
            if (!existing.TryGetValue(pupil, out var before))
            {
                added++;
                changed.Add(pupil);
            }
            else if (before.SetEquals(now))
            {
                unchanged++;
            }
            else
            {
                replaced++;
                changed.Add(pupil);
            }
        }

        var report = new LessonImportReport(false, dryRun, fileName, sheet.Rows.Count + sheet.BadRows.Count, new ImportCounts(added, replaced, unchanged),
            lessons.Count, rejects, [], map.Ignored);
        if (dryRun || report.IsRejected)
        {
            return report;
        }

        try
        {
            await db.InTransactionAsync(async () =>
            {
                foreach (var batch in changed.Chunk(DeleteBatch))
                {
                    await db.PupilLessons.Where(l => batch.Contains(l.PupilId)).ExecuteDeleteAsync(ct);
                }

                var changedSet = changed.ToHashSet();
                db.PupilLessons.AddRange(lessons.Where(l => changedSet.Contains(l.Pupil))
                    .Select(l => PupilLesson.Create(db.CurrentSchoolId, l.Pupil, l.Day, l.Period, l.Subject)));
                audit.Record(ImportAuditActions.Imported, "import", null, null, $"lessons: {report.Summary}");
                await db.SaveChangesAsync(ct);
                return true;
            }, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return report with { Problems = ["Someone else changed these lessons while this import ran, so nothing was imported: check the file again and import it once more"] };
        }

        return report with { Imported = true };
    }

    private static string Describe(DayOfWeek day, LessonPeriodId period, string subject) => $"{day}|{period}|{subject}";

    private static LessonImportReport Unreadable(string fileName, IReadOnlyList<string> problems, IReadOnlyList<string> ignored) =>
        new(false, true, fileName, 0, ImportCounts.Zero, 0, [], problems, ignored);

    private static DayOfWeek? ReadDay(RowReader r)
    {
        var value = r.Raw(LessonColumns.Day);
        if (value is null)
        {
            r.Problems.Add("Enter the day");
            return null;
        }

        DayOfWeek? day = ImportColumns.Key(value) switch
        {
            "monday" or "mon" or "mo" or "1" => DayOfWeek.Monday,
            "tuesday" or "tue" or "tues" or "tu" or "2" => DayOfWeek.Tuesday,
            "wednesday" or "wed" or "weds" or "we" or "3" => DayOfWeek.Wednesday,
            "thursday" or "thu" or "thur" or "thurs" or "th" or "4" => DayOfWeek.Thursday,
            "friday" or "fri" or "fr" or "5" => DayOfWeek.Friday,
            "saturday" or "sat" or "sunday" or "sun" => DayOfWeek.Saturday,
            _ => null,
        };
        if (day is null)
        {
            r.Problems.Add($"Day \"{RowReader.Shorten(value)}\" should be a weekday: Monday, Tuesday, Wednesday, Thursday or Friday (or Mon, Tue…)");
        }
        else if (!SchoolDates.IsWeekday(day.Value))
        {
            r.Problems.Add($"Day \"{RowReader.Shorten(value)}\" is a weekend: lessons are Monday to Friday");
            return null;
        }

        return day;
    }

    private static LessonPeriod? ReadPeriod(RowReader r, DayOfWeek day, IReadOnlyList<LessonPeriod> periods)
    {
        var value = r.Raw(LessonColumns.Period);
        if (value is null)
        {
            r.Problems.Add("Enter the period");
            return null;
        }

        var onDay = periods.Where(p => p.IsOn(day)).ToList();
        var period = FindPeriod(value, onDay);
        if (period is null)
        {
            var teaching = onDay.Where(p => p.IsTeaching).Select(p => p.Name).ToList();
            r.Problems.Add($"Period \"{RowReader.Shorten(value)}\" is not one of the school's lesson periods on {day}"
                           + (teaching.Count > 0 ? $": they are {string.Join(", ", teaching)}" : ": the school has no lessons on that day"));
            return null;
        }

        if (!period.IsTeaching)
        {
            r.Problems.Add($"{period.Name} ({period.TimesText}) is not a lesson on the school's timetable: leave it out of the file");
            return null;
        }

        return period;
    }

    /// <summary>A period by its name ("Period 1"), its number ("P1", "1", "Lesson 1") or its start time ("09:00").</summary>
    internal static LessonPeriod? FindPeriod(string value, IReadOnlyList<LessonPeriod> onDay)
    {
        var key = ImportColumns.Key(value);
        if (onDay.FirstOrDefault(p => ImportColumns.Key(p.Name) == key) is { } byName)
        {
            return byName;
        }

        if (Number(key) is { } n)
        {
            var numbered = onDay.Where(p => Number(ImportColumns.Key(p.Name)) == n).ToList();
            if (numbered.Count == 1)
            {
                return numbered[0];
            }
        }

        string[] formats = ["H:mm", "HH:mm", "H.mm", "HH.mm", "HHmm"];
        if (TimeOnly.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return onDay.FirstOrDefault(p => p.Start == start);
        }

        return null;
    }

    private static int? Number(string key)
    {
        var m = NumberedPeriod().Match(key);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    [GeneratedRegex(@"^(?:p|per|period|l|lesson)?0*([0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedPeriod();
}
