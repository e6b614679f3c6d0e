using System.Diagnostics;
using SecureBase.Scheduling.Allocation;

namespace SecureBase.Bench.Allocation;

/// <summary>
/// The allocation proposal at local-authority size (2,000 waiting pupils, 200 practitioners, 40 sites, 35 slots):
/// every pupil's ranking plus the exact joint assignment, timed over several runs, the result checked by
/// <see cref="IndependentAllocationCheck"/> (feasibility, capacities, score, optimality); smaller lists timed
/// too; small random lists compared with brute force. Options: --quick (fewer runs).
/// </summary>
public sealed class AllocationSuite : IBenchSuite
{
    public string Name => "allocation";

    public string Description => "Allocation proposal (rankings + exact assignment): 2,000 pupils x 200 practitioners, checked independently";

    public Task RunAsync(string[] options)
    {
        var runs = options.Contains("--quick") ? 3 : 9;
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average at start {LoadAverage()}; {runs} timed runs after one warm-up.");
        Console.WriteLine("Times are for the whole proposal (every ranking with its reasons, and the joint assignment); wall clock, and this process's CPU time (less sensitive to a busy machine).");
        Console.WriteLine();

        var la = new WaitingListShape("local authority", 2026, Pupils: 2000, Practitioners: 200, Sites: 40);
        var shapes = new[]
        {
            la,
            new WaitingListShape("local authority, 4x the list", 2027, Pupils: 8000, Practitioners: 200, Sites: 40),
            new WaitingListShape("dense: 2,000 pupils on 5 sites, all free", 2030, Pupils: 2000, Practitioners: 200, Sites: 5, FreeShare: 1.0),
            new WaitingListShape("trust of 4 schools", 2028, Pupils: 200, Practitioners: 20, Sites: 4),
            new WaitingListShape("one special school", 2029, Pupils: 60, Practitioners: 12, Sites: 1),
        };

        Console.WriteLine("| waiting list | pupils | practitioners | sites | allowed pairs | median ms | min ms | median CPU ms | compile ms | assignment ms | one pupil (ProposeFor) ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        AllocationInput? laInput = null;
        AllocationProposal? laProposal = null;
        foreach (var shape in shapes)
        {
            var input = WaitingListGenerator.Generate(shape);
            var (proposal, median, min, cpu) = Time(runs, () => AllocationProposer.Propose(input));
            var (compiled, compileMedian, _, _) = Time(runs, () => CompiledAllocation.ForAll(input));
            var pairs = compiled.Pupils.Sum(p => p.Candidates.Count(c => c.Shared != 0 && compiled.Practitioners[c.Practitioner].FreePlaces > 0));
            var (_, solveMedian, _, _) = Time(runs, () => AllocationProposer.Recommend(compiled));
            var sample = input.Pupils.Take(50).Select(p => p.Id).ToList();
            var recommendations = proposal.Recommendations;
            var (_, oneMedian, _, _) = Time(runs, () => sample.Select(id => AllocationProposer.ProposeFor(input, id, recommendations)).ToList());
            Console.WriteLine($"| {shape.Name} | {input.Pupils.Count:N0} | {input.Practitioners.Count} | {shape.Sites} | {pairs:N0} | {median:F1} | {min:F1} | {cpu:F1} | {compileMedian:F1} | {solveMedian:F1} | {oneMedian / sample.Count:F2} |");
            if (shape == la)
            {
                laInput = input;
                laProposal = proposal;
            }
        }

        Console.WriteLine($"Load average at end of timing: {LoadAverage()}.");
        Console.WriteLine();
        Report(laInput!, laProposal!);

        Console.WriteLine();
        var sw = Stopwatch.StartNew();
        var (instances, agree, most) = BruteForceComparison.Run(options.Contains("--quick") ? 100 : 500, 31);
        Console.WriteLine($"Brute force on small random lists (<= 7 pupils, <= 4 practitioners, 0-2 free places): {agree}/{instances} agree " +
                          $"(score equal to the best of every assignment, and the independent check passes); up to {most:N0} assignments tried per list; {sw.Elapsed.TotalSeconds:F1} s.");
        if (agree != instances)
        {
            throw new InvalidOperationException("The allocation proposal disagrees with brute force.");
        }

        return Task.CompletedTask;
    }

    private static void Report(AllocationInput input, AllocationProposal proposal)
    {
        var sw = Stopwatch.StartNew();
        var problems = IndependentAllocationCheck.Check(input, proposal);
        var checkSeconds = sw.Elapsed.TotalSeconds;
        var freePlaces = input.Practitioners.Sum(t => Math.Max(0, t.Capacity - t.Caseload));
        Console.WriteLine($"Local authority list: {input.Pupils.Count:N0} waiting, {freePlaces} free places in the team; placed {proposal.Score.Placed} " +
                          $"({proposal.Score.ExactMatches} exact, {proposal.Score.RelatedMatches} related match; {proposal.Score.TotalSharedSlots:N0} shared free slots; {proposal.Score.TotalWeeksWaited:N0} weeks waited).");
        Console.WriteLine("| priority | waiting | placed | share placed |");
        Console.WriteLine("|---:|---:|---:|---:|");
        for (var priority = 1; priority <= 4; priority++)
        {
            var waiting = input.Pupils.Count(p => p.Priority == priority);
            var placed = proposal.Score.PlacedByPriority[priority - 1];
            Console.WriteLine($"| {priority} | {waiting} | {placed} | {(waiting == 0 ? 0 : 100.0 * placed / waiting):F0}% |");
        }

        var reasons = proposal.Pupils.Where(p => p.NotPlaced is not null).GroupBy(p => p.NotPlaced!.Value).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine($"Not placed, by reason: {string.Join(", ", reasons)}. Ranking length: mean {proposal.Pupils.Average(p => p.Ranking.Count):F1}, max {proposal.Pupils.Max(p => p.Ranking.Count)}.");
        var example = proposal.Pupils.First(p => p.RecommendedPractitionerId is not null && p.Ranking.Count > 2);
        Console.WriteLine($"Example: {example.PupilName} (priority {example.Priority}, {example.WeeksWaited} weeks): {example.Summary}");
        foreach (var r in example.Ranking.Take(4))
        {
            Console.WriteLine($"    {(r.IsRecommended ? "*" : " ")} {r.PractitionerName}: {r.Reason}");
        }

        var unplaced = proposal.Pupils.First(p => p.NotPlaced == NotPlacedReason.PlacesNeededByOthers);
        Console.WriteLine($"Example: {unplaced.PupilName} (priority {unplaced.Priority}): {unplaced.Summary}");
        Console.WriteLine(problems.Count == 0
            ? $"Independent check: passed (each recommendation a discipline match with shared free time, no caseload over capacity, score adds up, no improving exchange cycle; {checkSeconds:F1} s)."
            : $"Independent check FAILED: {string.Join("; ", problems.Take(10))}");
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The allocation proposal failed the independent check.");
        }
    }

    private static (T Result, double MedianMs, double MinMs, double MedianCpuMs) Time<T>(int runs, Func<T> action)
    {
        var result = action();
        var times = new List<double>();
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            result = action();
            times.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        times.Sort();
        cpu.Sort();
        return (result, times[times.Count / 2], times[0], cpu[cpu.Count / 2]);
    }

    private static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
