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
                sb.Append(c is '\u2019' or '\u2018' or '`' ? '\'' : char.ToLowerInvariant(c));
            }
        }

        return sb.ToString().Trim().Normalize(NormalizationForm.FormC);
    }
}
