using System.Text;

namespace SecureBase.Imports;

/// <summary>
/// A column of an import file: the header SecureBase writes on export, whether the file must have
/// it, and the other headers school information systems use for it ("Surname", "Last name",
/// "Legal Surname"…). Headers are compared ignoring case, spaces, underscores and punctuation.
/// </summary>
internal sealed record ImportColumn(string Header, bool Required, params string[] Aliases)
{
    public IEnumerable<string> Keys => Aliases.Prepend(Header).Select(ImportColumns.Key);
}

internal static class ImportColumns
{
    public static readonly ImportColumn Upn = new("UPN", true, "Unique pupil number", "Pupil UPN");
    public static readonly ImportColumn LegalForename = new("Legal forename", true, "Forename", "Forenames", "First name", "Legal first name", "Given name");
    public static readonly ImportColumn LegalSurname = new("Legal surname", true, "Surname", "Last name", "Legal last name", "Family name");
    public static readonly ImportColumn PreferredForename = new("Preferred forename", false, "Preferred first name", "Known as", "Preferred name", "Chosen forename");
    public static readonly ImportColumn PreferredSurname = new("Preferred surname", false, "Preferred last name", "Chosen surname");
    public static readonly ImportColumn DateOfBirth = new("Date of birth", true, "DOB", "Birth date", "Birthdate");
    public static readonly ImportColumn YearGroup = new("Year group", true, "Year", "NC year", "NC year actual", "National curriculum year", "Curriculum year", "Yr");
    public static readonly ImportColumn RegGroup = new("Reg group", false, "Reg", "Registration group", "Form", "Form group", "Tutor group", "Tutor", "Reg form", "Class");
    public static readonly ImportColumn SenStatus = new("SEN status", false, "SEN", "SEN provision", "SEN stage", "SEN code");
    public static readonly ImportColumn LookedAfter = new("Looked after", false, "CLA", "LAC", "In care", "Looked after child", "Child looked after", "Care experienced");
    public static readonly ImportColumn PupilPremium = new("Pupil premium", false, "PP", "Pupil premium eligible", "PP eligible", "Pupil premium indicator");

    public static readonly ImportColumn ContactId = new("Contact ID", true, "Contact ref", "Contact reference", "Contact no", "Parent ID", "Carer ID", "Person ID", "External ID");
    public static readonly ImportColumn PupilUpn = new("Pupil UPN", true, "UPN", "Student UPN", "Child UPN");
    public static readonly ImportColumn Title = new("Title", false, "Salutation");
    public static readonly ImportColumn Forename = new("Forename", true, "First name", "Forenames", "Contact forename", "Contact first name", "Given name", "Legal forename");
    public static readonly ImportColumn Surname = new("Surname", true, "Last name", "Contact surname", "Contact last name", "Family name", "Legal surname");
    public static readonly ImportColumn Relationship = new("Relationship", true, "Relationship to pupil", "Relationship to student", "Relation");
    public static readonly ImportColumn ParentalResponsibility = new("Parental responsibility", false, "PR", "Has parental responsibility");
    public static readonly ImportColumn Priority = new("Priority", false, "Contact priority", "Contact order", "Priority order", "Order");
    public static readonly ImportColumn Email = new("Email", false, "Email address", "E-mail", "Contact email", "Work email", "School email");
    public static readonly ImportColumn Telephone = new("Telephone", false, "Phone", "Telephone number", "Phone number", "Mobile", "Mobile number", "Tel", "Main phone", "Contact phone");
    public static readonly ImportColumn Address = new("Address", false, "Home address", "Full address", "Postal address");
    public static readonly ImportColumn ContactPreference = new("Contact preference", false, "Preferred contact method", "Contact method", "Preferred contact");
    public static readonly ImportColumn Language = new("Language", false, "Preferred language", "Home language", "First language", "Language spoken");
    public static readonly ImportColumn Restricted = new("Restricted", false, "Court order", "Restricted access", "Access restricted", "Restriction", "Legal restriction");
    public static readonly ImportColumn RestrictionReason = new("Restriction reason", false, "Court order details", "Restriction details");

    public static readonly ImportColumn StaffCode = new("Staff code", true, "Code", "Staff ID", "Staff ref", "Staff reference", "Employee ID");
    public static readonly ImportColumn JobTitle = new("Job title", false, "Role", "Post", "Position", "Job role");
    public static readonly ImportColumn Discipline = new("Discipline", false, "Therapy discipline", "Profession", "Therapy type", "Specialism");
    public static readonly ImportColumn RegistrationBody = new("Registration body", false, "Registered with", "Professional body", "Register", "Regulator");
    public static readonly ImportColumn RegistrationNumber = new("Registration number", false, "HCPC number", "HCPC registration number", "Registration no", "Reg number", "HCPC no", "Membership number");
    public static readonly ImportColumn RegistrationRenewal = new("Registration renewal", false, "Renewal date", "Registration renewal date", "Registration expiry", "HCPC renewal", "HCPC renewal date", "HCPC expiry", "Expiry date");
    public static readonly ImportColumn CaseloadCapacity = new("Caseload capacity", false, "Capacity", "Caseload", "Max caseload", "Maximum caseload");

