namespace SecureBase.Scheduling.Tests;

public sealed class FormatVersionTests
{
    [Fact]
    public void FormatVersion_IsOne_AsFormatMdDefines() => SchedulingLibrary.FormatVersion.ShouldBe(1);
}
