using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace SecureBase.Web;

/// <summary>
/// Words as the school writes them: model binding's messages, each naming its field; labels put
/// into the middle of a sentence without losing their capitals ("CBT/REBT", "ELSA"); counts with
/// the right plural ("1 week", "3 weeks").
/// </summary>
internal static class PlainWords
{
    /// <summary>
    /// A label ("Speech and language therapy", "ELSA", "CBT/REBT") as it reads in the middle of a
    /// sentence: the first letter lowered, unless the first word is an abbreviation.
    /// </summary>
    /// <summary>"a counsellor", "an ELSA", "an occupational therapist": the article a reader would say.</summary>
    public static string WithArticle(string noun) =>
        noun.Length > 0 && ("aeiou".Contains(char.ToLowerInvariant(noun[0]), StringComparison.Ordinal) || noun is ['E' or 'F' or 'H' or 'L' or 'M' or 'N' or 'R' or 'S' or 'X', >= 'A' and <= 'Z', ..])
            ? "an " + noun
            : "a " + noun;

    public static string InSentence(string label)
    {
        if (label.Length == 0)
        {
            return label;
        }

        var firstWord = label.Split(' ', 2)[0];
        return firstWord.Count(char.IsUpper) > 1 ? label : char.ToLowerInvariant(label[0]) + label[1..];
    }

    /// <summary>Words with a capital first letter, for a label or a table cell ("received" → "Received").</summary>
    public static string Capitalised(string words) =>
        words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];

    /// <summary>A count and its noun: "1 week", "2 weeks", "0 weeks"; <paramref name="many"/> for irregular plurals.</summary>
    public static string Count(int n, string one, string? many = null) =>
        $"{n} {(n == 1 ? one : many ?? one + "s")}";

    public static void Configure(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"{field} is not in the right form");
        p.SetMissingBindRequiredValueAccessor(field => $"Enter {field}");
        p.SetMissingKeyOrValueAccessor(() => "Enter a value");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "The form was empty");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => "That value is not in the right form");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "That value is not in the right form");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Enter a number");
        p.SetUnknownValueIsInvalidAccessor(field => $"{field} is not in the right form");
        p.SetValueIsInvalidAccessor(value => "That value is not in the right form");
        p.SetValueMustBeANumberAccessor(field => $"{field} must be a number");
        p.SetValueMustNotBeNullAccessor(field => $"Enter {field}");
    }
}