    public static IReadOnlyList<ImportColumn> For(ImportKind kind) => kind switch
    {
        ImportKind.Pupils => [Upn, LegalForename, LegalSurname, PreferredForename, PreferredSurname, DateOfBirth, YearGroup, RegGroup, SenStatus, LookedAfter, PupilPremium],
        ImportKind.Carers => [ContactId, PupilUpn, Title, Forename, Surname, Relationship, ParentalResponsibility, Priority, Email, Telephone, Address, ContactPreference, Language, Restricted, RestrictionReason],
        ImportKind.Staff => [StaffCode, Title, Forename, Surname, Email, JobTitle, Discipline, RegistrationBody, RegistrationNumber, RegistrationRenewal, CaseloadCapacity],
    };

    /// <summary>A header reduced to letters and digits in lower case: "Legal_Surname", "LEGAL SURNAME" and "Legal-surname" all read "legalsurname".</summary>
    public static string Key(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }
}

/// <summary>Which column of a file holds which field, worked out from the header row.</summary>
internal sealed class ColumnMap
{
    private readonly Dictionary<ImportColumn, int> _index;

    private ColumnMap(Dictionary<ImportColumn, int> index, IReadOnlyList<string> ignored)
    {
        _index = index;
        Ignored = ignored;
    }

    /// <summary>Headers that match no column: listed as a note, their values are not read.</summary>
    public IReadOnlyList<string> Ignored { get; }

    public bool Has(ImportColumn column) => _index.ContainsKey(column);

    /// <summary>The cell for a column: formula protection undone, trimmed, Unicode-normalised; null when blank or the column is absent.</summary>
    public string? Get(CsvRow row, ImportColumn column) =>
        _index.TryGetValue(column, out var i) ? Common.TextRules.Tidy(CsvCells.Unprotect(row.Cells[i].Trim())) : null;

    private static int IndexOf(IReadOnlyList<string> headers, string header)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i] == header)
            {
                return i;
            }
        }

        return -1;
    }

    private static ImportColumn? PreferredFor(ImportColumn column) =>
        column == ImportColumns.LegalForename ? ImportColumns.PreferredForename
        : column == ImportColumns.LegalSurname ? ImportColumns.PreferredSurname
        : null;

    /// <summary>Matches a header row to the columns of a kind of file, or says which required column is missing or which is given twice.</summary>
    public static ColumnMap Match(ImportKind kind, IReadOnlyList<string> headers, List<string> problems) =>
        Match(ImportKinds.Name(kind), ImportColumns.For(kind), headers, problems);

    /// <summary>Matches a header row to the given columns; <paramref name="fileName"/> ("pupils", "lessons") names the file in messages.</summary>
    public static ColumnMap Match(string fileName, IReadOnlyList<ImportColumn> columns, IReadOnlyList<string> headers, List<string> problems)
    {
        var byKey = new Dictionary<string, ImportColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            foreach (var key in column.Keys)
            {
                byKey.TryAdd(key, column);
            }
        }

        var index = new Dictionary<ImportColumn, int>();
        var ignored = new List<string>();

        // Headers naming a legal name go first: SIMS exports "Legal Forename" and "Forename" side by
        // side, and then the plain "Forename" is the name the pupil uses (the preferred forename).
        var order = Enumerable.Range(0, headers.Count).OrderBy(i => ImportColumns.Key(headers[i]).StartsWith("legal", StringComparison.Ordinal) ? 0 : 1).ThenBy(i => i);
        foreach (var i in order)
        {
            var header = headers[i];
            if (!byKey.TryGetValue(ImportColumns.Key(header), out var column))
            {
                if (header.Length > 0)
                {
                    ignored.Add(header);
                }

                continue;
            }

            if (index.TryGetValue(column, out var legal) && ImportColumns.Key(headers[legal]).StartsWith("legal", StringComparison.Ordinal)
                && PreferredFor(column) is { } preferred && !index.ContainsKey(preferred) && !headers.Any(h => preferred.Keys.Contains(ImportColumns.Key(h))))
            {
                column = preferred;
            }

            if (index.TryGetValue(column, out var first))
            {
                problems.Add($"The columns \"{headers[Math.Min(first, i)]}\" and \"{headers[Math.Max(first, i)]}\" both mean {column.Header}: remove one of them");
                continue;
            }

            index[column] = i;
        }

        ignored.Sort((a, b) => IndexOf(headers, a).CompareTo(IndexOf(headers, b)));

        foreach (var missing in columns.Where(c => c.Required && !index.ContainsKey(c)))
        {
            problems.Add($"The {fileName} file has no \"{missing.Header}\" column"
                         + (missing.Aliases.Length > 0 ? $" (also accepted: {string.Join(", ", missing.Aliases.Take(4).Select(a => $"\"{a}\""))})" : ""));
        }

        return new ColumnMap(index, ignored);
    }
}
