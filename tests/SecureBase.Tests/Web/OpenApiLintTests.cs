using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SecureBase.Data;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Web;

/// <summary>
/// The OpenAPI document at /openapi/v1.json is what a school's IT team feeds to their tools (issue 15): a real linter,
/// Redocly CLI with its recommended rules (Web/openapi/redocly.yaml), finds no error and no warning in it — security
/// schemes declared, an operationId on every operation, the 4xx answers with the problem-details schema, no server
/// address with a trailing slash.
/// </summary>
public sealed class OpenApiLintTests
{
    [Theory, OnSqlite]
    public async Task TheOpenApiDocument_PassesRedoclysRecommendedRules_WithNoErrorsAndNoWarnings(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        using var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = await response.Content.ReadAsStringAsync();

        var folder = Folder();
        await NodeTools.EnsureInstalledAsync(folder, "@redocly/cli");
        var file = Path.Combine(Path.GetTempPath(), $"securebase-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var (code, output, error) = await NodeTools.RunAsync("npx", $"--no-install redocly lint \"{file}\" --format json --max-problems 1000", folder);
            using var result = JsonDocument.Parse(output.Length > 0 ? output : "{}");
            result.RootElement.TryGetProperty("totals", out var totals).ShouldBeTrue($"Redocly answered (exit {code}): {output}\n{error}");
            var problems = result.RootElement.GetProperty("problems").EnumerateArray()
                .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
                .ToList();
            totals.GetProperty("errors").GetInt32().ShouldBe(0, string.Join("\n", problems));
            totals.GetProperty("warnings").GetInt32().ShouldBe(0, string.Join("\n", problems));
            code.ShouldBe(0, error);
        }
        finally
        {
            File.Delete(file);
        }

        // What the rules ask for, seen directly: every operation names itself and says how it fails.
        using var parsed = JsonDocument.Parse(document);
        var operations = parsed.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();
        operations.Count.ShouldBeGreaterThan(50);
        operations.Where(o => !o.Operation.TryGetProperty("operationId", out var _)).ShouldBeEmpty("every operation has an operationId");
        operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ShouldBeUnique();
        operations.Where(o => !o.Operation.GetProperty("responses").TryGetProperty("403", out var _)).ShouldBeEmpty("every operation says when it is refused");
        parsed.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("cookie", out _).ShouldBeTrue();
    }

    private static string Folder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "openapi");
}
