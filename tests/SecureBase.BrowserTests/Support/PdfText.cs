using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SecureBase.BrowserTests.Support;

/// <summary>A downloaded file read back with poppler's pdftotext, white space folded: what a reader would copy out of it.</summary>
internal static class PdfText
{
    public static async Task<string> OfFileAsync(string path)
    {
        (await File.ReadAllBytesAsync(path)).Take(5).SequenceEqual("%PDF-"u8.ToArray()).ShouldBeTrue($"{path} is a PDF");
        using var pdftotext = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = await pdftotext.StandardOutput.ReadToEndAsync();
        await pdftotext.WaitForExitAsync();
        pdftotext.ExitCode.ShouldBe(0);
        return Regex.Replace(text, @"\s+", " ");
    }
}
