using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Imports;

public static class ImportsModule
{
    /// <summary>Import from and export to the school's information system (CSV files), on pages and through the API.</summary>
    public static IServiceCollection AddImportsModule(this IServiceCollection services)
    {
        services.AddScoped<SchoolDataImport>();
        services.AddScoped<SchoolDataExport>();
        services.AddScoped<LessonImport>();
        return services;
    }
}

/// <summary>
/// <c>POST /api/v1/imports/{pupils|carers|staff}</c> (a multipart upload of one CSV file, with
/// <c>?dryRun=true</c> for a preview) and <c>GET /api/v1/exports/{pupils|carers|staff}</c>.
/// The API authenticates with the session cookie, so an upload must carry the
/// <see cref="ClientHeader"/> header: a form on another site cannot send a custom header (the
/// browser would need a CORS preflight, which SecureBase never grants), so a forged cross-site
/// upload is refused before it is read.
/// </summary>
public static class ImportsApi
{
    public const string ClientHeader = "X-SecureBase-Client";

    /// <summary>Room for the multipart wrapping around a file of the largest size allowed.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder api)
    {
        foreach (var kind in Enum.GetValues<ImportKind>())
        {
            var stem = ImportKinds.FileStem(kind);
            var name = ImportKinds.Name(kind);
            api.MapPost($"/imports/{stem}", (HttpRequest request, SchoolDataImport import, IOptions<SecureBaseOptions> options, bool? dryRun, bool? missingPupilsHaveLeft, CancellationToken ct) =>
                    ImportAsync(kind, request, import, options.Value, dryRun ?? false, missingPupilsHaveLeft ?? false, ct))
                .Permits(SchoolAction.ImportData)
                .DisableAntiforgery()
                // Described here rather than with Accepts<T>(): accepts-metadata makes routing answer 415 to other
                // content types before the policy table is consulted, and a refused role must always see 403.
                .AddOpenApiOperationTransformer((operation, _, _) =>
                {
                    operation.RequestBody = UploadBody;
                    return Task.CompletedTask;
                })
                .Produces<ImportReport>()
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .WithName($"Import{kind}")
                .WithSummary($"Import the {name} file exported by the school's information system")
                .WithDescription(
                    $"Send the CSV file (UTF-8, columns as in docs/import-format.md) as the multipart form field \"file\", with the header {ClientHeader} " +
                    "(any value, for example the name of your integration). All or nothing: when any line is rejected nothing is imported and the answer is " +
                    "400 with the report (every rejected line and why) in \"report\". With dryRun=true nothing is saved and the report says what would happen." +
                    (kind == ImportKind.Pupils ? " With missingPupilsHaveLeft=true, current pupils whose UPN is not in the file are marked as having left today." : ""));

            api.MapGet($"/exports/{stem}", (SchoolDataExport export, CancellationToken ct) => ExportAsync(kind, export, ct))
                .Permits(SchoolAction.ExportData)
                .Produces<string>(StatusCodes.Status200OK, "text/csv")
                .WithName($"Export{kind}")
                .WithSummary($"Export the school's current {name} as CSV, in the columns the import reads");
        }

        return api;
    }

    private static async Task<IResult> ImportAsync(ImportKind kind, HttpRequest request, SchoolDataImport import, SecureBaseOptions options, bool dryRun, bool missingPupilsHaveLeft, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Headers[ClientHeader]))
        {
            return TypedResults.Problem(
                $"Send the header {ClientHeader} (any value, for example the name of your integration) with an upload. It shows the request comes from a program, not a form on another website.",
                statusCode: StatusCodes.Status400BadRequest, title: "The upload was refused", type: ProblemTypes.For(400));
        }

        var max = options.MaxUploadBytes;
        if (request.ContentLength > max + MultipartOverhead)
        {
            return TooLarge(max);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + MultipartOverhead;
        }

        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return NeedsFile(kind);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + MultipartOverhead }, ct);
        }
        catch (InvalidDataException)
        {
            return TooLarge(max);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(max);
        }

        var file = form.Files.GetFile("file") ?? (form.Files.Count == 1 ? form.Files[0] : null);
        if (file is null)
        {
            return NeedsFile(kind);
        }

        if (file.Length > max)
        {
            return TooLarge(max);
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        var report = await import.RunAsync([new ImportFile(kind, SafeFileName(file.FileName, kind), content)], new ImportOptions(kind == ImportKind.Pupils && missingPupilsHaveLeft), dryRun, ct);
        if (report.IsRejected)
        {
            var rejects = report.RejectCount;
            return TypedResults.Problem(
                rejects > 0
                    ? $"{rejects} line{(rejects == 1 ? " was" : "s were")} rejected, so nothing was imported. Correct the file and send it again; \"report\" lists each line and why."
                    : string.Join(" ", report.Files.SelectMany(f => f.Problems)),
                statusCode: StatusCodes.Status400BadRequest, title: "The file was not imported", type: ProblemTypes.For(400),
                extensions: new Dictionary<string, object?> { ["report"] = report });
        }

        return TypedResults.Ok(report);
    }

    private static async Task<FileContentHttpResult> ExportAsync(ImportKind kind, SchoolDataExport export, CancellationToken ct)
    {
        var csv = await export.ExportAsync(kind, ct);
        return TypedResults.File(csv.Content, "text/csv; charset=utf-8", csv.FileName);
    }

    private static ProblemHttpResult TooLarge(long max) => TypedResults.Problem(
        $"The largest file SecureBase accepts is {Megabytes(max)}. Split the file, or export fewer columns, and try again.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large", type: ProblemTypes.For(413));

    private static ProblemHttpResult NeedsFile(ImportKind kind) => TypedResults.Problem(
        $"Send the {ImportKinds.Name(kind)} CSV file as the form field \"file\" of a multipart/form-data request.",
        statusCode: StatusCodes.Status400BadRequest, title: "No file was sent", type: ProblemTypes.For(400));

    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";

    /// <summary>The uploaded file's own name, kept only to label the report: no folders, at most 255 characters.</summary>
    public static string SafeFileName(string? name, ImportKind kind)
    {
        var plain = Path.GetFileName((name ?? "").Replace('\\', '/'));
        plain = new string(plain.Where(c => !char.IsControl(c) && Common.TextRules.FindForbiddenCharacter(c.ToString(), false) is null).ToArray()).Trim();
        return plain.Length == 0 ? $"{ImportKinds.FileStem(kind)}.csv" : plain.Length > 255 ? plain[..255] : plain;
    }

    /// <summary>The multipart form the import endpoints read, for the OpenAPI document.</summary>
    private static readonly OpenApiRequestBody UploadBody = new()
    {
        Required = true,
        Description = "The CSV file as the form field \"file\" (UTF-8, with or without a byte order mark).",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    },
                },
            },
        },
    };
}
