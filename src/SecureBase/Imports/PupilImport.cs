using SecureBase.Data;
using SecureBase.Pupils;

namespace SecureBase.Imports;

/// <summary>
/// The pupils file: one line per pupil, matched by UPN. A column the file does not have leaves that
/// detail as it is (a file without "Pupil premium" does not clear anyone's pupil premium); a pupil
/// who has left is read-only and a line that would change them is reported, not applied.
/// </summary>
internal static class PupilImport
{
    private const int YoungestAge = 2;
    private const int OldestAge = 25;

    public static ImportPlan Plan(ImportFile file, CsvSheet sheet, ColumnMap map, ImportContext context, ImportOptions options, List<string> fileProblems)
    {
        var problems = new Dictionary<int, List<string>>();
        var notes = new List<RowNote>();
        var lines = new List<(int Line, Upn Upn, PupilDetails Details)>();
        var upns = new List<(int Line, string Key)>();
        foreach (var row in sheet.Rows)
        {
            var r = new RowReader(map, row);
            var upn = r.ReadUpn(ImportColumns.Upn);
            var existing = upn is { } u ? context.Pupils.GetValueOrDefault(u.Value) : null;
            var legalFirst = r.Name(ImportColumns.LegalForename, required: true);
            var legalLast = r.Name(ImportColumns.LegalSurname, required: true);
            var preferredFirst = r.Name(ImportColumns.PreferredForename, required: false);
            var preferredLast = r.Name(ImportColumns.PreferredSurname, required: false);
            var born = r.Date(ImportColumns.DateOfBirth, required: true);
            if (born is { } dob)
            {
                var age = AgeOn(dob, context.Today);
                if (dob > context.Today)
                {
                    r.Problems.Add($"Date of birth {dob:dd/MM/yyyy} is in the future");
                }
                else if (age is < YoungestAge or > OldestAge)
                {
                    r.Problems.Add($"Date of birth {dob:dd/MM/yyyy} would make the pupil {age} years old: pupils are {YoungestAge} to {OldestAge}");
                }
            }

            var year = r.YearGroup(ImportColumns.YearGroup);
            var tutorGroup = r.Text(ImportColumns.RegGroup, 20);
            var sen = r.Sen(ImportColumns.SenStatus);
            var lookedAfter = r.YesNo(ImportColumns.LookedAfter);
            var pupilPremium = r.YesNo(ImportColumns.PupilPremium);
            if (upn is { } parsed)
            {
                upns.Add((row.Line, parsed.Value));
            }

            if (r.Problems.Count > 0)
            {
                problems[row.Line] = r.Problems;
                continue;
            }

            // Columns the file does not have keep what SecureBase holds.
            var details = new PupilDetails(
                legalFirst!,
                legalLast!,
                map.Has(ImportColumns.PreferredForename) ? preferredFirst : existing?.PreferredFirstName,
                map.Has(ImportColumns.PreferredSurname) ? preferredLast : existing?.PreferredLastName,
                born!.Value,
                year!.Value,
                map.Has(ImportColumns.RegGroup) ? tutorGroup : existing?.TutorGroup,
                map.Has(ImportColumns.LookedAfter) ? lookedAfter : existing?.CareExperienced ?? false,
                map.Has(ImportColumns.SenStatus) ? sen : existing?.SenStatus ?? SenStatus.None,
                map.Has(ImportColumns.PupilPremium) ? pupilPremium : existing?.PupilPremium ?? false,
                existing is null ? context.DefaultSite : existing.SiteId);
            lines.Add((row.Line, upn!.Value, Normalise(details)));
        }

        ImportPlan.RejectDuplicates(upns, problems, upn => $"UPN {upn}");
        var rejects = ImportPlan.Rejects(sheet, problems);
        var steps = new List<Action<SecureBaseDb>>();
        int added = 0, updated = 0, unchanged = 0;
        foreach (var (line, upn, details) in lines.Where(l => !problems.ContainsKey(l.Line)))
        {
            if (!context.Pupils.TryGetValue(upn.Value, out var pupil))
            {
                added++;
                steps.Add(db =>
                {
                    var created = Pupil.Create(context.School, upn, details, context.Now);
                    db.Pupils.Add(created);
                    context.Pupils[created.Upn] = created;
                });
            }
            else if (Current(pupil) == details)
            {
                unchanged++;
            }
            else if (pupil.HasLeft)
            {
                notes.Add(new RowNote(line, $"UPN {upn.Value} ({pupil.DisplayName}) left on {pupil.LeftOn:d MMMM yyyy}; their record is read-only, so this line was not applied"));
            }
            else
            {
                updated++;
                steps.Add(db => ImportPlan.Change(db, pupil, p => p.Update(details, context.Now)));
            }
        }

        var leaving = new List<LeavingPupil>();
        if (options.MissingPupilsHaveLeft)
        {
            if (sheet.Rows.Count == 0)
            {
                fileProblems.Add("The pupils file lists no pupils, so \"pupils not in this file have left\" would mark every pupil as left: nothing was imported");
            }
            else
            {
                var inFile = upns.Select(u => u.Key).ToHashSet(StringComparer.Ordinal);
                foreach (var pupil in context.Pupils.Values.Where(p => !p.HasLeft && !inFile.Contains(p.Upn)).OrderBy(p => p.LastName, StringComparer.CurrentCulture).ThenBy(p => p.FirstName, StringComparer.CurrentCulture))
                {
                    leaving.Add(new LeavingPupil(pupil.Upn, pupil.DisplayName, YearGroups.Label(pupil.YearGroup)));
                    steps.Add(db => ImportPlan.Change(db, pupil, p => p.MarkLeft(context.Today, context.Now)));
                }
            }
        }

        var report = new ImportFileReport(ImportKind.Pupils, file.FileName, sheet.Rows.Count + sheet.BadRows.Count, new ImportCounts(added, updated, unchanged), null,
            leaving, rejects, notes, fileProblems, map.Ignored);
        return new ImportPlan(report, report.IsRejected ? [] : steps);
    }

    /// <summary>The pupil's details as SecureBase holds them, to tell an unchanged line from an update.</summary>
    private static PupilDetails Current(Pupil p) => new(p.LegalFirstName, p.LegalLastName, p.PreferredFirstName, p.PreferredLastName, p.DateOfBirth,
        p.YearGroup, p.TutorGroup, p.CareExperienced, p.SenStatus, p.PupilPremium, p.SiteId);

    /// <summary>A preferred name the same as the legal one is no preferred name (as <see cref="Pupil"/> stores it).</summary>
    private static PupilDetails Normalise(PupilDetails d) => d with
    {
        PreferredFirstName = string.IsNullOrWhiteSpace(d.PreferredFirstName) || d.PreferredFirstName == d.LegalFirstName ? null : d.PreferredFirstName,
        PreferredLastName = string.IsNullOrWhiteSpace(d.PreferredLastName) || d.PreferredLastName == d.LegalLastName ? null : d.PreferredLastName,
    };

    private static int AgeOn(DateOnly born, DateOnly day)
    {
        var age = day.Year - born.Year;
        return born.AddYears(age) > day ? age - 1 : age;
    }
}
