using System.Text;
using CsvHelper;

namespace SecureBase.Imports;

/// <summary>
/// Formula escaping for cells a spreadsheet will open (OWASP "CSV injection"): a cell that begins
/// with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is run by Excel or
/// LibreOffice as a formula, so "=HYPERLINK(...)" typed as a parent's address would become a link
/// in the office's spreadsheet. Such a cell is written with a single quote in front, which the
/// spreadsheet shows as text and SecureBase's import takes off again.
/// </summary>
internal static class CsvCells
{
    private static bool StartsDangerously(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The cell as it is safe to write: "=1+2" becomes "'=1+2"; anything else is unchanged.</summary>
    public static string Protect(string? text) => text is null ? "" : StartsDangerously(text) ? "'" + text : text;

    /// <summary>Undoes <see cref="Protect"/>: "'=1+2" read from an export is "=1+2" again.</summary>
    public static string Unprotect(string text) => text.Length > 1 && text[0] == '\'' && StartsDangerously(text[1..]) ? text[1..] : text;
}

/// <summary>A row of a CSV file with the physical line it starts on (the header is line 1).</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Cells);

/// <summary>A CSV file read into its header and rows, or the reason it could not be read.</summary>
public sealed record CsvSheet(IReadOnlyList<string> Headers, IReadOnlyList<CsvRow> Rows, IReadOnlyList<RowProblem> BadRows);

/// <summary>Reads and writes the CSV files exchanged with the school's information system.</summary>
public static class CsvText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 with a byte order mark, which Excel needs to show names like "Zoë" and "王芳" correctly.</summary>
    public static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The file's text, from UTF-8 with or without a byte order mark; otherwise a message saying what to do.</summary>
    public static bool TryDecode(byte[] content, out string text, out string problem)
    {
        text = "";
        problem = "";
        if (content.Length == 0)
        {
            problem = "The file is empty";
            return false;
        }

        if (content is [0x50, 0x4B, 0x03, 0x04, ..])
        {
            problem = "This looks like an Excel workbook, not a CSV file: in Excel choose Save As, then \"CSV UTF-8 (Comma delimited)\", and try again";
            return false;
        }

        if (content is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            problem = "This file is saved as UTF-16 (\"Unicode text\"), not UTF-8: save it as \"CSV UTF-8 (Comma delimited)\" and try again";
            return false;
        }

        var start = content is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        try
        {
            text = StrictUtf8.GetString(content, start, content.Length - start);
        }
        catch (DecoderFallbackException)
        {
            problem = "This file is not in UTF-8: save it as \"CSV UTF-8 (Comma delimited)\" and try again";
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            problem = "This file is not a text file: save it as \"CSV UTF-8 (Comma delimited)\" and try again";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Reads a comma-separated file. Each row carries the physical line it starts on, so a value
    /// that spans lines inside quotes does not throw the numbering out. Blank lines are skipped;
    /// a row with a different number of values from the header, or a misplaced quotation mark, is
    /// reported as a bad row.
    /// </summary>
    public static CsvSheet Read(string text)
    {
        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = m =>
            {
                if (m.Reason != CsvMalformedReason.FieldCountMismatch)
                {
                    malformed.TryAdd(m.LineNumber, m.Reason);
                }
            },
        };
        using var reader = CsvReader.Create(new StringReader(text), options);
        var headers = reader.Headers.Select((h, i) => (i == 0 ? h.TrimStart('\uFEFF') : h).Trim()).ToList();
        var rows = new List<CsvRow>();
        var bad = new List<RowProblem>();
        while (reader.Read())
        {
            var line = (int)reader.LineNumber;
            var cells = reader.Current.ToArray();
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (malformed.TryGetValue(reader.LineNumber, out var reason))
            {
                bad.Add(new RowProblem(line, [reason == CsvMalformedReason.UnterminatedQuote
                    ? "A quotation mark on this line is never closed, so the rest of the file cannot be read: a value containing quotes or commas must be wrapped in quotes, with any quote inside it doubled"
                    : "This line has a quotation mark in the wrong place: a value containing quotes or commas must be wrapped in quotes, with any quote inside it doubled"]));
            }
            else if (cells.Length != headers.Count)
            {
                bad.Add(new RowProblem(line, [$"This line has {cells.Length} value{(cells.Length == 1 ? "" : "s")} but the header has {headers.Count} columns: a value containing a comma must be wrapped in quotes"]));
            }
            else
            {
                rows.Add(new CsvRow(line, cells));
            }
        }

        return new CsvSheet(headers, rows, bad);
    }

    /// <summary>Writes a CSV file (UTF-8 with BOM, CRLF line ends) with every cell protected against formula injection.</summary>
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.None }, leaveOpen: true))
        {
            csv.WriteHeader(headers.ToArray());
            foreach (var row in rows)
            {
                csv.WriteRecord(row.Select(CsvCells.Protect).ToArray());
            }

            csv.Flush();
        }

        return buffer.ToArray();
    }
}
