using System.Text;
using SecureBase.Imports;

namespace SecureBase.Tests.Imports;

/// <summary>Reading and writing the CSV files themselves: encodings, line numbers, headers, formula escaping.</summary>
public sealed class CsvTextTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+44 7700 900123", "'+44 7700 900123")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "'\r=cmd")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")", "'=HYPERLINK(\"http://evil.example\",\"Click\")")]
    public void Protect_ACellThatASpreadsheetWouldRunAsAFormula_GetsAQuoteInFront(string cell, string written)
    {
        CsvCells.Protect(cell).ShouldBe(written);
        CsvCells.Unprotect(written).ShouldBe(cell);
    }

    [Theory]
    [InlineData("Amelia")]
    [InlineData("1 High Street, Leeds")]
    [InlineData("O'Neill")]
    [InlineData("'quoted already")]
    [InlineData("a=b")]
    [InlineData(" =not first")]
    [InlineData("")]
    public void Protect_AnOrdinaryCell_IsUnchanged(string cell)
    {
        CsvCells.Protect(cell).ShouldBe(cell);
        CsvCells.Unprotect(cell).ShouldBe(cell);
    }

    [Fact]
    public void Write_ProtectsEveryCell_QuotesWhatNeedsIt_AndStartsWithAByteOrderMark()
    {
        var bytes = CsvText.Write(["Name", "Address"], [["=evil()", "1 High Street, Leeds"], ["Zoë \"Zo\" Ní", "@home"]]);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.ShouldBe("Name,Address\r\n'=evil(),\"1 High Street, Leeds\"\r\n\"Zoë \"\"Zo\"\" Ní\",'@home\r\n");
    }

    [Fact]
    public void Read_CountsPhysicalLines_IncludingTheHeaderBlankLinesAndLineBreaksInsideQuotes()
    {
        var sheet = CsvText.Read("A,B\r\n1,one\r\n\r\n2,\"two\r\nlines\"\r\n3,three\r\n");
        sheet.Headers.ShouldBe(["A", "B"]);
        sheet.Rows.Select(r => (r.Line, r.Cells[0])).ShouldBe([(2, "1"), (4, "2"), (6, "3")]);
        sheet.Rows[1].Cells[1].ShouldBe("two\r\nlines");
    }

    [Fact]
    public void Read_ALineWithTheWrongNumberOfValues_OrAStrayQuote_IsABadRow()
    {
        var sheet = CsvText.Read("A,B\n1,one\n2,two,extra\n3,th\"ree\n4,four\n");
        sheet.Rows.Select(r => r.Line).ShouldBe([2, 5]);
        sheet.BadRows.Select(b => b.Line).ShouldBe([3, 4]);
        sheet.BadRows[0].Reasons.Single().ShouldContain("3 values but the header has 2 columns");
        sheet.BadRows[1].Reasons.Single().ShouldContain("quotation mark");
    }

    [Fact]
    public void Decode_Utf8WithOrWithoutByteOrderMark_GivesTheSameText()
    {
        var plain = Encoding.UTF8.GetBytes("UPN,Forename\nX,Zoë 王芳");
        CsvText.TryDecode(plain, out var a, out _).ShouldBeTrue();
        CsvText.TryDecode([0xEF, 0xBB, 0xBF, .. plain], out var b, out _).ShouldBeTrue();
        a.ShouldBe(b);
        a.ShouldStartWith("UPN");
    }

    [Fact]
    public void Decode_AFileInAnotherEncoding_SaysToSaveItAsCsvUtf8()
    {
        // "Zoë" as Windows-1252 (what Excel's plain "CSV" writes): 0xEB is not valid UTF-8.
        CsvText.TryDecode([.. "UPN,Forename\nX,Zo"u8.ToArray(), 0xEB], out _, out var problem).ShouldBeFalse();
        problem.ShouldContain("not in UTF-8");
        problem.ShouldContain("CSV UTF-8");

        CsvText.TryDecode(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("UPN")).ToArray(), out _, out var utf16).ShouldBeFalse();
        utf16.ShouldContain("UTF-16");

        CsvText.TryDecode([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], out _, out var workbook).ShouldBeFalse();
        workbook.ShouldContain("Excel workbook");

        CsvText.TryDecode([], out _, out var empty).ShouldBeFalse();
        empty.ShouldBe("The file is empty");
    }

    [Theory]
    [InlineData("UPN,Legal forename,Legal surname,Date of birth,Year group")]
    [InlineData("upn,FORENAME,SURNAME,DOB,NC Year")]
    [InlineData("Unique Pupil Number,First Name,Last_Name,Date of Birth,Year")]
    [InlineData("UPN,Legal Forename,Legal Surname,D.O.B.,Year Group")]
    public void Headers_InTheUsualVariations_AreRecognised(string header)
    {
        var problems = new List<string>();
        var map = ColumnMap.Match(ImportKind.Pupils, header.Split(','), problems);
        problems.ShouldBeEmpty();
        map.Has(ImportColumns.Upn).ShouldBeTrue();
        map.Has(ImportColumns.LegalSurname).ShouldBeTrue();
        map.Has(ImportColumns.DateOfBirth).ShouldBeTrue();
        map.Has(ImportColumns.YearGroup).ShouldBeTrue();
        map.Ignored.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Reg", "RegGroup")]
    [InlineData("Form", "RegGroup")]
    [InlineData("Tutor group", "RegGroup")]
    [InlineData("SEN", "SenStatus")]
    [InlineData("SEN Provision", "SenStatus")]
    [InlineData("CLA", "LookedAfter")]
    [InlineData("Care experienced", "LookedAfter")]
    [InlineData("Known as", "PreferredForename")]
    public void OptionalHeaders_InTheUsualVariations_AreRecognised(string header, string field)
    {
        var column = (ImportColumn)typeof(ImportColumns).GetField(field)!.GetValue(null)!;
        var map = ColumnMap.Match(ImportKind.Pupils, ["UPN", "Forename", "Surname", "DOB", "Year", header], []);
        map.Has(column).ShouldBeTrue();
    }

    [Fact]
    public void Headers_AMissingRequiredColumn_IsNamed_AndUnknownColumnsAreListed()
    {
        var problems = new List<string>();
        var map = ColumnMap.Match(ImportKind.Pupils, ["UPN", "Forename", "Surname", "Year", "Ethnicity", "Home postcode"], problems);
        problems.ShouldBe(["The pupils file has no \"Date of birth\" column (also accepted: \"DOB\", \"Birth date\", \"Birthdate\")"]);
        map.Ignored.ShouldBe(["Ethnicity", "Home postcode"]);

        var twice = new List<string>();
        ColumnMap.Match(ImportKind.Pupils, ["UPN", "Forename", "Surname", "Last name", "DOB", "Year"], twice);
        twice.ShouldBe(["The columns \"Surname\" and \"Last name\" both mean Legal surname: remove one of them"]);
    }

    [Fact]
    public void Headers_LegalAndPlainNamesSideBySide_AsSimsExportsThem_ReadThePlainOnesAsPreferredNames()
    {
        var problems = new List<string>();
        var map = ColumnMap.Match(ImportKind.Pupils, ["UPN", "Forename", "Surname", "Legal Forename", "Legal Surname", "DOB", "Year"], problems);
        problems.ShouldBeEmpty();
        var row = new CsvRow(2, ["X", "Millie", "Jones", "Amelia", "Jones-Smith", "02/03/2014", "7"]);
        (map.Get(row, ImportColumns.LegalForename), map.Get(row, ImportColumns.PreferredForename)).ShouldBe(("Amelia", "Millie"));
        (map.Get(row, ImportColumns.LegalSurname), map.Get(row, ImportColumns.PreferredSurname)).ShouldBe(("Jones-Smith", "Jones"));
    }
}
