using SecureBase.Scheduling.Cli;
using SecureBase.Scheduling.Reading;
using SecureBase.Scheduling.Solutions;

namespace SecureBase.Scheduling.Tests.Cli;

public sealed class ScheduleCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("schedule-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Out => Path.Combine(_folder, "out.json");

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ScheduleCli.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string WriteInstance(string text)
    {
        var path = Path.Combine(_folder, "in.json");
        File.WriteAllText(path, text);
        return path;
    }

    private static string SmallWithReplacement(string find, string replace)
    {
        var text = File.ReadAllText(TestInstances.SamplePath("small"));
        text.ShouldContain(find);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }

    private void NoOutputLeft()
    {
        File.Exists(Out).ShouldBeFalse();
        Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Sample_IsSolvedAndWrittenWithItsCost()
    {
        var (exit, stdout, stderr) = await RunAsync("--instance", TestInstances.SamplePath("small"), "--out", Out, "--time-limit", "10", "--seed", "3");

        exit.ShouldBe(ScheduleExitCode.Success, stderr);
        stdout.ShouldContain("Placed 30 of 30 sessions");
        stdout.ShouldContain("cost 118 (", customMessage: "CBC's proven optimum of the sample");
        stdout.ShouldContain("optimal (proven)");
        stdout.ShouldContain("Kept ");
        var solution = SolutionJson.Read(await File.ReadAllBytesAsync(Out), out _)!;
        SolutionChecker.Check(TestInstances.Sample("small"), solution).ShouldBeEmpty();
        solution.Proof.ShouldBe(new SolutionProof(118, Optimal: true));
        Directory.GetFiles(_folder).ShouldBe([Out]);
    }

    [Fact]
    public async Task SameArguments_WriteTheSameBytes()
    {
        var second = Path.Combine(_folder, "second.json");

        var first = await RunAsync("--instance", TestInstances.SamplePath("small"), "--out", Out);
        var again = await RunAsync("--instance", TestInstances.SamplePath("small"), $"--out={second}");
        first.Exit.ShouldBe(0);
        again.Exit.ShouldBe(0);

        // ADR 12: byte-identical unless the wall clock, not the search's own deterministic budget, ended a run (a loaded
        // machine), which the command says: then another run may differ, and each output is checked to be whole instead.
        const string stoppedByClock = "The time limit ended the search before its own budget";
        if (!first.Stdout.Contains(stoppedByClock, StringComparison.Ordinal) && !again.Stdout.Contains(stoppedByClock, StringComparison.Ordinal))
        {
            (await File.ReadAllBytesAsync(second)).ShouldBe(await File.ReadAllBytesAsync(Out));
        }
        else
        {
            // Another run may differ (ADR 12); each is still a whole timetable whose bound is below its cost.
            foreach (var file in new[] { Out, second })
            {
                using var doc = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file));
                var cost = doc.RootElement.GetProperty("cost").GetInt32();
                doc.RootElement.GetProperty("proof").GetProperty("bound").GetInt32().ShouldBeLessThanOrEqualTo(cost);
            }
        }
    }

    [Fact]
    public async Task MissingFile_IsRefused()
    {
        var (exit, _, stderr) = await RunAsync("--instance", Path.Combine(_folder, "nowhere.json"), "--out", Out);

        exit.ShouldBe(ScheduleExitCode.Unreadable);
        stderr.ShouldContain("does not exist");
        NoOutputLeft();
    }

    [Fact]
    public async Task EmptyFile_IsRefused()
    {
        var (exit, _, stderr) = await RunAsync("--instance", WriteInstance(""), "--out", Out);

        exit.ShouldBe(ScheduleExitCode.Unreadable);
        stderr.ShouldContain("is empty");
        NoOutputLeft();
    }

    [Fact]
    public async Task FileOverTheSizeLimit_IsRefusedWithoutReadingIt()
    {
        // A sparse 100 MB file: no disk is used, and the reader must refuse it from its length.
        var path = Path.Combine(_folder, "huge.json");
        await using (var stream = File.Create(path))
        {
            stream.SetLength(100L * 1024 * 1024);
        }

        var (exit, _, stderr) = await RunAsync("--instance", path, "--out", Out);

        exit.ShouldBe(ScheduleExitCode.Unreadable);
        stderr.ShouldContain("too large (100 MB or more); the limit is 16 MB");
        NoOutputLeft();
    }

    [Fact]
    public async Task MalformedJson_IsRefused()
    {
        var (exit, _, stderr) = await RunAsync("--instance", WriteInstance("{ \"formatVersion\": 1, \"slots\": [ "), "--out", Out);

        exit.ShouldBe(ScheduleExitCode.MalformedJson);
        stderr.ShouldContain("is not valid JSON at line 1");
        NoOutputLeft();
    }

    [Theory]
    [InlineData("\"practitioner\": \"T1\"", "\"practitioner\": \"T99\"", "names practitioner T99, which is not in the practitioners list")]
    [InlineData("\"id\": \"Mon-2\"", "\"id\": \"Mon-1\"", "slot id Mon-1 is used twice")]
    [InlineData("\"id\": \"P32\",\n   \"site\": \"A\"", "\"id\": \"P32\",\n   \"site\": \"B\"", "session S25 is a group across sites")]
    [InlineData("\"formatVersion\": 1", "\"formatVersion\": 2", "format version 1 only")]
    public async Task InvalidInstance_IsRefusedNamingTheProblem(string find, string replace, string message)
    {
        var (exit, stdout, stderr) = await RunAsync("--instance", WriteInstance(SmallWithReplacement(find, replace)), "--out", Out);

        exit.ShouldBe(ScheduleExitCode.InvalidInstance);
        stderr.ShouldContain(message);
        stdout.ShouldBeEmpty();
        NoOutputLeft();
    }

    [Fact]
    public async Task InvalidInstance_LeavesAnExistingOutputFileUntouched()
    {
        await File.WriteAllTextAsync(Out, "last week's solution");

        var (exit, _, _) = await RunAsync("--instance", WriteInstance("{}"), "--out", Out);

        exit.ShouldBe(ScheduleExitCode.InvalidInstance);
        (await File.ReadAllTextAsync(Out)).ShouldBe("last week's solution");
    }

    [Theory]
    [InlineData(new[] { "--instance", "x.json" }, "--out is required")]
    [InlineData(new[] { "--out", "x.json" }, "--instance is required")]
    [InlineData(new[] { "--instance", "a.json", "--out", "b.json", "--time-limit", "soon" }, "--time-limit must be a number")]
    [InlineData(new[] { "--instance", "a.json", "--out", "b.json", "--time-limit", "0" }, "--time-limit must be a number")]
    [InlineData(new[] { "--instance", "a.json", "--out", "b.json", "--time-limit=-2" }, "--time-limit must be a number of seconds above 0")]
    [InlineData(new[] { "--instance", "a.json", "--out", "b.json", "--seed", "1.5" }, "--seed must be a whole number")]
    [InlineData(new[] { "--instance", "a.json", "--out", "b.json", "--fast" }, "unknown argument --fast")]
    [InlineData(new[] { "--instance", "--out", "b.json" }, "--instance needs a value")]
    public async Task WrongArguments_AreRefusedWithUsage(string[] args, string message)
    {
        var (exit, _, stderr) = await RunAsync(args);

        exit.ShouldBe(ScheduleExitCode.Usage);
        stderr.ShouldContain(message);
        stderr.ShouldContain("Usage: schedule");
    }

    [Fact]
    public async Task OutputFolderMissing_IsRefusedBeforeSolving()
    {
        var (exit, _, stderr) = await RunAsync("--instance", TestInstances.SamplePath("small"), "--out", Path.Combine(_folder, "no", "out.json"));

        exit.ShouldBe(ScheduleExitCode.CannotWrite);
        stderr.ShouldContain("does not exist");
    }

    [Fact]
    public async Task Help_PrintsUsage()
    {
        var (exit, stdout, _) = await RunAsync("--help");

        exit.ShouldBe(0);
        stdout.ShouldStartWith("Usage: schedule --instance IN.json --out OUT.json");
    }

    [Fact]
    public void SizeLimit_IsSixteenMegabytes() => InstanceReader.DefaultMaxBytes.ShouldBe(16L * 1024 * 1024);
}
