using System.ComponentModel.DataAnnotations;

namespace SecureBase.Web;

/// <summary>The form's validation rules, applied to an API request body: 400 with each field's message, or null when valid.</summary>
public static class ApiValidation
{
    public static IResult? Check(object? input)
    {
        if (input is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = ["The request has no body; send the details as JSON"] },
                title: "Some of the details need correcting", type: ProblemTypes.For(400));
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
        {
            return null;
        }

        var errors = results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Field: Camel(m), Message: r.ErrorMessage ?? "Not valid")))
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.ValidationProblem(errors, title: "Some of the details need correcting", type: ProblemTypes.For(400));
    }

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
