using SecureBase.Reports;

namespace SecureBase.Tests.Reports;

/// <summary>The PDF engine (ADR 0015): names in any script come back out of the PDF as they went in.</summary>
public sealed class ReportPdfTests
{
    [Fact]
    public async Task NamesInIrishArabicAndChineseScript_ReadBackFromThePdf_AsTyped()
    {
        var document = new ReportDocument(
            "Half-termly progress report: Seán Ó Briain",
            "Speech and language therapy · Westbourne Academy",
            [
                new ReportHeading("Pupils"),
                new ReportParagraph("Ciarán Ó Briain and Siân Evans; Sara Hassan (سارة حسن); Fang Li (李王芳); Dima (Дмитрий Иванов)."),
                new ReportPairs([new("Attendance", "9 of 11 sessions (81%)")]),
                new ReportTable("Goals", ["Goal", "Rating"], [["Asks for help in class", "good progress"], ["يطلب المساعدة", "achieved"]]),
            ],
            "Shared with parents and carers");

        var pdf = ReportPdf.ToBytes([document]);
        var text = await PdfText.ReadAsync(pdf);

        text.ShouldContain("Seán Ó Briain");
        text.ShouldContain("Ciarán Ó Briain and Siân Evans");
        text.ShouldContain("سارة حسن", Case.Sensitive, "the Arabic name, joined and right to left, reads back in its typed order");
        text.ShouldContain("李王芳");
        text.ShouldContain("Дмитрий Иванов");
        text.ShouldContain("9 of 11 sessions (81%)");
        text.ShouldContain("يطلب المساعدة");
    }

    [Fact]
    public async Task ALongReport_FlowsOntoMorePages_AndEachDocumentStartsAPage()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("Jamal worked on turn-taking and asking for help in class.", 30));
        var long1 = new ReportDocument("First", "one", Enumerable.Range(1, 12).Select(i => (ReportBlock)new ReportParagraph($"Paragraph {i}. {paragraph}")).ToList(), "footer");
        var short2 = new ReportDocument("Second", "two", [new ReportParagraph("Short.")], "footer");

        var pdf = ReportPdf.ToBytes([long1, short2]);

        PdfText.Pages(pdf).ShouldBeGreaterThan(2);
        (await PdfText.ReadAsync(pdf)).ShouldContain("Paragraph 12.");
    }
}
