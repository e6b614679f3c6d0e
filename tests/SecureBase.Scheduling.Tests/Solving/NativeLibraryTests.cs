using SecureBase.Scheduling.Cli;
using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;
using SecureBase.Scheduling.Solving.Exact;

namespace SecureBase.Scheduling.Tests.Solving;

/// <summary>Acting out a platform where OR-Tools' native library does not load changes a process-wide switch: run alone.</summary>
[CollectionDefinition(nameof(NativeLibraryMissing), DisableParallelization = true)]
public sealed class NativeLibraryMissing;

[Collection(nameof(NativeLibraryMissing))]
public sealed class NativeLibraryTests : IDisposable
{
    private const string Why = "Unable to load shared library 'google-ortools-native'";

    public NativeLibraryTests() => CpSat.TestOverride = Why;

    public void Dispose() => CpSat.TestOverride = null;

    [Fact]
    public void ExactSolverMissing_FallsBackToTheAnnealerAndSaysWhy()
    {
        var instance = TestInstances.Sample("small");

        var result = Scheduler.Solve(instance);

        SolutionChecker.Check(instance, result.Solution).ShouldBeEmpty();
        result.Statistics.ExactSolverUnavailable.ShouldBe(Why);
        result.Statistics.Clusters.ShouldBe(0);
        result.Solution.Proof!.Bound.ShouldBeLessThanOrEqualTo(TestInstances.ReferenceCost("small"));
    }

    [Fact]
    public async Task ExactSolverMissing_TheCommandSaysSoOnceAndStillWritesATimetable()
    {
        var folder = Directory.CreateTempSubdirectory("schedule-native-").FullName;
        try
        {
            var output = Path.Combine(folder, "out.json");
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var exit = await ScheduleCli.RunAsync(["--instance", TestInstances.SamplePath("small"), "--out", output], stdout, stderr);

            exit.ShouldBe(ScheduleExitCode.Success);
            stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem()
                .ShouldContain($"the exact solver (OR-Tools CP-SAT) cannot be loaded on this platform ({Why}); the annealer alone was used");
            stdout.ToString().ShouldNotContain("optimal (proven)");
            File.Exists(output).ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
