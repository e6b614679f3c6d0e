using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Imports;

/// <summary>A CSV file ready to download.</summary>
public sealed record CsvDownload(string FileName, byte[] Content, int Rows);

/// <summary>
/// Exports pupils, parents and carers (one line per link to a pupil) and staff in the columns the
/// import reads, so an export can be edited and imported again. Only current pupils and staff are
/// exported (and only carers' links to current pupils): the school's information system holds the
/// history. Files are UTF-8 with a byte order mark, every cell is protected against formula
/// injection, and every export is recorded in the audit log.
/// </summary>
public sealed class SchoolDataExport(SecureBaseDb db, AuditLog audit, Schools.SchoolClock schoolClock)
{
    public async Task<CsvDownload> ExportAsync(ImportKind kind, CancellationToken ct = default)
    {
        var today = schoolClock.Today;
        var (rows, count) = kind switch
        {
            ImportKind.Pupils => await PupilsAsync(ct),
            ImportKind.Carers => await CarersAsync(ct),
            ImportKind.Staff => await StaffAsync(ct),
        };
        var headers = ImportColumns.For(kind).Where(c => c != ImportColumns.RestrictionReason).Select(c => c.Header).ToList();
        var content = CsvText.Write(headers, rows);
        audit.Record(ImportAuditActions.Exported, ImportKinds.FileStem(kind), null, null, $"{count} lines");
        await db.SaveChangesAsync(ct);
        return new CsvDownload($"{ImportKinds.FileStem(kind)}-{today:yyyy-MM-dd}.csv", content, count);
    }

    private static string Date(DateOnly? d) => d?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    private static string YesNo(bool b) => b ? "Y" : "N";

    /// <summary>Year groups as information systems write them: N1 for nursery, R for reception, then 1 to 14.</summary>
    public static string YearGroup(int year) => year switch
    {
        YearGroups.Nursery => "N1",
        YearGroups.Reception => "R",
        _ => year.ToString(CultureInfo.InvariantCulture),
    };

    public static string Sen(SenStatus s) => s switch
    {
        SenStatus.None => "N",
        SenStatus.SenSupport => "K",
        SenStatus.Ehcp => "E",
    };

    private async Task<(List<IReadOnlyList<string?>>, int)> PupilsAsync(CancellationToken ct)
    {
        var pupils = await db.Pupils.AsNoTracking().Where(p => p.LeftOn == null).OrderBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName).ThenBy(p => p.Upn).ToListAsync(ct);
        var rows = pupils.Select(p => (IReadOnlyList<string?>)
        [
            p.Upn, p.LegalFirstName, p.LegalLastName, p.PreferredFirstName, p.PreferredLastName, Date(p.DateOfBirth), YearGroup(p.YearGroup),
            p.TutorGroup, Sen(p.SenStatus), YesNo(p.CareExperienced), YesNo(p.PupilPremium),
        ]).ToList();
        return (rows, rows.Count);
    }

    private async Task<(List<IReadOnlyList<string?>>, int)> CarersAsync(CancellationToken ct)
    {
        var lines = await (
                from l in db.CarerLinks.AsNoTracking()
                join c in db.Carers.AsNoTracking() on l.CarerId equals c.Id
                join p in db.Pupils.AsNoTracking() on l.PupilId equals p.Id
                where p.LeftOn == null
                orderby c.LastName, c.FirstName, c.Id, p.Upn
                select new { Link = l, Carer = c, p.Upn })
            .ToListAsync(ct);
        var rows = lines.Select(x => (IReadOnlyList<string?>)
        [
            x.Carer.ExternalRef ?? CarerImport.OwnIdPrefix + x.Carer.Id.Value, x.Upn, x.Carer.Title, x.Carer.FirstName, x.Carer.LastName,
            x.Link.Relationship, YesNo(x.Link.ParentalResponsibility), x.Link.ContactPriority.ToString(CultureInfo.InvariantCulture),
            x.Carer.Email, x.Carer.Phone, x.Carer.Address, x.Carer.ContactPreference.ToString(), x.Carer.PreferredLanguage, YesNo(x.Link.IsRestricted),
        ]).ToList();
        return (rows, rows.Count);
    }

    private async Task<(List<IReadOnlyList<string?>>, int)> StaffAsync(CancellationToken ct)
    {
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.LeftOn == null).OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ThenBy(s => s.StaffCode).ToListAsync(ct);
        var rows = staff.Select(s => (IReadOnlyList<string?>)
        [
            s.StaffCode, s.Title, s.FirstName, s.LastName, s.Email, s.JobTitle, s.Discipline is { } d ? Disciplines.Name(d) : null,
            s.RegistrationBody == RegistrationBody.None ? "None" : s.RegistrationBody.ToString().ToUpperInvariant(), s.RegistrationNumber, Date(s.RegistrationRenewal),
            s.CaseloadCapacity?.ToString(CultureInfo.InvariantCulture),
        ]).ToList();
        return (rows, rows.Count);
    }
}
