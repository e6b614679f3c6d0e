using SecureBase.Scheduling.Reading;
using SecureBase.Scheduling.Solutions;
using SecureBase.Scheduling.Solving;
using SecureBase.Scheduling.Solving.Exact;

namespace SecureBase.Scheduling.Tests.Solving;

/// <summary>Switching the companion run off changes process-wide parameters: run alone.</summary>
[CollectionDefinition(nameof(ExactParametersChanged), DisableParallelization = true)]
public sealed class ExactParametersChanged;

/// <summary>
/// A school's two CP-SAT runs race (ADR 0012, third pass): when the companion proves first, the main run stops at its
/// first timetable of that cost. That must be the timetable the main run gives when it runs alone to its own proof.
/// The week is the benchmark's gen-tight-practitioners (a copy), where the annealer's warm start ends above the optimum
/// (3208): without the polish (ADR 0012, eighth pass) the companion proves first and the main run has to find the
/// optimum itself; with it the main run starts from the polished warm start, at the optimum, whichever run proves it.
/// </summary>
[Collection(nameof(ExactParametersChanged))]
public sealed class RaceTests
{
    private static readonly string Week = Path.Combine(
        TestInstances.RepositoryRoot(), "tests", "SecureBase.Scheduling.Tests", "Solving", "gen-tight-practitioners.json");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CompanionMayProveFirst_TheTimetableIsTheMainRunsOwnAndTheSameTwice(bool polish)
    {
        var read = await InstanceReader.ReadFileAsync(Week);
        read.IsValid.ShouldBeTrue();
        var units = ExactPhase.PolishUnits;
        try
        {
            ExactPhase.PolishUnits = polish ? units : 0;
            var raced = Scheduler.Solve(read.Instance, TestInstances.Unhurried);
            var again = Scheduler.Solve(read.Instance, TestInstances.Unhurried);
            var alone = MainRunAlone(() => Scheduler.Solve(read.Instance, TestInstances.Unhurried));

            raced.Solution.Proof!.Optimal.ShouldBeTrue();
            raced.Solution.Cost.ShouldBe(3206);
            alone.Solution.Proof!.Optimal.ShouldBeTrue();
            SolutionJson.Write(again.Solution).ShouldBe(SolutionJson.Write(raced.Solution));
            SolutionJson.Write(alone.Solution).ShouldBe(SolutionJson.Write(raced.Solution));
        }
        finally
        {
            ExactPhase.PolishUnits = units;
        }
    }

    private static SolveResult MainRunAlone(Func<SolveResult> solve)
    {
        var (search, companion, spare) = (CpSat.SearchParameters, CpSat.CompanionParameters, Scheduler.SpareAnnealer);
        try
        {
            // The main run's parameters, no companion and no spare annealer: the same warm start, the main run alone.
            (CpSat.SearchParameters, CpSat.CompanionParameters, Scheduler.SpareAnnealer) = (CpSat.SchoolParameters, null, false);
            return solve();
        }
        finally
        {
            (CpSat.SearchParameters, CpSat.CompanionParameters, Scheduler.SpareAnnealer) = (search, companion, spare);
        }
    }
}
