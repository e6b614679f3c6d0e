using System.Collections.Concurrent;
using System.Globalization;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace SecureBase.Reports;

/// <summary>One block of a report as it is laid out on paper and on the printable page.</summary>
internal abstract record ReportBlock;

/// <summary>A section heading.</summary>
internal sealed record ReportHeading(string Text) : ReportBlock;

/// <summary>A paragraph of running text (the practitioner's own words, or a sentence made from the record).</summary>
internal sealed record ReportParagraph(string Text) : ReportBlock;

/// <summary>Label and value pairs: "Attendance: 9 of 11 sessions (81%)".</summary>
internal sealed record ReportPairs(IReadOnlyList<KeyValuePair<string, string>> Rows) : ReportBlock;

/// <summary>A table with a header row.</summary>
internal sealed record ReportTable(string Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

/// <summary>A report ready to print: its title, the line under it, its blocks, and the words in every page's footer.</summary>
internal sealed record ReportDocument(string Title, string Subtitle, IReadOnlyList<ReportBlock> Blocks, string Footer);

/// <summary>
/// Lays report documents out on A4 pages and writes them as one PDF with Skia's PDF back end
/// (ADR 0015). Text is shaped with HarfBuzz, so Arabic is joined and right to left, and each
/// character is drawn in a font that has it: the Noto family first, then whatever fontconfig
/// offers for that character, so a name in any script is never dropped.
/// </summary>
internal static class ReportPdf
{
    private const float PageWidth = 595.28f;
    private const float PageHeight = 841.89f;
    private const float Margin = 54f;
    private const float ContentWidth = PageWidth - 2 * Margin;
    private const float BodySize = 10.5f;
    private const float TableSize = 9.5f;
    private const float HeadingSize = 13f;
    private const float TitleSize = 18f;

    /// <summary>Writes the documents to the stream, each starting on a new page; returns the number of pages.</summary>
    public static int Write(IEnumerable<ReportDocument> documents, Stream output)
    {
        using var pdf = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = "SecureBase report",
            Creator = "SecureBase",
            Producer = "SecureBase (SkiaSharp)",
            RasterDpi = 72,
            EncodingQuality = 80,
        });
        var pages = 0;
        foreach (var document in documents)
        {
            pages += new PageWriter(pdf, document).Write();
        }

        if (pages == 0)
        {
            throw new InvalidOperationException("A PDF needs at least one document.");
        }

        pdf.Close();
        return pages;
    }

    public static byte[] ToBytes(IEnumerable<ReportDocument> documents)
    {
        using var stream = new MemoryStream();
        Write(documents, stream);
        return stream.ToArray();
    }

    /// <summary>Writes one document's pages.</summary>
    private sealed class PageWriter(SKDocument pdf, ReportDocument document)
    {
        private SKCanvas? _canvas;
        private float _y;
        private int _pages;

        public int Write()
        {
            NewPage();
            Lines(document.Title, TitleSize, bold: true, Margin, ContentWidth, SKColors.Black);
            _y += 2;
            Lines(document.Subtitle, BodySize, bold: false, Margin, ContentWidth, new SKColor(0x44, 0x44, 0x44));
            _y += 6;
            foreach (var block in document.Blocks)
            {
                switch (block)
                {
                    case ReportHeading h:
                        NeedRoom(HeadingSize * 4);
                        _y += 8;
                        Lines(h.Text, HeadingSize, bold: true, Margin, ContentWidth, new SKColor(0x1d, 0x3a, 0x5f));
                        _y += 2;
                        break;
                    case ReportParagraph p:
                        foreach (var para in p.Text.Split('\n'))
                        {
                            Lines(para, BodySize, bold: false, Margin, ContentWidth, SKColors.Black);
                            _y += 4;
                        }

                        break;
                    case ReportPairs f:
                        foreach (var (label, value) in f.Rows)
                        {
                            var labelHeight = Measure(label, BodySize, true, ContentWidth * 0.34f);
                            var valueHeight = Measure(value, BodySize, false, ContentWidth * 0.64f);
                            NeedRoom(Math.Max(labelHeight, valueHeight));
                            var top = _y;
                            Lines(label, BodySize, bold: true, Margin, ContentWidth * 0.34f, SKColors.Black);
                            var afterLabel = _y;
                            _y = top;
                            Lines(value, BodySize, bold: false, Margin + ContentWidth * 0.36f, ContentWidth * 0.64f, SKColors.Black);
                            _y = Math.Max(_y, afterLabel) + 2;
                        }

                        break;
                    case ReportTable t:
                        Table(t);
                        break;
                }
            }

            EndPage();
            return _pages;
        }

        private void Table(ReportTable t)
        {
            var columns = t.Header.Count;
            var natural = new float[columns];
            for (var c = 0; c < columns; c++)
            {
                natural[c] = Math.Max(Width(t.Header[c], TableSize, true), t.Rows.Select(r => c < r.Count ? Width(r[c], TableSize, false) : 0).DefaultIfEmpty(0).Max()) + 8;
            }

            var total = natural.Sum();
            var widths = natural.Select(n => total <= ContentWidth ? n * ContentWidth / total : Math.Max(ContentWidth / columns * 0.5f, n * ContentWidth / total)).ToArray();
            var scale = ContentWidth / widths.Sum();
            widths = widths.Select(w => w * scale).ToArray();

            NeedRoom(TableSize * 6);
            Lines(t.Caption, TableSize, bold: true, Margin, ContentWidth, new SKColor(0x44, 0x44, 0x44));
            Row(t.Header, widths, bold: true);
            foreach (var row in t.Rows)
            {
                Row(row, widths, bold: false);
            }

            _y += 6;
        }

        private void Row(IReadOnlyList<string> cells, float[] widths, bool bold)
        {
            var height = 0f;
            for (var c = 0; c < widths.Length; c++)
            {
                height = Math.Max(height, Measure(c < cells.Count ? cells[c] : "", TableSize, bold, widths[c] - 6));
            }

            NeedRoom(height + 4);
            var top = _y;
            var x = Margin;
            var bottom = top;
            for (var c = 0; c < widths.Length; c++)
            {
                _y = top + 2;
                Lines(c < cells.Count ? cells[c] : "", TableSize, bold, x + 3, widths[c] - 6, SKColors.Black);
                bottom = Math.Max(bottom, _y);
                x += widths[c];
            }

            _y = bottom + 2;
            using var rule = new SKPaint { Color = new SKColor(0xbb, 0xbb, 0xbb), StrokeWidth = bold ? 0.8f : 0.4f, IsAntialias = true };
            _canvas!.DrawLine(Margin, _y, Margin + ContentWidth, _y, rule);
            _y += 1;
        }

        private void NeedRoom(float height)
        {
            if (_y + height > PageHeight - Margin - 20)
            {
                EndPage();
                NewPage();
            }
        }

        private void NewPage()
        {
            _canvas = pdf.BeginPage(PageWidth, PageHeight);
            _pages++;
            _y = Margin;
        }

        private void EndPage()
        {
            var footer = $"{document.Footer} · page {_pages.ToString(CultureInfo.InvariantCulture)}";
            var savedY = _y;
            _y = PageHeight - Margin + 4;
            Lines(footer, 8f, bold: false, Margin, ContentWidth, new SKColor(0x55, 0x55, 0x55));
            _y = savedY;
            pdf.EndPage();
            _canvas = null;
        }

        /// <summary>Draws wrapped text from the current line down, moving the line on.</summary>
        private void Lines(string text, float size, bool bold, float x, float width, SKColor colour)
        {
            var lineHeight = size * 1.38f;
            using var paint = new SKPaint { Color = colour, IsAntialias = true };
            foreach (var line in Wrap(text, size, bold, width))
            {
                if (_y + lineHeight > PageHeight - Margin - 20 && _canvas is not null && size > 8f)
                {
                    EndPage();
                    NewPage();
                }

                var baseline = _y + size;
                var cx = x;
                foreach (var token in line)
                {
                    foreach (var run in token.Runs)
                    {
                        using var font = Fonts.Font(run.Typeface, size);
                        _canvas!.DrawShapedText(Fonts.Shaper(run.Typeface), run.Text, cx, baseline, SKTextAlign.Left, font, paint);
                        cx += run.Width;
                    }

                    cx += token.SpaceAfter;
                }

                _y += lineHeight;
            }
        }

        private static float Measure(string text, float size, bool bold, float width) => Wrap(text, size, bold, width).Count * size * 1.38f;

        private static float Width(string text, float size, bool bold) => Tokens(text, size, bold).Sum(t => t.Width + t.SpaceAfter);
    }

    /// <summary>A run of text drawn in one typeface.</summary>
    private sealed record Run(string Text, SKTypeface Typeface, float Width);

    /// <summary>A word (or a whole right-to-left phrase, kept together) and the space after it.</summary>
    private sealed record Token(IReadOnlyList<Run> Runs, float Width, float SpaceAfter);

    private static List<List<Token>> Wrap(string text, float size, bool bold, float width)
    {
        var lines = new List<List<Token>>();
        var line = new List<Token>();
        var used = 0f;
        foreach (var token in Tokens(text, size, bold))
        {
            if (line.Count > 0 && used + token.Width > width)
            {
                lines.Add(line);
                line = [];
                used = 0;
            }

            line.Add(token);
            used += token.Width + token.SpaceAfter;
        }

        if (line.Count > 0 || lines.Count == 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static List<Token> Tokens(string text, float size, bool bold)
    {
        var tokens = new List<Token>();
        var space = Fonts.SpaceWidth(bold, size);
        foreach (var word in Words(text))
        {
            var runs = Fonts.Runs(word, bold, size);
            tokens.Add(new Token(runs, runs.Sum(r => r.Width), space));
        }

        return tokens;
    }

    /// <summary>Splits at spaces, except inside right-to-left text: an Arabic name stays one token so its words keep their order.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var word = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == ' ' && !(IsRtl(Previous(text, i)) && IsRtl(Next(text, i))))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                continue;
            }

            word.Append(ch);
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static char Previous(string s, int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            if (s[j] != ' ')
            {
                return s[j];
            }
        }

        return ' ';
    }

    private static char Next(string s, int i)
    {
        for (var j = i + 1; j < s.Length; j++)
        {
            if (s[j] != ' ')
            {
                return s[j];
            }
        }

        return ' ';
    }

    internal static bool IsRtl(char c) => c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';

    /// <summary>
    /// The fonts: found once through fontconfig (Noto from the Debian packages fonts-noto-core and
    /// fonts-noto-cjk, DejaVu as the fallback), then a font per character for anything the text
    /// font lacks (<see cref="SKFontManager.MatchCharacter(string, SKFontStyle, string[], int)"/>).
    /// </summary>
    private static class Fonts
    {
        private static readonly string[] TextFamilies = ["Noto Sans", "DejaVu Sans", "Liberation Sans"];

        /// <summary>Families tried, in order, for a character the text font lacks, before asking fontconfig.</summary>
        private static readonly string[] FallbackFamilies =
            ["Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans CJK SC", "Noto Sans Devanagari", "Noto Sans Bengali", "Noto Sans Hebrew", "DejaVu Sans"];

        private static readonly SKFontManager Manager = SKFontManager.Default;
        private static readonly SKTypeface Regular = Find(SKFontStyle.Normal);
        private static readonly SKTypeface Bold = Find(SKFontStyle.Bold);
        private static readonly ConcurrentDictionary<(int CodePoint, bool Bold), SKTypeface> ForCharacter = new();
        private static readonly ConcurrentDictionary<SKTypeface, SKShaper> Shapers = new();
        private static readonly ConcurrentDictionary<SKTypeface, SKFont> GlyphFonts = new();
        private static readonly ConcurrentDictionary<(SKTypeface, float, string), float> Widths = new();

        private static SKTypeface Find(SKFontStyle style)
        {
            foreach (var family in TextFamilies)
            {
                if (Manager.MatchFamily(family, style) is { } found && found.FamilyName == family)
                {
                    return found;
                }
            }

            return SKTypeface.Default;
        }

        public static SKFont Font(SKTypeface typeface, float size) => new(typeface, size) { Subpixel = true };

        public static SKShaper Shaper(SKTypeface typeface) => Shapers.GetOrAdd(typeface, t => new SKShaper(t));

        public static float SpaceWidth(bool bold, float size) => Measure(" ", bold ? Bold : Regular, size);

        private static float Measure(string text, SKTypeface typeface, float size) =>
            Widths.GetOrAdd((typeface, size, text), key =>
            {
                using var font = Font(key.Item1, key.Item2);
                return Shaper(key.Item1).Shape(key.Item3, 0, 0, font).Width;
            });

        public static List<Run> Runs(string word, bool bold, float size)
        {
            var main = bold ? Bold : Regular;
            var runs = new List<Run>();
            var text = new System.Text.StringBuilder();
            SKTypeface? current = null;
            var elements = StringInfo.GetTextElementEnumerator(word);
            while (elements.MoveNext())
            {
                var element = (string)elements.Current;
                var codePoint = char.ConvertToUtf32(element, 0);
                var typeface = For(codePoint, element[0], main, current, bold);
                if (current is not null && !ReferenceEquals(typeface, current))
                {
                    runs.Add(Shaped(text.ToString(), current, size));
                    text.Clear();
                }

                current = typeface;
                text.Append(element);
            }

            if (current is not null && text.Length > 0)
            {
                runs.Add(Shaped(text.ToString(), current, size));
            }

            return runs;
        }

        private static Run Shaped(string text, SKTypeface typeface, float size) => new(text, typeface, Measure(text, typeface, size));

        private static SKTypeface For(int codePoint, char first, SKTypeface main, SKTypeface? current, bool bold)
        {
            // Spaces and punctuation stay in the font of the text around them when it has them.
            var neutral = char.IsWhiteSpace(first) || char.IsPunctuation(first) || char.IsSymbol(first);
            if (neutral && current is not null && Has(current, codePoint))
            {
                return current;
            }

            if (Has(main, codePoint))
            {
                return main;
            }

            return ForCharacter.GetOrAdd((codePoint, bold), key =>
            {
                foreach (var family in FallbackFamilies)
                {
                    if (Manager.MatchFamily(family, bold ? SKFontStyle.Bold : SKFontStyle.Normal) is { } t && t.FamilyName == family && Has(t, key.CodePoint))
                    {
                        return t;
                    }
                }

                return Manager.MatchCharacter(main.FamilyName, bold ? SKFontStyle.Bold : SKFontStyle.Normal, null, key.CodePoint) ?? main;
            });
        }

        private static bool Has(SKTypeface typeface, int codePoint) => GlyphFonts.GetOrAdd(typeface, t => new SKFont(t)).GetGlyph(codePoint) != 0;
    }
}
