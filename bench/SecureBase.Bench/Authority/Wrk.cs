using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SecureBase.Bench.Authority;

/// <summary>One wrk measurement: throughput and latency percentiles (milliseconds).</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50, double P90, double P95, double P99, long Requests, long Errors);

/// <summary>
/// Runs wrk (a real HTTP load generator, from Debian's packages) against one page with the session
/// cookie; a Lua script sets the cookie (and the form body for a POST) and prints the percentiles
/// wrk's own report leaves out (p95), in microseconds, so nothing is parsed from rounded text.
/// </summary>
internal static class Wrk
{
    public const string Path = "/usr/bin/wrk";

    public static async Task<WrkResult> RunAsync(Uri url, string cookie, string? formBody, int connections, TimeSpan duration)
    {
        var script = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"securebase-wrk-{Guid.NewGuid():N}.lua");
        var lua = new StringBuilder();
        lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[\"Cookie\"] = {LuaString(cookie)}");
        if (formBody is not null)
        {
            lua.AppendLine("wrk.method = \"POST\"");
            lua.AppendLine("wrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"");
            lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.body = {LuaString(formBody)}");
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
                         "-t", Math.Min(connections, 2).ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
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

    private static string LuaString(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
