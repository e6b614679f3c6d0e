using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SecureBase.Common;

namespace SecureBase.Web;

/// <summary>
/// What a user sees when something goes wrong: a plain message, never a stack trace. API callers
/// get RFC 9457 problem details; the exception itself goes to the log with the request's trace id.
/// </summary>
internal static class Failures
{
    public static async Task HandleExceptionAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SecureBase.Failures");
        var badRequest = error is Microsoft.AspNetCore.Http.BadHttpRequestException or FormatException or InvalidDataException or System.Text.Json.JsonException
            || (error is IOException && http.Request.ContentLength > 0);
        var conflict = !badRequest && SecureBase.Data.DbConflicts.IsConflict(error);
        var trouble = badRequest || conflict ? SecureBase.Data.DbTrouble.None : SecureBase.Data.DbFaults.Classify(error);
        if (trouble != SecureBase.Data.DbTrouble.None)
        {
            await DatabaseTroubleAsync(http, trouble, logger, error!);
            return;
        }

        if (badRequest)
        {
            logger.LogWarning("Request refused as unreadable ({Type}), trace {TraceId}", error!.GetType().Name, http.TraceIdentifier);
        }
        else if (conflict)
        {
            logger.LogWarning("Save refused: another request changed the same records first, trace {TraceId}", http.TraceIdentifier);
        }
        else
        {
            logger.LogError(error, "Unhandled failure, trace {TraceId}", http.TraceIdentifier);
        }

        var status = badRequest ? StatusCodes.Status400BadRequest : conflict ? StatusCodes.Status409Conflict : StatusCodes.Status500InternalServerError;
        http.Response.StatusCode = status;
        var reference = $"<p>If it happens again, tell the school office and quote reference <strong>{System.Net.WebUtility.HtmlEncode(http.TraceIdentifier)}</strong>.</p>";
        var (title, detail, heading, page) = conflict ? (ConflictTitle, ConflictDetail, ConflictTitle, $"<p>{ConflictDetail}</p>")
            : badRequest ? ("The request could not be read", FindJsonProblem(error) ?? "Check the request's format and try again.",
                "Something went wrong", "<p>The form or address could not be read. Go back and try again.</p>" + reference)
            : ("Something went wrong on our side", $"Nothing was changed. If it happens again, quote reference {http.TraceIdentifier}.",
                "Something went wrong", "<p>Sorry, SecureBase could not finish that. Nothing you were doing has been lost that was already saved.</p>" + reference);
        if (IsApi(http))
        {
            await WriteProblemAsync(http, status, title, detail);
            return;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{heading} – SecureBase</title>" +
            $"<link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main id=\"main\" class=\"page\"><h1>{heading}</h1>" +
            page + "<p><a href=\"/\">Go to your home page</a></p></main></body></html>");
    }

    /// <summary>
    /// The database could not be reached (PostgreSQL restarting, a network blip) or its disk is full:
    /// 503 with a plain "try again", and the request changed nothing (its transaction never committed).
    /// The connection pool makes new connections on the next request, so no restart is needed.
    /// </summary>
    private static async Task DatabaseTroubleAsync(HttpContext http, SecureBase.Data.DbTrouble trouble, ILogger logger, Exception error)
    {
        var full = trouble == SecureBase.Data.DbTrouble.DiskFull;
        if (full)
        {
            logger.LogCritical(error, "The database's disk is full, trace {TraceId}", http.TraceIdentifier);
        }
        else
        {
            logger.LogWarning("The database could not be reached ({Type}), trace {TraceId}", error.GetType().Name, http.TraceIdentifier);
        }

        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = full ? "300" : "5";
        var title = full ? "SecureBase has run out of storage space" : "SecureBase cannot reach its database for a moment";
        var detail = full
            ? "Nothing you sent was saved, and everything saved before is safe. Tell the school office or IT team: the server needs more disk space."
            : "Nothing you sent was saved. Wait a few seconds and try again.";
        if (IsApi(http))
        {
            await WriteProblemAsync(http, StatusCodes.Status503ServiceUnavailable, title, detail);
            return;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Try again in a moment – SecureBase</title>" +
            $"<link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main id=\"main\" class=\"page\"><h1>{title}</h1>" +
            $"<p>{detail}</p><p><a href=\"\">Try again</a></p></main></body></html>");
    }

    private const string ConflictTitle = "Someone else changed this at the same moment";
    private const string ConflictDetail = "Nothing you sent was saved, because someone else saved a change to the same record a moment before. Reload the page to see the latest, then try again if it is still needed.";

    // A malformed JSON body: name the field, never echo the value.
    private static string? FindJsonProblem(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is System.Text.Json.JsonException json)
            {
                return JsonBodies.Describe(json).Message;
            }
        }

        return null;
    }

    public static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || (http.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath?.StartsWith("/api", StringComparison.OrdinalIgnoreCase) ?? false);

    public static Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = ProblemTypes.For(status) };
        problem.Extensions["traceId"] = http.TraceIdentifier;
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }
}

/// <summary>Problem "type" links: the HTTP semantics section for each status (RFC 9110).</summary>
internal static class ProblemTypes
{
    public static string For(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        405 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
    };
}

/// <summary>Turns a rule's <see cref="Error"/> into an API response in the school's words.</summary>
public static class ApiResults
{
    public static IResult ToProblem(this Error error) => error switch
    {
        // Field names as the JSON spells them: "Input.StartDate" in a form is "input.startDate" here.
        Error.Validation v => TypedResults.ValidationProblem(
            v.Fields.GroupBy(f => string.Join('.', f.Field.Split('.').Select(ApiValidation.Camel))).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
            detail: v.Message, title: "Some of the details need correcting", type: ProblemTypes.For(400)),
        Error.NotFound n => TypedResults.Problem(n.Message, statusCode: 404, title: "Not found", type: ProblemTypes.For(404)),
        Error.Forbidden f => TypedResults.Problem(f.Message, statusCode: 403, title: "Not allowed", type: ProblemTypes.For(403)),
        Error.Conflict c => TypedResults.Problem(c.Message, statusCode: 409, title: "Already changed", type: ProblemTypes.For(409)),
        _ => TypedResults.Problem(error.Message, statusCode: 400, type: ProblemTypes.For(400)),
    };
}
