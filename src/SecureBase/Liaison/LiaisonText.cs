using SecureBase.Common;

namespace SecureBase.Liaison;

/// <summary>
/// What the liaison records accept as text: stored as typed (trimmed, normalised) and encoded on output, so
/// "&lt;script&gt;" is shown as written; control and hidden direction characters are refused with the field named.
/// </summary>
internal static class LiaisonText
{
    /// <summary>Adds a refusal for a required field left empty, one too long, or one with a character a reader should never be shown.</summary>
    public static string? Check(List<FieldError> errors, string field, string? raw, int max, string name, bool required, bool multiLine = true)
    {
        var text = TextRules.Tidy(raw);
        if (text is null)
        {
            if (required)
            {
                errors.Add(new FieldError(field, $"Enter {name}"));
            }

            return null;
        }

        if (text.Length > max)
        {
            errors.Add(new FieldError(field, $"Keep {name} to {max} characters (it has {text.Length})"));
        }
        else if (TextRules.FindForbiddenCharacter(text, multiLine) is { } bad)
        {
            errors.Add(new FieldError(field, $"{char.ToUpperInvariant(name[0])}{name[1..]} contains {bad}; please retype it"));
        }

        return text;
    }
}
