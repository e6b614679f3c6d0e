using System.Globalization;
using System.Text;

namespace SecureBase.Common;

/// <summary>
/// Text folded for searching, the same way on every database: lower case, accents removed, one
/// space between words, one kind of apostrophe. "Zoë O’Brien" and "zoe o'brien" fold alike;
/// names in other scripts are lower-cased and otherwise kept ("Дмитрий" finds "дмитрий").
/// </summary>
public static class SearchText
{
    // Letters that Unicode does not split into a base letter and an accent, so "Yılmaz", "Øyvind"
    // and "Łukasz" are found by "yilmaz", "oyvind" and "lukasz".
    private static readonly Dictionary<char, string> Undecomposed = new()
    {
        ['ı'] = "i", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['ħ'] = "h", ['ß'] = "ss",
        ['æ'] = "ae", ['œ'] = "oe", ['þ'] = "th", ['ð'] = "d",
    };

    /// <summary>
    /// Folded text without the marks people leave out when they type a name: apostrophes, hyphens
    /// and spaces, so "oconnor" finds "O'Connor", "smithjones" finds "Smith-Jones" and "mc donald"
    /// finds "McDonald". The pupil directory leaves the same marks out of the stored key in its query.
    /// </summary>
    public static string Squash(string folded) =>
        string.Concat(folded.Where(c => c is not ('\'' or '-' or ' ' or '\u2010' or '\u2011' or '\u2013')));

    public static string Fold(params string?[] parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            var lastWasSpace = false;
            foreach (var c in part.Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }

                if (char.IsWhiteSpace(c))
                {
                    if (!lastWasSpace)
                    {
                        sb.Append(' ');
                    }

                    lastWasSpace = true;
                    continue;
                }

                lastWasSpace = false;
                var lower = char.ToLowerInvariant(c);
                if (Undecomposed.TryGetValue(lower, out var plain))
                {
                    sb.Append(plain);
                }
                else
                {
                    sb.Append(c is '\u2019' or '\u2018' or '`' ? '\'' : lower);
                }
            }
        }

        return sb.ToString().Trim().Normalize(NormalizationForm.FormC);
    }
}
