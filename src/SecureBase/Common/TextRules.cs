using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;

namespace SecureBase.Common;

/// <summary>
/// What the school's text fields accept. Text is stored as typed (after trimming and Unicode
/// normalisation) and encoded on output; what is refused is text that can mislead a reader:
/// control characters and the bidirectional overrides that can make "gpj.exe" read as "exe.jpg".
/// </summary>
public static class TextRules
{
    public static string? Tidy(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null : raw.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>The first character a reader should never be shown, or null when the text is safe.</summary>
    public static string? FindForbiddenCharacter(string text, bool multiLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return "a broken character";
            }

            if (char.IsLowSurrogate(c))
            {
                return "a broken character";
            }

            if (multiLine && (c is '\n' or '\r' or '\t'))
            {
                continue;
            }

            if (char.IsControl(c))
            {
                return c is '\n' or '\r' ? "a line break" : "a control character";
            }

            // Bidirectional embeddings, overrides and isolates; BOM; interlinear annotations.
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\uFEFF' or >= '\uFFF9' and <= '\uFFFB')
            {
                return "a hidden text-direction character";
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return "an unrecognised character";
            }
        }

        return null;
    }

    /// <summary>Names in any script, with spaces, hyphens, apostrophes and full stops (Zoë O'Brien-Ngata, 李小龍, Ο Σωκράτης).</summary>
    public static bool IsPersonName(string text)
    {
        var sawLetter = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogatePair(text, i))
            {
                var cat = CharUnicodeInfo.GetUnicodeCategory(text, i);
                if (!IsNameCategory(cat))
                {
                    return false;
                }

                sawLetter = true;
                i++;
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (IsNameCategory(category))
            {
                sawLetter |= char.IsLetter(c);
                continue;
            }

            if (c is ' ' or '-' or '\'' or '\u2019' or '.' or '\u200D' or '\u200C' or '\u200E' or '\u200F' or '\u00B7' or '\u30FB')
            {
                continue;
            }

            return false;
        }

        return sawLetter;
    }

    private static bool IsNameCategory(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}

/// <summary>
/// A free-text field: at most <see cref="MaxLength"/> characters, no control or hidden
/// text-direction characters. Tags and SQL are stored as ordinary text and encoded on output.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class SchoolTextAttribute(int maxLength) : ValidationAttribute
{
    public int MaxLength { get; } = maxLength;
    public bool MultiLine { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string s || s.Length == 0)
        {
            return ValidationResult.Success;
        }

        var name = validationContext.DisplayName;
        var members = validationContext.MemberName is { } m ? new[] { m } : null;
        var trimmed = s.Trim();
        if (trimmed.Length > MaxLength)
        {
            return new ValidationResult($"{name} must be {MaxLength} characters or fewer (it has {trimmed.Length})", members);
        }

        var bad = TextRules.FindForbiddenCharacter(trimmed, MultiLine);
        return bad is null
            ? ValidationResult.Success
            : new ValidationResult($"{name} contains {bad}; please retype it", members);
    }
}

/// <summary>A person's name: letters of any script with spaces, hyphens, apostrophes and full stops.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class PersonNameAttribute : ValidationAttribute
{
    public const int MaxLength = 100;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string s || string.IsNullOrWhiteSpace(s))
        {
            return ValidationResult.Success;
        }

        var name = validationContext.DisplayName;
        var members = validationContext.MemberName is { } m ? new[] { m } : null;
        var trimmed = s.Trim();
        if (trimmed.Length > MaxLength)
        {
            return new ValidationResult($"{name} must be {MaxLength} characters or fewer (it has {trimmed.Length})", members);
        }

        if (TextRules.FindForbiddenCharacter(trimmed, multiLine: false) is { } bad)
        {
            return new ValidationResult($"{name} contains {bad}; please retype it", members);
        }

        return TextRules.IsPersonName(trimmed)
            ? ValidationResult.Success
            : new ValidationResult($"{name} can only contain letters, spaces, hyphens, apostrophes and full stops", members);
    }
}

/// <summary>
/// Required, with a message in plain words: "Enter the preferred name". A <see cref="RequiredAttribute"/>,
/// so that MVC also checks a page's own top-level property when the form leaves it out.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class NeededAttribute : RequiredAttribute
{
    public NeededAttribute() => ErrorMessage = "Enter {0}";

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, LowerFirst(name));

    // "Preferred name" reads "Enter preferred name"; an acronym such as "UPN" stays as it is.
    private static string LowerFirst(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && !char.IsUpper(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;
}
