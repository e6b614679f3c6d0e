using System.Globalization;
using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Reading;
using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;

namespace SecureBase.Scheduling.Cli;

/// <summary>
/// The <c>schedule</c> command: <c>--instance IN --out OUT [--time-limit SECONDS] [--seed N]</c>. Reads and validates
/// the instance, solves it, checks the solution against the rules and its cost, and writes it atomically (a temporary
/// file in the same folder, then a rename), so OUT is either the complete new solution or left exactly as it was.
/// </summary>
public static class ScheduleCli
{
    public const string Usage =
        "Usage: schedule --instance IN.json --out OUT.json [--time-limit SECONDS] [--seed N]\n" +
        "  Places a week of therapy sessions into slots and rooms (docs/scheduling.md).\n" +
        "  --time-limit  the longest the search may run, in seconds, above 0 (default 2 for up to 200 sessions, 60 above)\n" +
        "  --seed        a whole number that seeds the search (default 1)";

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, InstanceReader.DefaultMaxBytes, cancellationToken);

    internal static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, long maxInstanceBytes, CancellationToken cancellationToken)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            await stdout.WriteLineAsync(Usage);
            return ScheduleExitCode.Success;
        }

        if (!TryParse(args, out var arguments, out var problem))
        {
            await stderr.WriteLineAsync($"schedule: {problem}");
            await stderr.WriteLineAsync(Usage);
            return ScheduleExitCode.Usage;
        }

        var outPath = FullPath(arguments.Out);
        var instancePath = FullPath(arguments.Instance);
        var outFolder = Path.GetDirectoryName(outPath)!;
        if (string.Equals(outPath, instancePath, StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync("schedule: --out must not be the instance file itself.");
            return ScheduleExitCode.Usage;
        }

        if (!Directory.Exists(outFolder))
        {
            await stderr.WriteLineAsync($"schedule: cannot write {arguments.Out}: the folder {outFolder} does not exist.");
            return ScheduleExitCode.CannotWrite;
        }

        var read = await InstanceReader.ReadFileAsync(instancePath, maxInstanceBytes, cancellationToken);
        if (!read.IsValid)
        {
            await stderr.WriteLineAsync($"schedule: the instance {arguments.Instance} was refused:");
            foreach (var error in read.Errors)
            {
                await stderr.WriteLineAsync($"  {error}");
            }

            return read.Errors[0].Kind switch
            {
                SchedulingErrorKind.Unreadable => ScheduleExitCode.Unreadable,
                SchedulingErrorKind.MalformedJson => ScheduleExitCode.MalformedJson,
                SchedulingErrorKind.Invalid => ScheduleExitCode.InvalidInstance,
                _ => ScheduleExitCode.InvalidInstance,
            };
        }

        var instance = read.Instance;
        var options = new SolveOptions { TimeLimit = arguments.TimeLimit, Seed = arguments.Seed };
        var result = Scheduler.Solve(instance, options, cancellationToken);

        // The solution is checked against the rules and its cost, and read back, before a byte reaches the disk.
        var bytes = SolutionJson.Write(result.Solution);
        var readBack = SolutionJson.Read(bytes, out _);
        var problems = readBack is null ? ["the written solution cannot be read back"] : SolutionChecker.Check(instance, readBack);
        if (problems.Count > 0)
        {
            await stderr.WriteLineAsync("schedule: internal error: the solution failed its own check and was not written:");
            foreach (var line in problems.Take(10))
            {
                await stderr.WriteLineAsync($"  {line}");
            }

            return ScheduleExitCode.InternalError;
        }

        try
        {
            await WriteAtomicallyAsync(outPath, bytes, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"schedule: cannot write {arguments.Out}: {e.Message}");
            return ScheduleExitCode.CannotWrite;
        }

        var statistics = result.Statistics;
        if (statistics.ExactSolverUnavailable is { } why)
        {
            await stderr.WriteLineAsync(
                $"schedule: the exact solver (OR-Tools CP-SAT) cannot be loaded on this platform ({why}); the annealer alone was used, so the timetable is valid but not proven optimal.");
        }

        await stdout.WriteLineAsync(Summary(result, instance.Sessions.Count, arguments.Out));
        if (statistics.Repair is { WithPrevious: > 0 } repair)
        {
            await stdout.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Kept {repair.Kept} of the {repair.StillOpen} sessions whose place last week is still allowed; {repair.WithPrevious - repair.StillOpen} other sessions' places last week are no longer allowed (a room, a practitioner's hours or a protected lesson changed)."));
        }

        if (statistics.StoppedByTimeLimit)
        {
            await stdout.WriteLineAsync("The time limit ended the search before its own budget: the timetable is valid, but another run may differ.");
        }

        return ScheduleExitCode.Success;
    }

    /// <summary>
    /// One line: what was placed, the cost item by item, the time, and what is proven: "optimal (proven)" or
    /// "within X% of the best bound B".
    /// </summary>
    internal static string Summary(SolveResult result, int sessions, string outPath)
    {
        var b = result.Breakdown;
        var proof = result.Solution.Proof;
        var quality = proof switch
        {
            { Optimal: true } => "optimal (proven)",
            { } p when double.IsFinite(p.GapPercent(b.Total)) => string.Create(CultureInfo.InvariantCulture, $"within {p.GapPercent(b.Total):0.00}% of the best bound ({p.Bound})"),
            { } p => $"best bound {p.Bound}",
            null => "not proven",
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Placed {sessions - b.Unplaced} of {sessions} sessions; cost {b.Total} (unplaced {b.Unplaced}, slot changes {b.SlotChanges}, room changes {b.RoomChanges}, non-dedicated rooms {b.NonDedicatedRooms}, avoided lessons {b.AvoidedSlots}, extra rooms {b.ExtraRooms}), {quality}, in {result.Statistics.Elapsed.TotalSeconds:0.0} s. Wrote {outPath}.");
    }

    /// <summary>
    /// Relative paths are taken from the shell's working directory ($PWD) when it has one: <c>dotnet run --project
    /// src/SecureBase</c> starts a web project in the project's own folder, so the process's current directory is not
    /// where the user typed the command.
    /// </summary>
    private static string FullPath(string path)
    {
        var shellDirectory = Environment.GetEnvironmentVariable("PWD");
        return !Path.IsPathRooted(path) && Path.IsPathFullyQualified(shellDirectory ?? "") && Directory.Exists(shellDirectory)
            ? Path.GetFullPath(path, shellDirectory)
            : Path.GetFullPath(path);
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private sealed record Arguments(string Instance, string Out, TimeSpan? TimeLimit, int Seed);

    private static bool TryParse(string[] args, out Arguments arguments, out string problem)
    {
        arguments = new Arguments("", "", null, 1);
        problem = "";
        string? instance = null, output = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Length)
            {
                value = args[i + 1];
            }

            if (name is not ("--instance" or "--out" or "--time-limit" or "--seed"))
            {
                problem = $"unknown argument {args[i]}.";
                return false;
            }

            if (value is null || (equals < 0 && value.StartsWith("--", StringComparison.Ordinal)))
            {
                problem = $"{name} needs a value.";
                return false;
            }

            if (equals < 0)
            {
                i++;
            }

            switch (name)
            {
                case "--instance":
                    instance = value;
                    break;
                case "--out":
                    output = value;
                    break;
                case "--time-limit":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                        || !double.IsFinite(seconds) || seconds <= 0 || seconds > 86_400)
                    {
                        problem = $"--time-limit must be a number of seconds above 0 and at most 86400, not {value}.";
                        return false;
                    }

                    arguments = arguments with { TimeLimit = TimeSpan.FromSeconds(seconds) };
                    break;
                default:
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
                    {
                        problem = $"--seed must be a whole number, not {value}.";
                        return false;
                    }

                    arguments = arguments with { Seed = seed };
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(instance) || string.IsNullOrWhiteSpace(output))
        {
            problem = instance is null ? "--instance is required." : "--out is required.";
            return false;
        }

        arguments = arguments with { Instance = instance, Out = output };
        return true;
    }
}
