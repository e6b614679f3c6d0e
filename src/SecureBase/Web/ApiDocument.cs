using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SecureBase.Common;

namespace SecureBase.Web;

/// <summary>The OpenAPI description served at <c>/openapi/v1.json</c>.</summary>
internal static class ApiDocument
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "SecureBase API",
                Version = "v1",
                Description = "The school therapy service's integration API. Every endpoint answers only for the signed-in user's school " +
                              "and only what their roles permit (see docs/policy-table.md). Errors are RFC 9457 problem details.",
            };
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityId<>)))
            {
                schema.Type = JsonSchemaType.String;
                schema.Format = "uuid";
                schema.Properties?.Clear();
                schema.Required?.Clear();
            }

            return Task.CompletedTask;
        });
    }
}
