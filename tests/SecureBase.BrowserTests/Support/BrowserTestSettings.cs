namespace SecureBase.BrowserTests.Support;

/// <summary>
/// Which browser the tests drive, and whether they may be skipped without one. Debian's
/// <c>chromium</c> package is the browser (Playwright never downloads one here); with
/// SECUREBASE_REQUIRE_ALL_TESTS=1 (set by <c>.ci/run</c>) a missing browser fails instead of skipping.
/// </summary>
public static class BrowserTestSettings
{
    public const string ChromiumVariable = "SECUREBASE_TEST_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>The browser's executable: <c>/usr/bin/chromium</c> unless SECUREBASE_TEST_CHROMIUM names another.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : DefaultChromium;

    public static bool RequireAll => Environment.GetEnvironmentVariable("SECUREBASE_REQUIRE_ALL_TESTS") == "1";

    public static bool ChromiumInstalled => File.Exists(ChromiumPath);

    public static string? SkipReason =>
        ChromiumInstalled || RequireAll
            ? null
            : $"Browser tests skipped: install Debian's chromium package (the .ci/run script does). No browser at {ChromiumPath} ({ChromiumVariable} can name another).";
}

/// <summary>A browser test: reported as skipped, with the reason, when there is no browser to drive.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserTestSettings.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A browser theory: reported as skipped, with the reason, when there is no browser to drive.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (BrowserTestSettings.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
