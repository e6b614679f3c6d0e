namespace SecureBase.Pupils;

/// <summary>
/// A Unique Pupil Number (DfE "Unique Pupil Numbers" guidance): a check letter then 12 digits, or
/// for a temporary UPN a check letter, 11 digits and a letter. The check letter is found by
/// weighting characters 2 to 13 by 2 to 13, summing, taking the remainder on division by 23 and
/// reading it off <c>ABCDEFGHJKLMNPQRTUVWXYZ</c>; a temporary UPN's final letter counts as its
/// place in that same list. Example: 201100018042 has check letter R, so the UPN is R201100018042.
/// </summary>
public readonly record struct Upn
{
    public const string CheckLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private Upn(string value) => Value = value;

    public string Value { get; }

    /// <summary>True for a temporary UPN (ending in a letter), issued until the permanent one is known.</summary>
    public bool IsTemporary => char.IsLetter(Value[^1]);

    public override string ToString() => Value;

    /// <summary>The check letter for the 12 characters after it, or null if they are not digits (and a final letter).</summary>
    public static char? CheckLetterFor(string twelve)
    {
        if (twelve.Length != 12)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            var c = twelve[i];
            int value;
            if (c is >= '0' and <= '9')
            {
                value = c - '0';
            }
            else if (i == 11 && CheckLetters.IndexOf(c, StringComparison.Ordinal) is var place and >= 0)
            {
                value = place;
            }
            else
            {
                return null;
            }

            sum += value * (i + 2);
        }

        return CheckLetters[sum % 23];
    }

    /// <summary>Reads a UPN as typed (spaces and lower case are forgiven), or says what is wrong with it.</summary>
    public static bool TryParse(string? text, out Upn upn, out string problem)
    {
        upn = default;
        var s = (text ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (s.Length == 0)
        {
            problem = "Enter the UPN";
            return false;
        }

        if (s.Length != 13)
        {
            problem = $"A UPN has 13 characters (a letter then 12 digits); this has {s.Length}";
            return false;
        }

        if (CheckLetters.IndexOf(s[0], StringComparison.Ordinal) < 0)
        {
            problem = "A UPN starts with its check letter (one of ABCDEFGHJKLMNPQRTUVWXYZ)";
            return false;
        }

        var rest = s[1..];
        if (!rest[..11].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(rest[11]) || CheckLetters.Contains(rest[11], StringComparison.Ordinal)))
        {
            problem = "After the check letter a UPN has 12 digits (or 11 digits and a letter for a temporary UPN)";
            return false;
        }

        var expected = CheckLetterFor(rest)!.Value;
        if (expected != s[0])
        {
            problem = $"The check letter does not match: for {rest} it should be {expected}, not {s[0]}";
            return false;
        }

        upn = new Upn(s);
        problem = "";
        return true;
    }
}

/// <summary>
/// A UPN field checked like the other fields of its form, check letter included, so every problem
/// with the form is reported at once rather than the UPN's after the rest are put right. An empty
/// field is left to <see cref="Common.NeededAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidUpnAttribute : System.ComponentModel.DataAnnotations.ValidationAttribute
{
    protected override System.ComponentModel.DataAnnotations.ValidationResult? IsValid(object? value, System.ComponentModel.DataAnnotations.ValidationContext validationContext) =>
        value is not string { Length: > 0 } text || Upn.TryParse(text, out _, out var problem)
            ? System.ComponentModel.DataAnnotations.ValidationResult.Success
            : new System.ComponentModel.DataAnnotations.ValidationResult(problem, validationContext.MemberName is { } m ? [m] : null);
}
