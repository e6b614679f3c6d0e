using SecureBase.Pupils;

namespace SecureBase.Tests.Pupils;

public sealed class UpnTests
{
    [Fact]
    public void CheckLetter_ForTheDfeExample_IsR() => Upn.CheckLetterFor("201100018042").ShouldBe('R');

    [Theory]
    [InlineData("R201100018042")]
    [InlineData("r2011 0001 8042")]
    public void AValidUpn_IsAccepted_AsTyped(string text)
    {
        Upn.TryParse(text, out var upn, out _).ShouldBeTrue();
        upn.Value.ShouldBe("R201100018042");
        upn.IsTemporary.ShouldBeFalse();
    }

    [Fact]
    public void AWrongCheckLetter_SaysWhichLetterWasExpected()
    {
        Upn.TryParse("A201100018042", out _, out var problem).ShouldBeFalse();
        problem.ShouldContain("should be R, not A");
    }

    [Fact]
    public void ATemporaryUpn_EndsInALetter_WhichCountsAsItsPlaceInTheCheckLetters()
    {
        // 20110001804 then A (worth 0): 2*2+0*3+1*4+1*5+0+0+0+1*9+8*10+0*11+4*12+0*13 = 150; 150 mod 23 = 12 -> N
        Upn.CheckLetterFor("20110001804A").ShouldBe('N');
        Upn.TryParse("N20110001804A", out var upn, out _).ShouldBeTrue();
        upn.IsTemporary.ShouldBeTrue();
    }

    [Theory]
    [InlineData("", "Enter the UPN")]
    [InlineData("R20110001804", "has 13 characters")]
    [InlineData("I201100018042", "starts with its check letter")]
    [InlineData("R2011000180X2", "12 digits")]
    [InlineData("R201100018O42", "12 digits")]
    public void AMalformedUpn_IsRefusedWithAReason(string text, string reason)
    {
        Upn.TryParse(text, out _, out var problem).ShouldBeFalse();
        problem.ShouldContain(reason);
    }
}
