using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

public sealed class PolicyTableDocTests
{
    [Fact]
    public void PolicyTableDocument_MatchesTheTableInCode()
    {
        var path = Path.Combine(Repository.Root, "docs", "policy-table.md");
        var expected = PolicyTable.ToMarkdown();
        if (Environment.GetEnvironmentVariable("SECUREBASE_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        File.Exists(path).ShouldBeTrue("docs/policy-table.md is generated: run the tests once with SECUREBASE_UPDATE_DOCS=1");
        File.ReadAllText(path).ReplaceLineEndings("\n").ShouldBe(expected.ReplaceLineEndings("\n"), "docs/policy-table.md is out of date: run the tests with SECUREBASE_UPDATE_DOCS=1");
    }
}
