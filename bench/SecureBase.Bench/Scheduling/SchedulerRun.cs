using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SecureBase.Scheduling.Explaining;
using SecureBase.Scheduling.Reading;
using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;
using SecureBase.Scheduling.Solving.Exact;

namespace SecureBase.Bench.Scheduling;

/// <summary>What one solver did on one instance, measured in a process of its own (so its peak memory is its own).</summary>
internal sealed record RunResult(
    long Cost, long Bound, bool Optimal, double Seconds, double FirstValidSeconds, double PeakMb, string Check, int Placed,
    int Clusters, int ProvenClusters, bool StoppedByClock);

/// <summary>
/// One measured run, in a child process: <c>scheduler-run SOLVER INSTANCE SECONDS</c>, where SOLVER is <c>ours</c> (the
/// production scheduler), <c>annealer</c> (the production scheduler without CP-SAT) or <c>cpsat</c> (plain CP-SAT: the
/// whole week as one model, no warm start, no clusters, the production parameters). Prints one JSON line.
/// </summary>
internal static class SchedulerRun
{
    public const string Command = "scheduler-run";

    /// <summary>"First valid" is NaN when plain CP-SAT found no timetable in time (seen on a loaded machine).</summary>
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> MainAsync(string[] args)
    {
        var (solver, path, seconds) = (args[0], args[1], double.Parse(args[2], CultureInfo.InvariantCulture));
        var json = await File.ReadAllTextAsync(path);
        var instance = InstanceReader.Parse(json).Instance!;
        var limit = TimeSpan.FromSeconds(seconds);
        var start = Stopwatch.GetTimestamp();
        ScheduleSolution solution;
        double firstValid;
        int clusters = 0, proven = 0;
        bool byClock;
        if (solver == "cpsat")
        {
            var problem = new CompiledProblem(instance);
            var assignment = new int[problem.SessionCount];
            Array.Fill(assignment, -1);
            var outcome = CpSat.Solve(
                new ClusterModel(problem, Enumerable.Range(0, problem.SessionCount).ToList()), assignment, long.MaxValue,
                limit * 0.9, Scheduler.ExactShare * seconds, seed: 1, CancellationToken.None, hint: false, parameters: CpSat.PlainParameters);
            solution = Plain(instance, problem, assignment, outcome);
            firstValid = outcome.Bound == long.MinValue ? double.NaN : Stopwatch.GetElapsedTime(start).TotalSeconds;
            byClock = outcome.StoppedByClock;
        }
        else
        {
            var result = Scheduler.Solve(instance, new SolveOptions { TimeLimit = limit, Prove = solver == "ours" });
            solution = result.Solution;
            firstValid = result.Statistics.FirstValid.TotalSeconds;
            (clusters, proven, byClock) = (result.Statistics.Clusters, result.Statistics.ProvenClusters, result.Statistics.StoppedByTimeLimit);
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var (cost, problems) = IndependentChecker.Check(RawInstance.Parse(json), Encoding.UTF8.GetString(SolutionJson.Write(solution)));
        var check = problems.Count == 0 ? "valid" : $"INVALID: {problems[0]}";
        var run = new RunResult(
            cost, solution.Proof?.Bound ?? 0, solution.Proof?.Optimal ?? false, elapsed, firstValid, PeakMegabytes(), check,
            solution.Placements.Count, clusters, proven, byClock);
        Console.WriteLine(JsonSerializer.Serialize(run, Json));
        return 0;
    }

    /// <summary>Runs <c>scheduler-run</c> in a fresh process of this benchmark and reads its line.</summary>
    public static async Task<RunResult> InChildAsync(string solver, string instancePath, double seconds)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var entry = typeof(SchedulerRun).Assembly.Location;
        if (Path.GetFileName(Environment.ProcessPath ?? "").StartsWith("dotnet", StringComparison.Ordinal))
        {
            // Started as "dotnet SecureBase.Bench.dll" rather than through its own executable.
            info.ArgumentList.Add(entry);
        }

        foreach (var a in new[] { Command, solver, instancePath, seconds.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return process.ExitCode == 0 && line is not null
            ? JsonSerializer.Deserialize<RunResult>(line, Json)!
            : throw new InvalidOperationException($"{solver} on {instancePath} failed: {await error}");
    }

    private static ScheduleSolution Plain(SecureBase.Scheduling.Model.ScheduleInstance instance, CompiledProblem problem, int[] assignment, ExactOutcome outcome)
    {
        var placements = Enumerable.Range(0, problem.SessionCount)
            .Where(s => assignment[s] >= 0)
            .Select(s => new Placement(instance.Sessions[s].Id, instance.Slots[problem.CandidateSlot[assignment[s]]].Id, instance.Rooms[problem.CandidateRoom[assignment[s]]].Id))
            .ToList();
        var cost = CostCalculator.Compute(instance, placements).Total;
        var bound = outcome.Bound == long.MinValue ? 0 : outcome.Bound;
        var unplaced = UnplacedExplainer.ExplainAll(instance, placements);
        return new ScheduleSolution(instance.Name, placements, unplaced, cost, new SolutionProof(bound, outcome.Optimal && bound == cost));
    }

    /// <summary>The process's peak resident memory (VmHWM), native CP-SAT memory included.</summary>
    private static double PeakMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return double.NaN;
    }
}
