using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace SecureBase.Web;

/// <summary>Model binding's messages in plain words, each naming its field.</summary>
internal static class PlainWords
{
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
