using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SecureBase.Bench.Authority;

/// <summary>One wrk measurement: throughput and latency percentiles (milliseconds).</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50, double P90, double P95, double P99, long Requests, long Errors);

/// <summary>
/// What each of wrk's requests is: its headers (the session cookie, or an API client's bearer token), and for a POST its
/// body and content type; or, for a load whose every request differs, Lua that defines wrk's <c>request</c> (and
/// <c>response</c>) functions, given the number of wrk threads as the global <c>threads</c>.
/// </summary>
internal sealed record WrkLoad(IReadOnlyDictionary<string, string> Headers, string? Body = null, string? ContentType = null, string? Lua = null)
{
    public static WrkLoad Cookie(string cookie, string? formBody = null) =>
        new(new Dictionary<string, string> { ["Cookie"] = cookie }, formBody, formBody is null ? null : "application/x-www-form-urlencoded");

    public static WrkLoad Bearer(string token, string? jsonBody = null) =>
        new(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" }, jsonBody, jsonBody is null ? null : "application/json");
}

/// <summary>
/// Runs wrk (a real HTTP load generator, from Debian's packages) against one address; a Lua script sets the headers (and
/// the body for a POST, or defines each request) and prints the percentiles wrk's own report leaves out (p95), in
/// microseconds, so nothing is parsed from rounded text.
/// </summary>
internal static class Wrk
{
    public const string Path = "/usr/bin/wrk";

    public static int ThreadsFor(int connections) => Math.Min(connections, 2);

    public static async Task<WrkResult> RunAsync(Uri url, WrkLoad load, int connections, TimeSpan duration)
    {
        var script = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"securebase-wrk-{Guid.NewGuid():N}.lua");
        var lua = new StringBuilder();
        lua.AppendLine(CultureInfo.InvariantCulture, $"threads = {ThreadsFor(connections)}");
        foreach (var (name, value) in load.Headers)
        {
            lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[{LuaString(name)}] = {LuaString(value)}");
        }

        if (load.Body is not null)
        {
            lua.AppendLine("wrk.method = \"POST\"");
            lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[\"Content-Type\"] = {LuaString(load.ContentType ?? "application/octet-stream")}");
            lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.body = {LuaString(load.Body)}");
        }

        if (load.Lua is not null)
        {
            lua.AppendLine(load.Lua);
        }

        lua.AppendLine("""
            done = function(summary, latency, requests)
              io.write(string.format("SB requests=%d errors=%d status=%d duration=%d p50=%d p90=%d p95=%d p99=%d\n",
                summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
                summary.errors.status, summary.duration,
                latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99)))
            end
            """);
        await File.WriteAllTextAsync(script, lua.ToString());
        try
        {
            var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[]
                     {
                         "-t", ThreadsFor(connections).ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                         "-d", $"{(int)duration.TotalSeconds}s", "--timeout", "10s", "--latency", "-s", script, url.ToString(),
                     })
            {
                info.ArgumentList.Add(a);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start wrk.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var output = await stdout;
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("SB ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk printed no summary:\n{output}\n{await stderr}");
            var v = line[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(kv => kv.Split('='))
                .ToDictionary(kv => kv[0], kv => long.Parse(kv[1], CultureInfo.InvariantCulture));
            var seconds = v["duration"] / 1e6;
            return new WrkResult(v["requests"] / seconds, v["p50"] / 1000.0, v["p90"] / 1000.0, v["p95"] / 1000.0, v["p99"] / 1000.0,
                v["requests"], v["errors"] + v["status"]);
        }
        finally
        {
            File.Delete(script);
        }
    }

    public static string LuaString(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
