using System.Globalization;
using System.Text.RegularExpressions;
using SecureBase.Common;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Imports;

/// <summary>
/// Reads the fields of one line of an import file with the same rules as the forms, collecting
/// every problem in plain words that name the column ("Date of birth 31/02/2015 is not a date").
/// </summary>
internal sealed partial class RowReader(ColumnMap map, CsvRow row)
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "dd/MM/yy", "d/M/yy"];

    public CsvRow Row => row;
    public List<string> Problems { get; } = [];

    public string? Raw(ImportColumn column) => map.Get(row, column);

    /// <summary>Free text: at most <paramref name="max"/> characters and no control or hidden text-direction characters.</summary>
    public string? Text(ImportColumn column, int max, bool required = false, bool multiLine = false)
    {
        var value = map.Get(row, column);
        if (value is null)
        {
            if (required)
            {
                Problems.Add($"Enter the {Lower(column.Header)}");
            }

            return null;
        }

        if (value.Length > max)
        {
            Problems.Add($"{column.Header} must be {max} characters or fewer (it has {value.Length})");
            return null;
        }

        if (TextRules.FindForbiddenCharacter(value, multiLine) is { } bad)
        {
            Problems.Add($"{column.Header} contains {bad}; please retype it");
            return null;
        }

        return value;
    }

    /// <summary>A person's name in any script (the form's <see cref="PersonNameAttribute"/> rule).</summary>
    public string? Name(ImportColumn column, bool required, int max = PersonNameAttribute.MaxLength)
    {
        var value = Text(column, max, required);
        if (value is not null && !TextRules.IsPersonName(value))
        {
            Problems.Add($"{column.Header} can only contain letters, spaces, hyphens, apostrophes and full stops");
            return null;
        }

        return value;
    }

    public bool YesNo(ImportColumn column)
    {
        var value = map.Get(row, column);
        if (value is null)
        {
            return false;
        }

        switch (ImportColumns.Key(value))
        {
            case "y" or "yes" or "true" or "1" or "t":
                return true;
            case "n" or "no" or "false" or "0" or "f":
                return false;
            default:
                Problems.Add($"{column.Header} \"{Shorten(value)}\" should be Y or N");
                return false;
        }
    }

    public DateOnly? Date(ImportColumn column, bool required)
    {
        var value = map.Get(row, column);
        if (value is null)
        {
            if (required)
            {
                Problems.Add($"Enter the {Lower(column.Header)}");
            }

            return null;
        }

        // Spreadsheets add a time to dates ("02/03/2014 00:00:00"); the date is what counts.
        var datePart = value.Split(' ', 2)[0];
        if (DateOnly.TryParseExact(datePart, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Problems.Add($"{column.Header} \"{Shorten(value)}\" is not a date: write it as dd/mm/yyyy (for example 02/03/2014) or yyyy-mm-dd");
        return null;
    }

    public int? Number(ImportColumn column, int min, int max)
    {
        var value = map.Get(row, column);
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        Problems.Add($"{column.Header} \"{Shorten(value)}\" should be a whole number from {min} to {max}");
        return null;
    }

    public Upn? ReadUpn(ImportColumn column)
    {
        var value = map.Get(row, column);
        if (Upn.TryParse(value, out var upn, out var problem))
        {
            return upn;
        }

        Problems.Add(value is null ? $"Enter the {(column == ImportColumns.Upn ? "UPN" : "pupil's UPN")}" : $"{column.Header} {Shorten(value)}: {problem}");
        return null;
    }

    public string? EmailAddress(ImportColumn column)
    {
        var value = Text(column, 254);
        if (value is not null && !EmailPattern().IsMatch(value))
        {
            Problems.Add($"{column.Header} \"{Shorten(value)}\" is not an email address (it should look like name@example.org)");
            return null;
        }

        return value;
    }

    public string? Telephone(ImportColumn column)
    {
        var value = Text(column, 30);
        if (value is not null && (!PhonePattern().IsMatch(value) || value.Count(char.IsAsciiDigit) < 6))
        {
            Problems.Add($"{column.Header} \"{Shorten(value)}\" is not a telephone number: use digits, spaces and + ( ) - only");
            return null;
        }

        return value;
    }

    /// <summary>
    /// National curriculum year as SIS exports write it: N1, N2 or Nursery; R, YR or Reception;
    /// 1 to 14, also as "Year 7", "Y7" or "07".
    /// </summary>
    public int? YearGroup(ImportColumn column)
    {
        var value = map.Get(row, column);
        if (value is null)
        {
            Problems.Add($"Enter the {Lower(column.Header)}");
            return null;
        }

        var key = ImportColumns.Key(value);
        foreach (var prefix in new[] { "year", "yr", "y", "nc" })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
            {
                key = key[prefix.Length..];
                break;
            }
        }

        int? year = key switch
        {
            "n" or "n1" or "n2" or "nursery" or "nur" => YearGroups.Nursery,
            "r" or "reception" or "rec" or "0" or "00" => YearGroups.Reception,
            _ when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && YearGroups.IsValid(n) => n,
            _ => null,
        };
        if (year is null)
        {
            Problems.Add($"{column.Header} \"{Shorten(value)}\" is not a year group: use N1, N2, R or 1 to 14 (for example \"Year 7\")");
        }

        return year;
    }

    /// <summary>SEN status as the census codes it (N, K, E) or in words; blank is no special educational need.</summary>
    public SenStatus Sen(ImportColumn column)
    {
        var value = map.Get(row, column);
        if (value is null)
        {
            return SenStatus.None;
        }

        switch (ImportColumns.Key(value))
        {
            case "n" or "none" or "no" or "nosen" or "notsen":
                return SenStatus.None;
            case "k" or "sensupport" or "support" or "senk" or "a" or "p" or "schoolaction" or "schoolactionplus":
                return SenStatus.SenSupport;
            case "e" or "ehcp" or "ehc" or "ehcplan" or "educationhealthandcareplan" or "educationhealthcareplan" or "s" or "statement" or "statemented":
                return SenStatus.Ehcp;
            default:
                Problems.Add($"{column.Header} \"{Shorten(value)}\" should be N (none), K (SEN support) or E (EHCP)");
                return SenStatus.None;
        }
    }

    public Discipline? TherapyDiscipline(ImportColumn column)
    {
        var value = map.Get(row, column);
        if (value is null)
        {
            return null;
        }

        if (DisciplineWords.Lookup.TryGetValue(ImportColumns.Key(value), out var d))
        {
            return d;
        }

        Problems.Add($"{column.Header} \"{Shorten(value)}\" is not one SecureBase knows: use one of {string.Join(", ", Enum.GetValues<Discipline>().Select(Disciplines.Name))}, or leave it blank for staff who are not practitioners");
        return null;
    }

    public RegistrationBody? Register(ImportColumn column)
    {
        var value = map.Get(row, column);
        if (value is null)
        {
            return null;
        }

        RegistrationBody? body = ImportColumns.Key(value) switch
        {
            "none" or "no" or "n" => RegistrationBody.None,
            "hcpc" or "healthandcareprofessionscouncil" => RegistrationBody.Hcpc,
            "bacp" or "britishassociationforcounsellingandpsychotherapy" => RegistrationBody.Bacp,
            "ukcp" or "ukcouncilforpsychotherapy" => RegistrationBody.Ukcp,
            "bapt" or "britishassociationofplaytherapists" => RegistrationBody.Bapt,
            "other" => RegistrationBody.Other,
            _ => null,
        };
        if (body is null)
        {
            Problems.Add($"{column.Header} \"{Shorten(value)}\" should be HCPC, BACP, UKCP, BAPT, Other or None");
        }

        return body;
    }

    public ContactPreference? Preference(ImportColumn column)
    {
        var value = map.Get(row, column);
        if (value is null)
        {
            return null;
        }

        ContactPreference? preference = ImportColumns.Key(value) switch
        {
            "email" or "emailaddress" => ContactPreference.Email,
            "phone" or "telephone" or "tel" or "mobile" or "call" or "text" or "sms" or "textmessage" => ContactPreference.Phone,
            "letter" or "post" or "postal" or "inwriting" => ContactPreference.Letter,
            "app" or "parentapp" or "schoolapp" => ContactPreference.App,
            _ => null,
        };
        if (preference is null)
        {
            Problems.Add($"{column.Header} \"{Shorten(value)}\" should be Email, Phone, Letter or App");
        }

        return preference;
    }

    /// <summary>"Legal forename" reads "legal forename"; "UPN" and "SEN status" keep their capitals.</summary>
    public static string Lower(string header) =>
        header.Length > 1 && char.IsUpper(header[0]) && !char.IsUpper(header[1]) ? char.ToLowerInvariant(header[0]) + header[1..] : header;

    /// <summary>A value quoted back in a message: short, so a message never carries a whole pasted paragraph.</summary>
    public static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "…";

    [GeneratedRegex(@"^[^@\s<>()\[\],;:""]+@[^@\s<>()\[\],;:""]+\.[^@\s<>()\[\],;:"".]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ()\-.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}

/// <summary>The names schools give their therapy disciplines, read as SecureBase's <see cref="Discipline"/>.</summary>
internal static class DisciplineWords
{
    public static readonly IReadOnlyDictionary<string, Discipline> Lookup = Build();

    private static Dictionary<string, Discipline> Build()
    {
        var words = new Dictionary<string, Discipline>(StringComparer.Ordinal);
        foreach (var d in Enum.GetValues<Discipline>())
        {
            words[ImportColumns.Key(d.ToString())] = d;
            words[ImportColumns.Key(Disciplines.Name(d))] = d;
            words[ImportColumns.Key(Disciplines.Practitioner(d))] = d;
        }

        void Add(Discipline d, params string[] names)
        {
            foreach (var n in names)
            {
                words[ImportColumns.Key(n)] = d;
            }
        }

        Add(Discipline.SpeechAndLanguage, "SaLT", "SLT", "Speech and Language Therapist", "Speech & Language Therapy", "Speech & Language Therapist", "Speech therapy", "Speech therapist", "Speech and language");
        Add(Discipline.OccupationalTherapy, "OT", "Occupational therapist");
        Add(Discipline.Counselling, "Counsellor", "Counseling", "Counselor", "School counsellor");
        Add(Discipline.Psychotherapy, "Psychotherapist", "Child psychotherapist", "Child and adolescent psychotherapist");
        Add(Discipline.PlayTherapy, "Play therapist");
        Add(Discipline.ArtTherapy, "Art therapist", "Art psychotherapist");
        Add(Discipline.DramaTherapy, "Dramatherapy", "Dramatherapist", "Drama psychotherapist");
        Add(Discipline.MusicTherapy, "Music therapist");
        Add(Discipline.Cbt, "CBT", "REBT", "CBT/REBT", "CBT therapist", "Cognitive behavioural therapy", "Cognitive behaviour therapy", "Cognitive behavioral therapy", "Cognitive behavioural therapist");
        Add(Discipline.ClinicalPsychology, "Clinical psychologist");
        Add(Discipline.Elsa, "ELSA", "Emotional literacy support assistant");
        Add(Discipline.TherapyAssistant, "Therapy assistant", "Assistant therapist");
        return words;
    }
}
