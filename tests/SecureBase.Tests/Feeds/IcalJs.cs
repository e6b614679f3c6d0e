using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SecureBase.Tests.Feeds;

/// <summary>One event as ical.js reads it: local times in the event's zone, and the instant in UTC.</summary>
public sealed record ParsedEvent(string Uid, string Summary, string? Location, string? Description, string? Status, string? Tzid, string Start, string End, string StartUtc);

public sealed record ParsedCalendar(string? Name, IReadOnlyList<string> Zones, IReadOnlyList<ParsedEvent> Events);

/// <summary>
/// Parses a feed with ical.js (npm), a calendar library real calendar apps are built on, by running
/// ical/parse-feed.mjs with node. Installs ical.js there with `npm ci` the first time.
/// </summary>
public static class IcalJs
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static async Task<ParsedCalendar> ParseAsync(string ics)
    {
        var folder = Folder();
        await EnsureInstalledAsync(folder);
        var (code, output, error) = await RunAsync("node", "parse-feed.mjs", folder, ics);
        code.ShouldBe(0, $"ical.js could not parse the feed: {error}");
        return JsonSerializer.Deserialize<ParsedCalendar>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static string Folder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "ical");

    private static async Task EnsureInstalledAsync(string folder)
    {
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(folder, "node_modules", "ical.js", "package.json")))
            {
                var (code, _, error) = await RunAsync("npm", "ci --no-audit --no-fund", folder, null);
                code.ShouldBe(0, $"npm ci could not install ical.js in {folder} (the feed tests need Node.js and npm; .ci/run installs them): {error}");
            }
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, string arguments, string folder, string? input)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
