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
                License = new OpenApiLicense { Name = "Proprietary: for the school's own integrations", Identifier = "LicenseRef-SecureBase" },
            };
            DescribeForTools(document);
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

    /// <summary>The session cookie a signed-in user (or a script that signed in) sends with every call.</summary>
    public const string CookieScheme = "cookie";

    /// <summary>An API client's bearer token from the OAuth 2.0 client credentials grant (issue 15).</summary>
    public const string ClientScheme = "apiClient";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["SecureBase"] = "The school, its calendar, users, roles and the signed-in user.",
        ["Referrals"] = "Referrals to the therapy service, their triage and the waiting list.",
        ["Allocation"] = "The MDT's allocation of pupils to practitioners.",
        ["Episodes"] = "Therapy episodes and their 12-week cycle: goals, reviews and discharge.",
        ["Classroom"] = "What teachers see: pupils leaving lessons for therapy and classroom strategies.",
        ["Board"] = "Where practitioners are today.",
        ["Notes"] = "Confidential session notes, readable only by those the policy table allows, every read audited.",
        ["Pupils"] = "Pupils, their families and EHCP provision.",
        ["Staff"] = "Staff members, their working patterns and registrations.",
        ["Sessions"] = "Therapy sessions with attendance and engagement.",
        ["Rooms"] = "Therapy rooms, protected therapy hours, bookings and displacements.",
        ["Engagement"] = "The 6-week disengagement rule and strategies tried to engage.",
    };

    /// <summary>
    /// What generators and linters need beyond the endpoints themselves (Redocly's recommended rules, issue 15): the
    /// security scheme every operation uses, an operationId for each, the 4xx answers with the problem-details schema,
    /// a description for each tag, and one relative server address.
    /// </summary>
    private static void DescribeForTools(OpenApiDocument document)
    {
        // Relative: the installation the document was read from, whatever its address behind the load balancer.
        document.Servers = [new OpenApiServer { Url = "/", Description = "This SecureBase installation (the address this document was read from)" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = Identity.IdentityModule.SessionCookie,
            Description = "The session cookie set when a user signs in at /login (with their second factor where their role needs one).",
        };
        document.Components.SecuritySchemes[ClientScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "An API client registered by the school's administrator at /admin/api-clients: OAuth 2.0 client credentials at /oauth/token " +
                          "give an access token for 10 minutes, sent as Authorization: Bearer. The client may do only the actions it was granted. " +
                          "The token request may carry scope (space-separated action names from the list below) for a token that can do only " +
                          "those actions; a scope outside the client's grant is refused with invalid_scope, and no scope gives the whole grant.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(Identity.Clients.ApiClientsModule.TokenPath, UriKind.Relative),
                    Scopes = Identity.PolicyTable.SystemCallerActions.Order().ToDictionary(a => a.ToString(), a => Identity.Clients.ApiClientsModule.Describe(a) + ", for the client's school"),
                },
            },
        };
        // Either is enough: a person's session cookie, or an API client's bearer token.
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ClientScheme, document)] = [] },
        ];

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey("ProblemDetails"))
        {
            document.Components.Schemas["ProblemDetails"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "RFC 9457 problem details.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                },
            };
        }

        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var operations = (document.Paths ?? new OpenApiPaths())
            .SelectMany(path => (path.Value.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>()).Select(op => (Path: path.Key, Method: op.Key, Operation: op.Value)))
            .ToList();
        foreach (var (_, _, operation) in operations)
        {
            if (operation.OperationId is { } id)
            {
                usedIds.Add(id);
            }
        }

        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, method, operation) in operations)
        {
            if (string.IsNullOrEmpty(operation.OperationId))
            {
                var id = OperationIdFor(method, path);
                for (var n = 2; !usedIds.Add(id); n++)
                {
                    id = OperationIdFor(method, path) + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                operation.OperationId = id;
            }

            foreach (var tag in operation.Tags ?? new HashSet<OpenApiTagReference>())
            {
                if (tag.Name is { } name)
                {
                    tags.Add(name);
                }
            }

            operation.Responses ??= new OpenApiResponses();
            var parameters = operation.Parameters ?? [];
            var writes = method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch || method == HttpMethod.Delete;
            if (operation.RequestBody is not null || parameters.Count > 0)
            {
                AddProblem(document, operation, "400", "The request could not be used: the problem names the field and what is wrong with it.");
            }

            AddProblem(document, operation, "401", "Not signed in: sign in at /login and send the session cookie.");
            AddProblem(document, operation, "403", "Signed in, but none of your roles in this school may do this (docs/policy-table.md).");
            if (path.Contains('{', StringComparison.Ordinal))
            {
                AddProblem(document, operation, "404", "No such record in your school, or none you may see.");
            }

            if (writes)
            {
                AddProblem(document, operation, "409", "Someone changed or decided the same record first: reload it and try again.");
            }
        }

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var tag in document.Tags)
        {
            if (tag.Name is { } name)
            {
                tag.Description ??= TagDescriptions.GetValueOrDefault(name, $"{name}: see the README's section of that name.");
                tags.Remove(name);
            }
        }

        foreach (var name in tags)
        {
            document.Tags.Add(new OpenApiTag { Name = name, Description = TagDescriptions.GetValueOrDefault(name, $"{name}: see the README's section of that name.") });
        }
    }

    private static void AddProblem(OpenApiDocument document, OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
            },
        };
    }

    /// <summary>"GET /api/v1/pupils/{pupilId}/classroom-strategies" → "GetPupilsPupilIdClassroomStrategies".</summary>
    internal static string OperationIdFor(HttpMethod method, string path)
    {
        var words = new System.Text.StringBuilder(Capitalised(method.Method.ToLowerInvariant()));
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s is not "api" and not "v1"))
        {
            foreach (var part in segment.Trim('{', '}').Split(['-', '.', '_'], StringSplitOptions.RemoveEmptyEntries))
            {
                words.Append(Capitalised(part));
            }
        }

        return words.ToString();
    }

    private static string Capitalised(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
