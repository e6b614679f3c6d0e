using SecureBase.Common;

namespace SecureBase.Tests.Web;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Zoë O'Brien-Ngata")]
    [InlineData("Siobhán Ní Dhuibhir")]
    [InlineData("王芳")]
    [InlineData("अनन्या शर्मा")]
    [InlineData("J. R. Hartley")]
    [InlineData("O’Connor")]
    public void PersonNames_InAnyScript_AreAccepted(string name) => TextRules.IsPersonName(name).ShouldBeTrue();

    [Theory]
    [InlineData("<b>Bold</b>")]
    [InlineData("Robert'); DROP TABLE pupils;--")]
    [InlineData("--")]
    [InlineData("12345")]
    public void NonNames_AreRefused(string name) => TextRules.IsPersonName(name).ShouldBeFalse();

    [Theory]
    [InlineData("photo\u202Egpj.exe", "text-direction")]
    [InlineData("line\u2066isolate", "text-direction")]
    [InlineData("bell\u0007", "control")]
    [InlineData("nul\0", "control")]
    public void MisleadingCharacters_AreFound(string text, string kind) =>
        TextRules.FindForbiddenCharacter(text, multiLine: true).ShouldNotBeNull().ShouldContain(kind);

    [Fact]
    public void AHalfCharacter_IsFound()
    {
        // Built here: a lone surrogate does not survive being passed as test data.
        var text = "broken" + (char)0xD800;
        TextRules.FindForbiddenCharacter(text, multiLine: false).ShouldBe("a broken character");
    }

    [Fact]
    public void LineBreaks_AreAllowedOnlyInMultiLineText()
    {
        TextRules.FindForbiddenCharacter("first line\nsecond line", multiLine: true).ShouldBeNull();
        TextRules.FindForbiddenCharacter("first line\nsecond line", multiLine: false).ShouldBe("a line break");
    }

    [Fact]
    public void Tidy_TrimsAndNormalises_SoTheSameNameIsStoredTheSameWay() =>
        TextRules.Tidy("  Zoe\u0308  ").ShouldBe("Zoë");
}
