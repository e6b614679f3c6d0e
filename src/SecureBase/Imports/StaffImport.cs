using SecureBase.Data;
using SecureBase.Staff;

namespace SecureBase.Imports;

/// <summary>
/// The staff file: one line per member of staff, matched by staff code. Information systems do
/// not know SecureBase's own details (discipline, registration, caseload capacity), so a column the
/// file does not have leaves that detail as it is.
/// </summary>
internal static class StaffImport
{
    public static ImportPlan Plan(ImportFile file, CsvSheet sheet, ColumnMap map, ImportContext context, List<string> fileProblems)
    {
        var problems = new Dictionary<int, List<string>>();
        var lines = new List<(int Line, string Code, StaffDetails Details)>();
        var codes = new List<(int Line, string Key)>();
        var byCode = new Dictionary<string, StaffMember>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in context.Staff)
        {
            byCode.TryAdd(s.StaffCode, s);
        }

        foreach (var row in sheet.Rows)
        {
            var r = new RowReader(map, row);
            var code = r.Text(ImportColumns.StaffCode, 20, required: true);
            var existing = code is null ? null : byCode.GetValueOrDefault(code);
            var title = r.Name(ImportColumns.Title, required: false, max: 20);
            var first = r.Name(ImportColumns.Forename, required: true);
            var last = r.Name(ImportColumns.Surname, required: true);
            var email = r.EmailAddress(ImportColumns.Email);
            var jobTitle = r.Text(ImportColumns.JobTitle, 100);
            var discipline = map.Has(ImportColumns.Discipline) ? r.TherapyDiscipline(ImportColumns.Discipline) : existing?.Discipline;
            var body = r.Register(ImportColumns.RegistrationBody);
            var number = map.Has(ImportColumns.RegistrationNumber) ? r.Text(ImportColumns.RegistrationNumber, 30) : existing?.RegistrationNumber;
            var renewal = map.Has(ImportColumns.RegistrationRenewal) ? r.Date(ImportColumns.RegistrationRenewal, required: false) : existing?.RegistrationRenewal;
            var capacity = map.Has(ImportColumns.CaseloadCapacity) ? r.Number(ImportColumns.CaseloadCapacity, 0, 200) : existing?.CaseloadCapacity;
            if (code is not null)
            {
                codes.Add((row.Line, code.ToUpperInvariant()));
            }

            if (!map.Has(ImportColumns.RegistrationBody))
            {
                body = existing?.RegistrationBody;
            }

            if (body is null && number is not null)
            {
                if (discipline is { } d && Disciplines.RequiresHcpc(d))
                {
                    body = RegistrationBody.Hcpc;
                }
                else
                {
                    r.Problems.Add("Registration body is blank: say which register the registration number is on (HCPC, BACP, UKCP, BAPT or Other)");
                }
            }

            if (r.Problems.Count > 0)
            {
                problems[row.Line] = r.Problems;
                continue;
            }

            var details = new StaffDetails(
                map.Has(ImportColumns.Title) ? title : existing?.Title,
                first!,
                last!,
                map.Has(ImportColumns.Email) ? email : existing?.Email,
                map.Has(ImportColumns.JobTitle) ? jobTitle : existing?.JobTitle,
                discipline,
                body ?? RegistrationBody.None,
                number,
                renewal,
                capacity);
            lines.Add((row.Line, existing?.StaffCode ?? code!, Normalise(details)));
        }

        ImportPlan.RejectDuplicates(codes, problems, code => $"Staff code {code}");
        var rejects = ImportPlan.Rejects(sheet, problems);
        var steps = new List<Action<SecureBaseDb>>();
        int added = 0, updated = 0, unchanged = 0;
        foreach (var (_, code, details) in lines.Where(l => !problems.ContainsKey(l.Line)))
        {
            if (!byCode.TryGetValue(code, out var staff))
            {
                added++;
                steps.Add(db => db.StaffMembers.Add(StaffMember.Create(context.School, code, details)));
            }
            else if (Current(staff) == details)
            {
                unchanged++;
            }
            else
            {
                updated++;
                steps.Add(db => ImportPlan.Change(db, staff, s => s.Update(details)));
            }
        }

        var report = new ImportFileReport(ImportKind.Staff, file.FileName, sheet.Rows.Count + sheet.BadRows.Count, new ImportCounts(added, updated, unchanged), null,
            [], rejects, [], fileProblems, map.Ignored);
        return new ImportPlan(report, report.IsRejected ? [] : steps);
    }

    private static StaffDetails Current(StaffMember s) => new(s.Title, s.FirstName, s.LastName, s.Email, s.JobTitle, s.Discipline,
        s.RegistrationBody, s.RegistrationNumber, s.RegistrationRenewal, s.CaseloadCapacity);

    /// <summary>As <see cref="StaffMember.Update"/> stores it: no registration number or renewal without a register.</summary>
    private static StaffDetails Normalise(StaffDetails d) => d.RegistrationBody == RegistrationBody.None
        ? d with { RegistrationNumber = null, RegistrationRenewal = null }
        : d;
}
