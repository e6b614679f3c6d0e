using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SecureBase.Scheduling.Reading;
using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;

namespace SecureBase.Bench.Scheduling;

/// <summary>
/// The scheduler against the exact optimum: generated school weeks of varied shape and the repository's samples are
/// each written as an LP model and solved by CBC, solved by our scheduler in-process (2 s limit), and our solution is
/// checked by <see cref="IndependentChecker"/>; it is solved again with a limit long enough for the step budget
/// to finish whatever the machine's load (the reproducible result). The local-authority sample is ours only (30 s limit).
/// Options: --cbc-time-limit N (default 120), --no-cache, --resolve-samples, --skip-la.
/// </summary>
public sealed partial class SchedulerSuite : IBenchSuite
{
    private static readonly InstanceShape[] Shapes =
    [
        new("gen-school-balanced", 101, Sessions: 50, Sites: 1, RoomsPerSite: 4, Practitioners: 4, PractitionerDays: 3.5, GroupShare: 0.1, SitesPerPractitioner: 1),
        new("gen-tight-practitioners", 102, Sessions: 60, Sites: 1, RoomsPerSite: 5, Practitioners: 3, PractitionerDays: 3, GroupShare: 0.1, SitesPerPractitioner: 1),
        new("gen-few-rooms", 103, Sessions: 60, Sites: 1, RoomsPerSite: 2, Practitioners: 5, PractitionerDays: 3, GroupShare: 0.1, SitesPerPractitioner: 1, RoomBusy: 0.1),
        new("gen-many-groups", 104, Sessions: 45, Sites: 1, RoomsPerSite: 4, Practitioners: 4, PractitionerDays: 3, GroupShare: 0.5, SitesPerPractitioner: 1, SecondSessionShare: 0.25),
        new("gen-many-sites", 105, Sessions: 90, Sites: 3, RoomsPerSite: 3, Practitioners: 7, PractitionerDays: 4, GroupShare: 0.15, SitesPerPractitioner: 2.2),
        new("gen-two-sites-peripatetic", 106, Sessions: 80, Sites: 2, RoomsPerSite: 4, Practitioners: 6, PractitionerDays: 4, GroupShare: 0.15, SitesPerPractitioner: 1.8),
        new("gen-small-30", 107, Sessions: 30, Sites: 1, RoomsPerSite: 3, Practitioners: 2, PractitionerDays: 3.5, GroupShare: 0.15, SitesPerPractitioner: 1),
        new("gen-large-100", 108, Sessions: 100, Sites: 3, RoomsPerSite: 4, Practitioners: 8, PractitionerDays: 4, GroupShare: 0.15, SitesPerPractitioner: 1.5),
    ];

    public string Name => "scheduler";

    public string Description => "Scheduler vs CBC's exact optimum on generated and sample weeks; the local authority at scale";

