using System.Text;
using SecureBase.Scheduling.Solutions;

namespace SecureBase.Scheduling.Tests.Solutions;

public sealed class SolutionJsonTests
{
    private static readonly ScheduleSolution Solution = new(
        "westbourne \"autumn\" 2",
        [new("S1", "Mon-2", "R1"), new("S2", "Tue-1", "Room ü")],
        [new("S9", "T4 is available only in slots where every room with a sink is taken")],
        13);

    [Fact]
    public void WrittenSolution_ReadsBackEqual()
    {
        var read = SolutionJson.Read(SolutionJson.Write(Solution), out var error);

        error.ShouldBeNull();
        read.ShouldNotBeNull();
        read.Instance.ShouldBe(Solution.Instance);
        read.Placements.ShouldBe(Solution.Placements);
        read.Unplaced.ShouldBe(Solution.Unplaced);
        read.Cost.ShouldBe(13);
    }

    [Fact]
    public void Writer_FollowsTheFormatFieldOrder()
    {
        var text = Encoding.UTF8.GetString(SolutionJson.Write(Solution));

        text.IndexOf("\"formatVersion\": 1", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("\"instance\"", StringComparison.Ordinal));
        text.IndexOf("\"placements\"", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("\"unplaced\"", StringComparison.Ordinal));
        text.ShouldEndWith("\"cost\": 13\n}\n");
    }

    [Fact]
    public void SolutionWithoutCost_IsRefused()
    {
        SolutionJson.Read("""{ "formatVersion": 1, "instance": "x", "placements": [], "unplaced": [] }"""u8.ToArray(), out var error).ShouldBeNull();
        error!.Where.ShouldBe("cost");
    }

    [Fact]
    public void SolutionOfAnotherVersion_IsRefused()
    {
        SolutionJson.Read("""{ "formatVersion": 2, "placements": [], "unplaced": [], "cost": 0 }"""u8.ToArray(), out var error).ShouldBeNull();
        error.ShouldNotBeNull();
    }
}
