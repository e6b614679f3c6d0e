using System.Runtime.CompilerServices;
using System.Text.Json;
using SecureBase.Tests.Support;

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
    public static async Task<ParsedCalendar> ParseAsync(string ics)
    {
        var folder = Folder();
        await NodeTools.EnsureInstalledAsync(folder, "ical.js");
        var (code, output, error) = await NodeTools.RunAsync("node", "parse-feed.mjs", folder, ics);
        code.ShouldBe(0, $"ical.js could not parse the feed: {error}");
        return JsonSerializer.Deserialize<ParsedCalendar>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static string Folder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "ical");
}