    public async Task RunAsync(string[] options)
    {
        var cbcLimit = IntOption(options, "--cbc-time-limit", 120);
        var useCache = !options.Contains("--no-cache");
        var root = RepositoryRoot();
        var samples = Path.Combine(root, "samples", "scheduling");
        var work = Path.Combine(Path.GetTempPath(), "securebase-bench-scheduler");
        Directory.CreateDirectory(work);
        var cbc = CbcRunner.Find();
        if (cbc is null)
        {
            Console.WriteLine("cbc was not found on PATH: run bench/scheduler.sh, which installs coinor-cbc. Showing our results only.");
        }

        var loadAtStart = LoadAverage();
        var rows = new List<string>();
        string? laLine = null;
        if (!options.Contains("--skip-la"))
        {
            laLine = await LocalAuthorityAsync(Path.Combine(samples, "local-authority.json"));
        }

        foreach (var sample in new[] { "small", "school", "two-sites" })
        {
            var json = await File.ReadAllTextAsync(Path.Combine(samples, $"{sample}.json"));
            CbcResult? exact = null;
            if (options.Contains("--resolve-samples") && cbc is not null)
            {
                exact = await CbcRunner.SolveAsync(cbc, LpModel.Write(RawInstance.Parse(json)), cbcLimit, work, useCache);
            }
            else
            {
                var reference = await File.ReadAllTextAsync(Path.Combine(samples, $"{sample}.reference.txt"));
                var cost = double.Parse(ReferenceCost().Match(reference).Groups[1].Value, CultureInfo.InvariantCulture);
                var seconds = double.Parse(ReferenceSeconds().Match(reference).Groups[1].Value, CultureInfo.InvariantCulture);
                exact = new CbcResult(cost, cost, true, seconds, true, "reference file");
            }

            rows.Add(await CompareAsync($"sample {sample}", json, exact));
        }

        foreach (var shape in Shapes)
        {
            var json = InstanceGenerator.Generate(shape);
            await File.WriteAllTextAsync(Path.Combine(work, $"{shape.Name}.json"), json);
            var exact = cbc is null ? null : await CbcRunner.SolveAsync(cbc, LpModel.Write(RawInstance.Parse(json)), cbcLimit, work, useCache);
            rows.Add(await CompareAsync(shape.Name, json, exact));
        }

        Console.WriteLine();
        Console.WriteLine($"CBC {CbcVersion(cbc)}, time limit {cbcLimit} s, one thread; ours: 2 workers, --time-limit 2, in-process. Generated instances are written to {work}.");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; load average at start {loadAtStart}, at end {LoadAverage()} (our times and \"time cap hit\" rows depend on it; costs do not, unless the cap was hit).");
        Console.WriteLine();
        Console.WriteLine("| instance | sessions | exact cost (CBC) | ours, 2 s limit | gap % | ours, full step budget (time) | gap % | ours per session | CBC s | our s (2 s run) | ratio | our check |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        if (laLine is not null)
        {
            Console.WriteLine();
            Console.WriteLine(laLine);
        }
    }

    private static async Task<string> CompareAsync(string name, string json, CbcResult? exact)
    {
        var raw = RawInstance.Parse(json);
        var (ours, seconds, check, _) = await SolveOursAsync(json, TimeSpan.FromSeconds(2), raw);

        // The same search with room to finish its step budget whatever the machine's load: deterministic.
        var (full, fullSeconds, fullCheck, _) = await SolveOursAsync(json, TimeSpan.FromSeconds(120), raw);
        var exactText = exact switch
        {
            null => "(no CBC)",
            { Optimal: true, Best: { } b } => Fmt(b),
            { Best: { } b, Bound: { } lb } => $"best {Fmt(b)}, bound {Fmt(lb)}",
            { Best: { } b } => $"best {Fmt(b)}",
            _ => $"none ({exact.Status})",
        };
        string Gap(long cost)
        {
            var gap = exact?.Best is { } best
                ? best == 0 ? (cost == 0 ? "0.00" : "inf") : (100.0 * (cost - best) / best).ToString("0.00", CultureInfo.InvariantCulture)
                : "-";
            if (exact is { Optimal: false, Bound: { } bound } && bound > 0)
            {
                gap += $" (≤ {(100.0 * (cost - bound) / bound).ToString("0.00", CultureInfo.InvariantCulture)} vs bound)";
            }

            return gap;
        }

        var cbcSeconds = exact is null ? "-" : exact.Seconds.ToString("0.0", CultureInfo.InvariantCulture) + (exact.Optimal ? "" : " (limit)") + (exact.FromCache && exact.Status != "reference file" ? " (cached)" : "");
        var ratio = exact is null || seconds <= 0 ? "-" : (exact.Seconds / seconds).ToString("0.0", CultureInfo.InvariantCulture) + "×";
        var perSession = ((double)ours / Math.Max(1, raw.Sessions.Count)).ToString("0.00", CultureInfo.InvariantCulture);
        var fullText = $"{full} ({fullSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s)";
        if (fullCheck != "valid")
        {
            check += $"; full budget: {fullCheck}";
        }

        var line = $"| {name} | {raw.Sessions.Count} | {exactText} | {ours} | {Gap(ours)} | {fullText} | {Gap(full)} | {perSession} | {cbcSeconds} | {seconds.ToString("0.00", CultureInfo.InvariantCulture)} | {ratio} | {check} |";
        Console.WriteLine(line);
        return line;
    }

    private static async Task<string> LocalAuthorityAsync(string path)
    {
        var json = await File.ReadAllTextAsync(path);
        var raw = RawInstance.Parse(json);
        var (ours, seconds, check, placed) = await SolveOursAsync(json, TimeSpan.FromSeconds(30), raw);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
        var sites = raw.Rooms.Select(r => r.Site).Distinct(StringComparer.Ordinal).Count();
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"Local authority sample ({sites} sites, {raw.Sessions.Count} sessions, peripatetic practitioners): ours {ours} = {(double)ours / raw.Sessions.Count:0.00} per session, {placed} placed, {raw.Sessions.Count - placed} unplaced, {seconds:0.0} s (--time-limit 30), peak working set of the bench process {peak:0} MB, check {check}. CBC not run: the model has too many variables to finish in a useful time.");
        Console.WriteLine(line);
        return line;
    }

    private static async Task<(long Cost, double Seconds, string Check, int Placed)> SolveOursAsync(string json, TimeSpan limit, RawInstance raw)
    {
        var read = InstanceReader.Parse(json);
        if (!read.IsValid)
        {
            return (-1, 0, "refused: " + read.Errors[0], 0);
        }

        var start = Stopwatch.GetTimestamp();
        var result = await Task.Run(() => Scheduler.Solve(read.Instance, new SolveOptions { TimeLimit = limit }));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var written = Encoding.UTF8.GetString(SolutionJson.Write(result.Solution));
        var (cost, problems) = IndependentChecker.Check(raw, written);
        var check = problems.Count == 0 ? "valid" : $"INVALID: {problems[0]}";
        if (result.Statistics.StoppedByTimeLimit)
        {
            check += " (time cap hit)";
        }

        return (cost, seconds, check, result.Solution.Placements.Count);
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Fmt(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static int IntOption(string[] options, string name, int fallback)
    {
        var i = Array.IndexOf(options, name);
        return i >= 0 && i + 1 < options.Length && int.TryParse(options[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    private static string CbcVersion(string? cbc)
    {
        if (cbc is null)
        {
            return "(not installed)";
        }

        var info = new ProcessStartInfo(cbc, "-quit") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var match = CbcVersionPattern().Match(text);
        return match.Success ? match.Groups[1].Value : "(unknown version)";
    }

    /// <summary>The folder holding SecureBase.slnx, found by walking up from here and from the working directory.</summary>
    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SecureBase.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (SecureBase.slnx).");
    }

    [GeneratedRegex(@"ok cost=([0-9.]+)")]
    private static partial Regex ReferenceCost();

    [GeneratedRegex(@"seconds=([0-9.]+)")]
    private static partial Regex ReferenceSeconds();

    [GeneratedRegex(@"Version:\s*(\S+)")]
    private static partial Regex CbcVersionPattern();
}
