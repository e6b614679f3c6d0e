using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecureBase.Bench.Scheduling;

/// <summary>The outcome of CBC on one model: the best cost it found, its lower bound, whether it proved optimality.</summary>
internal sealed record CbcResult(double? Best, double? Bound, bool Optimal, double Seconds, bool FromCache, string Status, double? PeakMb = null);

/// <summary>
/// Runs COIN-OR CBC (Debian's <c>coinor-cbc</c>) on an LP file with a time limit and reads its summary. Results are
/// cached by a hash of the model and the limit, so re-running the bench does not re-solve unchanged instances.
/// </summary>
internal static class CbcRunner
{
    public static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var path = Path.Combine(dir, "cbc");
            if (dir.Length > 0 && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    public static async Task<CbcResult> SolveAsync(string cbc, string lp, int timeLimitSeconds, string workDirectory, bool useCache)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{timeLimitSeconds}\n{lp}")))[..24];
        var cachePath = Path.Combine(workDirectory, $"cbc-{hash}.txt");
        var lpPath = Path.Combine(workDirectory, $"model-{hash}.lp");
        if (useCache && File.Exists(cachePath))
        {
            var cached = Parse(await File.ReadAllTextAsync(cachePath));
            return cached with { FromCache = true };
        }

        await File.WriteAllTextAsync(lpPath, lp);
        var start = Stopwatch.GetTimestamp();
        var info = new ProcessStartInfo(cbc)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { lpPath, "sec", timeLimitSeconds.ToString(CultureInfo.InvariantCulture), "solve" })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var peakKb = await WatchPeakAsync(process);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var text = $"{await output}\n{await error}\nbench-wallclock: {seconds.ToString("0.00", CultureInfo.InvariantCulture)}\nbench-peak-kb: {peakKb}\n";
        await File.WriteAllTextAsync(cachePath, text);
        File.Delete(lpPath);
        return Parse(text);
    }

    /// <summary>CBC's peak resident memory (VmHWM), read from /proc until it exits.</summary>
    private static async Task<long> WatchPeakAsync(Process process)
    {
        long peak = 0;
        var status = $"/proc/{process.Id}/status";
        while (!process.HasExited)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(status))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        peak = Math.Max(peak, long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
                    }
                }
            }
            catch (IOException)
            {
                // The process ended between the check and the read.
            }

            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(100));
        }

        return peak;
    }

    private static CbcResult Parse(string text)
    {
        double? best = null, bound = null, peak = null;
        var seconds = 0.0;
        var status = "unknown";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Result - ", StringComparison.Ordinal))
            {
                status = line["Result - ".Length..];
            }
            else if (line.StartsWith("Objective value:", StringComparison.Ordinal))
            {
                best = Number(line["Objective value:".Length..]);
            }
            else if (line.StartsWith("Lower bound:", StringComparison.Ordinal))
            {
                bound = Number(line["Lower bound:".Length..]);
            }
            else if (line.StartsWith("bench-peak-kb:", StringComparison.Ordinal))
            {
                peak = Number(line["bench-peak-kb:".Length..]) / 1024;
            }
            else if (line.StartsWith("bench-wallclock:", StringComparison.Ordinal))
            {
                seconds = Number(line["bench-wallclock:".Length..]) ?? 0;
            }
        }

        var optimal = status.StartsWith("Optimal", StringComparison.Ordinal);
        if (optimal)
        {
            bound = best;
        }

        return new CbcResult(best, bound, optimal, seconds, false, status, peak > 0 ? peak : null);
    }

    private static double? Number(string s) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
