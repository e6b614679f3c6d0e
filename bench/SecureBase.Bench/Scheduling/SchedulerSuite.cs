using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SecureBase.Bench.Scheduling;

/// <summary>
/// The scheduler against exact solvers. Generated school weeks of varied shape and the repository's samples are each
/// written as an LP model and solved by CBC, solved by plain CP-SAT (the whole week as one model, no warm start, the
/// production parameters), by the annealer alone and by the production scheduler (annealer, then CP-SAT by cluster),
/// each with the 2 s limit in a process of its own so that its peak memory is its own; every solution is checked by
/// <see cref="IndependentChecker"/>. The authorities (the 40-site sample and a generated 104-site week of 5,200
/// sessions) are run by the production scheduler with 30 s and 60 s limits: first valid timetable, cost, bound, gap.
/// Options: --cbc-time-limit N (default 120), --no-cache, --resolve-samples, --skip-la (no authorities).
/// </summary>
public sealed partial class SchedulerSuite : IBenchSuite
{
    internal static readonly InstanceShape[] Shapes =
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

    public string Description => "Scheduler vs CBC and plain CP-SAT on generated and sample weeks; authorities at 30 s and 60 s";

    /// <summary>A generated authority: 104 sites in localities of 4, 5,200 sessions, about one practitioner in six peripatetic.</summary>
    internal static readonly InstanceShape Authority =
        new("gen-authority-104", 201, Sessions: 5200, Sites: 104, RoomsPerSite: 4, Practitioners: 416, PractitionerDays: 4, GroupShare: 0.15, SitesPerPractitioner: 1.3, SitesPerLocality: 4);

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
        foreach (var sample in new[] { "small", "school", "two-sites" })
        {
            var path = Path.Combine(samples, $"{sample}.json");
            var json = await File.ReadAllTextAsync(path);
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

            rows.Add(await CompareAsync($"sample {sample}", path, json, exact));
        }

        foreach (var shape in Shapes)
        {
            var json = InstanceGenerator.Generate(shape);
            var path = Path.Combine(work, $"{shape.Name}.json");
            await File.WriteAllTextAsync(path, json);
            var exact = cbc is null ? null : await CbcRunner.SolveAsync(cbc, LpModel.Write(RawInstance.Parse(json)), cbcLimit, work, useCache);
            rows.Add(await CompareAsync(shape.Name, path, json, exact));
        }

        var authorities = new List<string>();
        if (!options.Contains("--skip-la"))
        {
            authorities.Add(await AuthorityAsync("sample local-authority", Path.Combine(samples, "local-authority.json")));
            var path = Path.Combine(work, $"{Authority.Name}.json");
            await File.WriteAllTextAsync(path, InstanceGenerator.Generate(Authority));
            authorities.Add(await AuthorityAsync(Authority.Name, path));
        }

        Console.WriteLine();
        Console.WriteLine($"CBC {CbcVersion(cbc)}, time limit {cbcLimit} s, one thread. Plain CP-SAT, annealer alone and ours: --time-limit 2, each run in a fresh process (peak memory is that process's VmHWM). Generated instances are written to {work}.");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; load average at start {loadAtStart}, at end {LoadAverage()}.");
        Console.WriteLine();
        Console.WriteLine("| instance | sessions | CBC cost | CBC s | CBC MB | plain CP-SAT cost | bound | gap % | proven | s | MB | annealer alone cost | ours cost | bound | gap % | proven | s | MB | check |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        if (authorities.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| authority | sites | sessions | first valid s | cost at 30 s | bound | gap % | clusters proven | cost at 60 s | bound | gap % | clusters proven | peak MB (60 s run) | check |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var row in authorities)
            {
                Console.WriteLine(row);
            }
        }
    }

    private static async Task<string> CompareAsync(string name, string path, string json, CbcResult? exact)
    {
        var raw = RawInstance.Parse(json);
        var plain = await SchedulerRun.InChildAsync("cpsat", path, 2);
        var annealer = await SchedulerRun.InChildAsync("annealer", path, 2);
        var ours = await SchedulerRun.InChildAsync("ours", path, 2);
        var exactText = exact switch
        {
            null => "(no CBC)",
            { Optimal: true, Best: { } b } => Fmt(b),
            { Best: { } b, Bound: { } lb } => $"best {Fmt(b)}, bound {Fmt(lb)}",
            { Best: { } b } => $"best {Fmt(b)}",
            _ => $"none ({exact.Status})",
        };
        var cbcSeconds = exact is null ? "-" : exact.Seconds.ToString("0.0", CultureInfo.InvariantCulture) + (exact.Optimal ? "" : " (limit)") + (exact.FromCache && exact.Status != "reference file" ? " (cached)" : "");
        var cbcMb = exact?.PeakMb is { } mb ? mb.ToString("0", CultureInfo.InvariantCulture) : "-";
        var check = ours.Check == "valid" && plain.Check == "valid" && annealer.Check == "valid" ? "valid" : $"ours {ours.Check}; plain {plain.Check}; annealer {annealer.Check}";
        if (ours.StoppedByClock)
        {
            check += " (clock)";
        }

        var line = $"| {name} | {raw.Sessions.Count} | {exactText} | {cbcSeconds} | {cbcMb} | {Columns(plain)} | {annealer.Cost} | {Columns(ours)} | {check} |";
        Console.WriteLine(line);
        return line;
    }

    /// <summary>cost | bound | gap % | proven | s | MB for one run.</summary>
    private static string Columns(RunResult run) =>
        string.Create(CultureInfo.InvariantCulture, $"{run.Cost} | {run.Bound} | {Gap(run)} | {(run.Optimal ? "yes" : "no")} | {run.Seconds:0.00} | {run.PeakMb:0}");

    private static string Gap(RunResult run) =>
        run.Optimal ? "0" : run.Bound <= 0 ? "-" : (100.0 * (run.Cost - run.Bound) / run.Bound).ToString("0.00", CultureInfo.InvariantCulture);

    private static async Task<string> AuthorityAsync(string name, string path)
    {
        var raw = RawInstance.Parse(await File.ReadAllTextAsync(path));
        var at30 = await SchedulerRun.InChildAsync("ours", path, 30);
        var at60 = await SchedulerRun.InChildAsync("ours", path, 60);
        var sites = raw.Rooms.Select(r => r.Site).Distinct(StringComparer.Ordinal).Count();
        var check = at30.Check == "valid" && at60.Check == "valid" ? "valid" : $"30 s {at30.Check}; 60 s {at60.Check}";
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {sites} | {raw.Sessions.Count} | {at30.FirstValidSeconds:0.0} | {at30.Cost} | {at30.Bound} | {Gap(at30)} | {at30.ProvenClusters}/{at30.Clusters} | {at60.Cost} | {at60.Bound} | {Gap(at60)} | {at60.ProvenClusters}/{at60.Clusters} | {at60.PeakMb:0} | {check} |");
        Console.WriteLine(line);
        return line;
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
