using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace SecureBase.BrowserTests.Support;

/// <summary>One failed axe-core rule on a page: which rule, how bad, where, and how to fix it.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes);

public sealed record AxeNode(IReadOnlyList<string> Target, string? FailureSummary);

/// <summary>
/// Accessibility checks with axe-core (from npm, copied next to the test assembly by the build),
/// against WCAG 2.0, 2.1 and 2.2 at levels A and AA.
/// </summary>
public static class AxeCore
{
    public static IReadOnlyList<string> WcagTags { get; } = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> Script = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException("axe.min.js is not beside the test assembly: the build copies it from tests/SecureBase.BrowserTests/node_modules (npm ci).", path);
    });

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Makes axe-core available on every page the context opens. It is added as an init script,
    /// which the browser runs through its DevTools protocol before the page's own scripts; so the
    /// app's Content-Security-Policy (no inline script) stays in force and the checked page is
    /// rendered exactly as a user's browser renders it.
    /// </summary>
    public static Task InstallAsync(IBrowserContext context) => context.AddInitScriptAsync(Script.Value);

    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        // Checked as the user sees it: with every style sheet applied, so colour contrast is real.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var json = await page.EvaluateAsync<string>(
            """
            async tags => {
                if (typeof axe === 'undefined') {
                    throw new Error('axe-core is not loaded in this page: call AxeCore.InstallAsync on its context');
                }
                const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
                return JSON.stringify(results.violations.map(v => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({ target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)), failureSummary: n.failureSummary })),
                })));
            }
            """,
            WcagTags);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
    }

    /// <summary>Fails with every violation's rule, impact, elements and help when axe-core finds any.</summary>
    public static async Task ShouldHaveNoAccessibilityViolationsAsync(this IPage page, string? context = null)
    {
        var violations = await RunAsync(page);
        if (violations.Count > 0)
        {
            throw new Shouldly.ShouldAssertException(Describe(violations, $"{context ?? "page"} at {new Uri(page.Url).PathAndQuery}"));
        }
    }

    public static string Describe(IReadOnlyList<AxeViolation> violations, string where)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"axe-core found {violations.Count} WCAG A/AA violation(s) on the {where}:");
        foreach (var v in violations)
        {
            sb.AppendLine($"- {v.Id} ({v.Impact ?? "unknown impact"}): {v.Help}");
            foreach (var node in v.Nodes)
            {
                sb.AppendLine($"    at {string.Join(", ", node.Target)}");
                if (!string.IsNullOrWhiteSpace(node.FailureSummary))
                {
                    sb.AppendLine("      " + node.FailureSummary.ReplaceLineEndings(" ").Trim());
                }
            }

            sb.AppendLine($"    {v.HelpUrl}");
        }

        return sb.ToString();
    }
}
