using System.Text.Json;
using Microsoft.OpenApi;
using SecureBase.Common;

namespace SecureBase.Web;

/// <summary>
/// JSON request bodies read inside the handler rather than by parameter binding: binding would
/// answer 415 during routing, before the policy table is asked, so a role that may not make the
/// change would not get its 403. Bad JSON is a 400 that names the field, never echoing the value.
/// </summary>
public static class JsonBodies
{
    /// <summary>Describes the JSON body in the OpenAPI document without binding it.</summary>
    public static RouteHandlerBuilder JsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });

    /// <summary>The body as <typeparamref name="T"/>, or the problem to answer with.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(this HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem("Send the details as JSON, with the header Content-Type: application/json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The request is not JSON", type: ProblemTypes.For(415)));
        }

        try
        {
            return await request.ReadFromJsonAsync<T>(ct) is { } value
                ? (value, null)
                : (null, new Error.Validation("", "The request has no details in it: send them as a JSON object").ToProblem());
        }
        catch (JsonException e)
        {
            var (field, message) = Describe(e);
            return (null, new Error.Validation(field, message).ToProblem());
        }
    }

    /// <summary>The field the JSON reader stopped at ("" when none) and a message naming it.</summary>
    public static (string Field, string Message) Describe(JsonException error)
    {
        var field = error.Path?.TrimStart('$', '.') ?? "";
        return (field, field.Length > 0
            ? $"The JSON could not be read: {field} is not in the right form (check its type: text, a number, a date like 2026-03-03, a time like 09:00, true or false, or one of the listed values)"
            : "The JSON could not be read: check that it is well-formed, with the field names as listed.");
    }
}
