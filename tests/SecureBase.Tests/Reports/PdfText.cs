using System.Diagnostics;
using System.Text;

namespace SecureBase.Tests.Reports;

/// <summary>Reads a PDF back as text with poppler's pdftotext, as a reader's copy-and-paste would, normalised so Arabic presentation forms compare with the names as typed.</summary>
internal static class PdfText
{
    public static async Task<string> ReadAsync(byte[] pdf)
    {
        Encoding.UTF8.GetString(pdf, 0, 5).ShouldBe("%PDF-", "a PDF file");
        var path = Path.Combine(Path.GetTempPath(), $"securebase-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
            return Normalise(text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>NFKC folds Arabic presentation forms back to the letters typed; bidi marks pdftotext adds are dropped; runs of spaces and line ends become one space.</summary>
    public static string Normalise(string text)
    {
        var folded = new string(text.Normalize(NormalizationForm.FormKC).Where(c => c is not ('\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u200E' or '\u200F')).ToArray());
        return System.Text.RegularExpressions.Regex.Replace(folded, @"\s+", " ");
    }

    public static int Pages(byte[] pdf) => System.Text.RegularExpressions.Regex.Count(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b");
}
