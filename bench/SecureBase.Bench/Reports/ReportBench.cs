using System.Diagnostics;
using System.Globalization;
using SecureBase.Demo;
using SecureBase.Reports;

namespace SecureBase.Bench.Reports;

/// <summary>
/// The annual-review batch (issue 12): annual review contributions for 10, 100 and 1,000 pupils drawn
/// into one PDF by the application's own renderer (SkiaSharp + HarfBuzz, ADR 0015), written to a file
/// as the download streams it. Reports pages per second per core (pages over the process's CPU time),
/// wall time, and the peak resident memory sampled while each batch is drawn.
/// </summary>
public sealed class ReportBench : IBenchSuite
{
    public string Name => "reports";

    public string Description => "annual-review contributions as one PDF: 10, 100 and 1,000 pupils; pages/s/core, time and peak memory";

    public async Task RunAsync(string[] options)
    {
        var sizes = options.Contains("--quick") ? new[] { 10, 100 } : [10, 100, 1000];
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average at start {LoadAverage()}.");

        // Warm-up: fonts found, shapers made, JIT done.
        Render(Documents(5, seed: 1), out _);

        var rows = new List<(int Pupils, int Pages, double Wall, double Cpu, double PeakMb, long Bytes)>();
        foreach (var n in sizes)
        {
            var documents = Documents(n, seed: n);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var sampler = new PeakSampler();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var pages = Render(documents, out var bytes);
            clock.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            rows.Add((n, pages, clock.Elapsed.TotalSeconds, cpu, await sampler.StopAsync(), bytes));
        }

        Console.WriteLine($"{"pupils",7} {"pages",6} {"wall s",8} {"cpu s",7} {"pages/s (wall)",15} {"pages/s/core (cpu)",19} {"peak MB",8} {"PDF MB",7}");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Pupils,7} {r.Pages,6} {r.Wall,8:0.00} {r.Cpu,7:0.00} {r.Pages / r.Wall,15:0.0} {r.Pages / r.Cpu,19:0.0} {r.PeakMb,8:0} {r.Bytes / 1048576.0,7:0.0}"));
        }

        var goals = new List<string>();
        var slowest = rows.Min(r => r.Pages / r.Cpu);
        goals.Add(string.Create(CultureInfo.InvariantCulture, $"≥ 50 pages/s/core: {(slowest >= 50 ? "met" : "NOT met")} (slowest {slowest:0.0})"));
        for (var i = 1; i < rows.Count; i++)
        {
            var pageRatio = (double)rows[i].Pages / rows[i - 1].Pages;
            var timeRatio = rows[i].Cpu / rows[i - 1].Cpu;
            goals.Add(string.Create(CultureInfo.InvariantCulture,
                $"{rows[i - 1].Pupils}→{rows[i].Pupils}: {pageRatio:0.0}× the pages took {timeRatio:0.0}× the CPU time ({rows[i].Wall / rows[i - 1].Wall:0.0}× wall): {(timeRatio <= pageRatio * 1.2 ? "linear" : "NOT linear")}"));
        }

        goals.Add(string.Create(CultureInfo.InvariantCulture, $"peak memory {rows.Min(r => r.PeakMb):0}–{rows.Max(r => r.PeakMb):0} MB: {(rows.Max(r => r.PeakMb) <= rows.Min(r => r.PeakMb) * 1.5 ? "flat" : "NOT flat")}"));
        foreach (var g in goals)
        {
            Console.WriteLine("  " + g);
        }

        Console.WriteLine($"Load average at end {LoadAverage()}.");
    }

    private static int Render(IEnumerable<ReportDocument> documents, out long bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"securebase-bench-reports-{Guid.NewGuid():N}.pdf");
        try
        {
            int pages;
            using (var file = File.Create(path))
            {
                pages = ReportPdf.Write(documents, file);
            }

            bytes = new FileInfo(path).Length;
            return pages;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Annual review contributions like the demo's: names from the demo roll (some in their own script), goals, provision, text.</summary>
    private static IEnumerable<ReportDocument> Documents(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var own = i % 7 == 3 ? DemoNames.OwnScript[i % DemoNames.OwnScript.Length] : default;
            var first = own.LegalFirst is null ? DemoNames.FirstNames[random.Next(DemoNames.FirstNames.Length)] : own.PreferredFirst ?? own.LegalFirst;
            var last = own.LegalFirst is null ? DemoNames.LastNames[random.Next(DemoNames.LastNames.Length)] : own.PreferredLast ?? own.LegalLast;
            var offered = 10 + random.Next(20);
            var attended = offered - random.Next(6);
            var facts = new ReportFacts(
                $"{first} {last}",
                own.LegalFirst is null ? null : $"{own.LegalFirst} {own.LegalLast}",
                $"Year {7 + random.Next(5)}",
                "Hollybrook Academy",
                "Speech and language therapy",
                "Siobhán Ní Bhriain",
                "3 March 2026",
                "1 September 2026 to 4 December 2026",
                offered,
                attended,
                attended * 100 / offered,
                random.Next(3),
                "Improving: from an average of 2.8 to 3.9 of 5 (14 sessions rated)",
                Enumerable.Range(1, 3).Select(g => new GoalFact(
                    $"{first} will ask an adult for help in class using their help card, goal {g}",
                    "Observed in 4 of 5 lessons across two weeks, recorded by the class teacher",
                    1,
                    ["14 Oct 2026: some progress", "2 Dec 2026: good progress"],
                    "good progress")).ToList(),
                [$"\"{first} will ask an adult for help\": from not started (30 Sep 2026) to good progress (2 Dec 2026): moved up 2 steps on the goal scale."],
                ["1 session was refused in this period; the longest run of refusals in a row was 1."],
                new EhcpFacts("12 May 2021", "10 May 2025", "8 May 2026", "1 September 2026 to 4 December 2026",
                    [new ProvisionFact("Speech and language therapy", "13 sessions (390 minutes)", $"{attended} sessions ({attended * 30} minutes)", $"{Math.Min(100, attended * 100 / 13)}%")],
                    "Out of date: the plan is dated 12 May 2021, when the pupil was in Year 3 (key stage 2); they are now in Year 8 (key stage 3). Its therapy provision was written for a younger child and should be rewritten for their age at this review.",
                    ["The EHCP annual review was due on 8 May 2026."]),
                "4 December 2026");
            var report = BenchReport(facts, random);
            yield return ReportLayout.Document(report, facts);
        }
    }

    private static Report BenchReport(ReportFacts facts, Random random)
    {
        var summary = string.Join(' ', Enumerable.Repeat($"{facts.PupilName} has engaged well with speech and language therapy this term, and is using strategies for word-finding in class.", 4 + random.Next(3)));
        var content = new ReportContent(ReportKind.AnnualReviewContribution, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 4), summary,
            "Continue weekly therapy; rewrite section F's therapy provision for the pupil's age.", ReportAudience.SchoolStaff | ReportAudience.LocalAuthority, null);
        var circle = new ReportCircle(facts.PupilName, true, true, false);
        var json = facts.ToJson();
        var report = Report.Write(Common.SchoolId.New(), Common.EpisodeId.New(), Common.PupilId.New(), content, circle, json, Guid.NewGuid(), facts.Practitioner, new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc)).Value;
        report.Approve(json, Guid.NewGuid(), facts.Practitioner, new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc));
        return report;
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

    /// <summary>Samples the process's resident memory every 10 ms until stopped; the peak in MB.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _sampling;

        public PeakSampler() => _sampling = Task.Run(async () =>
        {
            long peak = 0;
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try
                {
                    await Task.Delay(10, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            process.Refresh();
            return Math.Max(peak, process.WorkingSet64);
        });

        public async Task<double> StopAsync()
        {
            await _stop.CancelAsync();
            return await _sampling / 1048576.0;
        }

        public void Dispose() => _stop.Dispose();
    }
}
