using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Imports;

/// <summary>Names of import and export entries in the audit log.</summary>
internal static class ImportAuditActions
{
    /// <summary>An import was applied; the entry carries the counts, never names.</summary>
    public const string Imported = "import.applied";

    /// <summary>A list of people was exported as CSV.</summary>
    public const string Exported = "export.downloaded";
}

/// <summary>
/// Imports the pupils, parents and carers, and staff files a school information system exports.
/// Every line is checked with the rules the forms use; a re-import matches pupils by UPN, carers by
/// their contact ID (and their links by contact ID and pupil UPN) and staff by staff code, so it
/// updates and never duplicates. All or nothing: when any line of any file is rejected, nothing
/// is imported and the report lists every reject with its line number. An applied import runs in
/// one transaction and is recorded in the audit log with its counts.
/// </summary>
public sealed class SchoolDataImport(SecureBaseDb db, AuditLog audit, TimeProvider clock, Schools.SchoolClock schoolClock)
{
    private const int BatchSize = 2000;

    public async Task<ImportReport> RunAsync(IReadOnlyList<ImportFile> files, ImportOptions options, bool dryRun, CancellationToken ct = default)
    {
        var context = await LoadAsync(files, ct);
        var plans = new List<ImportPlan>();
        var read = files.OrderBy(f => f.Kind).Select(f => (File: f, Sheet: Read(f, out var map, out var problems), Map: map, Problems: problems)).ToList();

        // Carers may belong to pupils who arrive in the same import's pupils file.
        foreach (var (file, sheet, map, _) in read.Where(r => r.File.Kind == ImportKind.Pupils && r.Sheet is not null))
        {
            foreach (var row in sheet!.Rows)
            {
                if (Upn.TryParse(map!.Get(row, ImportColumns.Upn), out var upn, out _))
                {
                    context.UpnsInPupilsFile.Add(upn.Value);
                }
            }
        }

        foreach (var (file, sheet, map, problems) in read)
        {
            if (sheet is null)
            {
                plans.Add(ImportPlan.Unreadable(file, problems, map?.Ignored ?? []));
                continue;
            }

            plans.Add(file.Kind switch
            {
                ImportKind.Pupils => PupilImport.Plan(file, sheet, map!, context, options, problems),
                ImportKind.Carers => CarerImport.Plan(file, sheet, map!, context, problems),
                ImportKind.Staff => StaffImport.Plan(file, sheet, map!, context, problems),
            });
        }

        var report = new ImportReport(false, dryRun, plans.Select(p => p.Report).ToList());
        if (dryRun || report.IsRejected)
        {
            return report;
        }

        try
        {
            await db.InTransactionAsync(async () =>
            {
                // Saved in batches inside the one transaction: EF Core's change tracking slows down with
                // tens of thousands of entities in one unit of work, and the import stays all or nothing.
                var unsaved = 0;
                foreach (var step in plans.SelectMany(p => p.Steps))
                {
                    step(db);
                    if (++unsaved == BatchSize)
                    {
                        await db.SaveChangesAsync(ct);
                        db.ChangeTracker.Clear();
                        unsaved = 0;
                    }
                }

                audit.Record(ImportAuditActions.Imported, "import", null, null, $"{string.Join(", ", files.Select(f => ImportKinds.FileStem(f.Kind)))}: {report.Summary}");
                await db.SaveChangesAsync(ct);
                return true;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Another import or an edit saved the same UPN, contact or staff code meanwhile.
            db.ChangeTracker.Clear();
            var first = report.Files[0];
            return report with
            {
                Files = [first with { Problems = ["Someone else changed these records while this import ran, so nothing was imported: check the files again and import them once more"] }, .. report.Files.Skip(1)],
            };
        }

        return report with { Imported = true };
    }

    private static CsvSheet? Read(ImportFile file, out ColumnMap? map, out List<string> problems)
    {
        map = null;
        problems = [];
        if (!CsvText.TryDecode(file.Content, out var text, out var problem))
        {
            problems.Add(problem);
            return null;
        }

        var sheet = CsvText.Read(text);
        if (sheet.Headers.Count == 0)
        {
            problems.Add("The file has no header row: the first line should name the columns (for example UPN, Legal forename, Legal surname…)");
            return null;
        }

        map = ColumnMap.Match(file.Kind, sheet.Headers, problems);
        return problems.Count > 0 ? null : sheet;
    }

    private async Task<ImportContext> LoadAsync(IReadOnlyList<ImportFile> files, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var sites = await db.Sites.OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync(ct);
        var kinds = files.Select(f => f.Kind).ToHashSet();
        var context = new ImportContext(db.CurrentSchoolId, now, schoolClock.Today, sites.Count == 1 ? sites[0] : null);
        if (kinds.Contains(ImportKind.Pupils) || kinds.Contains(ImportKind.Carers))
        {
            foreach (var pupil in await db.Pupils.AsNoTracking().ToListAsync(ct))
            {
                context.Pupils[pupil.Upn] = pupil;
            }
        }

        if (kinds.Contains(ImportKind.Carers))
        {
            context.Carers.AddRange(await db.Carers.AsNoTracking().ToListAsync(ct));
            context.Links.AddRange(await db.CarerLinks.AsNoTracking().ToListAsync(ct));
        }

        if (kinds.Contains(ImportKind.Staff))
        {
            context.Staff.AddRange(await db.StaffMembers.AsNoTracking().ToListAsync(ct));
        }

        return context;
    }
}

/// <summary>What one import works against: the school's current records (read untracked), looked up in memory so 10,000 lines take seconds.</summary>
internal sealed class ImportContext(SchoolId school, DateTime now, DateOnly today, SiteId? defaultSite)
{
    public SchoolId School { get; } = school;
    public DateTime Now { get; } = now;

    /// <summary>The school's local date: pupils marked as left leave on it.</summary>
    public DateOnly Today { get; } = today;

    /// <summary>New pupils are put at the school's site when it has only one.</summary>
    public SiteId? DefaultSite { get; } = defaultSite;

    /// <summary>Every pupil of the school by UPN, including those created by this import's pupils file once applied.</summary>
    public Dictionary<string, Pupil> Pupils { get; } = new(StringComparer.Ordinal);

    public HashSet<string> UpnsInPupilsFile { get; } = new(StringComparer.Ordinal);
    public List<Carer> Carers { get; } = [];
    public List<CarerLink> Links { get; } = [];
    public List<StaffMember> Staff { get; } = [];
}

/// <summary>The report for one file and, when nothing was rejected, the changes that apply it.</summary>
internal sealed record ImportPlan(ImportFileReport Report, IReadOnlyList<Action<SecureBaseDb>> Steps)
{
    /// <summary>
    /// Changes a record read without tracking: attached first, so the change is saved. Records are
    /// read untracked and attached only when they change, so a batch's unit of work holds only
    /// what that batch changes.
    /// </summary>
    public static void Change<T>(SecureBaseDb db, T entity, Action<T> change) where T : class
    {
        db.Attach(entity);
        change(entity);
    }

    public static ImportPlan Unreadable(ImportFile file, IReadOnlyList<string> problems, IReadOnlyList<string> ignored) =>
        new(new ImportFileReport(file.Kind, file.FileName, 0, ImportCounts.Zero, file.Kind == ImportKind.Carers ? ImportCounts.Zero : null, [], [], [], problems, ignored), []);

    /// <summary>Rejected lines: problems with each line's values, duplicates and the reader's own complaints, in line order.</summary>
    public static List<RowProblem> Rejects(CsvSheet sheet, Dictionary<int, List<string>> problems) =>
        sheet.BadRows.Concat(problems.Where(p => p.Value.Count > 0).Select(p => new RowProblem(p.Key, p.Value))).OrderBy(p => p.Line).ToList();

    /// <summary>Names every other line on which the same key appears, so both (or all) lines are reported.</summary>
    public static void RejectDuplicates(IEnumerable<(int Line, string Key)> keys, Dictionary<int, List<string>> problems, Func<string, string> describe)
    {
        foreach (var group in keys.GroupBy(k => k.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var lines = group.Select(g => g.Line).ToList();
            foreach (var line in lines)
            {
                var others = lines.Where(l => l != line).ToList();
                Problem(problems, line, $"{describe(group.Key)} is also on line{(others.Count > 1 ? "s" : "")} {string.Join(", ", others)}: each should appear once");
            }
        }
    }

    public static void Problem(Dictionary<int, List<string>> problems, int line, string message)
    {
        if (!problems.TryGetValue(line, out var list))
        {
            problems[line] = list = [];
        }

        list.Add(message);
    }
}
