using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecureBase.Demo;

namespace SecureBase.BrowserTests.Support;

/// <summary>All browser tests share one application and one browser; each test gets its own browser context.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// Starts the demo application on a real port and one headless Chromium for the whole run.
/// Nothing starts when the tests are being skipped for want of a browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "securebase-browser-tests", Guid.NewGuid().ToString("N"));
    private BrowserApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private DemoUsers? _demo;
    private Uri? _baseAddress;

    /// <summary>How long a test waits for the page to show what it expects, in every browser context and in waits of our own.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public Uri BaseAddress => _baseAddress ?? throw NotStarted();

    /// <summary>The demo school's accounts, as seeded for this run.</summary>
    public DemoUsers Demo => _demo ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        if (BrowserTestSettings.SkipReason is not null)
        {
            return;
        }

        if (!BrowserTestSettings.ChromiumInstalled)
        {
            throw new InvalidOperationException(
                $"Browser tests are required (SECUREBASE_REQUIRE_ALL_TESTS=1) but there is no Chromium at {BrowserTestSettings.ChromiumPath}: install Debian's chromium package (the .ci/run script does).");
        }

        Directory.CreateDirectory(_dataFolder);
        _app = new BrowserApp(_dataFolder);
        _baseAddress = _app.Start();
        var created = _app.Services.GetRequiredService<DemoAccounts>().Created;
        if (created.Count == 0)
        {
            throw new InvalidOperationException("The demo school was not seeded: the browser tests need SecureBase:SeedDemo=true on an empty database.");
        }

        _demo = new DemoUsers(created);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserTestSettings.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (no cookies, no history) with one page on the application.</summary>
    public async Task<BrowserSession> NewSessionAsync(bool withAxe = false)
    {
        var browser = _browser ?? throw NotStarted();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        if (withAxe)
        {
            await AxeCore.InstallAsync(context);
        }

        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, this);
        page.Console += (_, message) =>
        {
            // HTTP error statuses are logged too; the tests check those themselves (a 403 is often the point).
            if (message.Type == "error" && !message.Text.Contains("the server responded with a status of", StringComparison.Ordinal))
            {
                session.Errors.Enqueue($"console error on {PageExtensions.PathOf(page.Url)}: {message.Text}");
            }
        };
        page.PageError += (_, error) => session.Errors.Enqueue($"script error on {PageExtensions.PathOf(page.Url)}: {error}");
        return session;
    }

    /// <summary>
    /// Works on the demo school's database directly (Hollybrook Academy), for a journey that needs a record
    /// the demo does not hold, or the id of one it does (a report not shared with parents, to try by its address).
    /// </summary>
    internal async Task<T> InDemoSchoolAsync<T>(Func<SecureBase.Data.SecureBaseDb, Task<T>> work)
    {
        var app = _app ?? throw NotStarted();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBase.Data.SecureBaseDb>();
        var school = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Schools, s => s.Name == DemoUsers.MainSchool);
        scope.ServiceProvider.GetRequiredService<SecureBase.Data.SchoolContext>().Switch(school.Id, school.TimeZoneId);
        return await work(db);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(_dataFolder))
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run for it is not.
        }
    }

    private static InvalidOperationException NotStarted() =>
        new("The browser fixture did not start (were the tests meant to be skipped?).");
}

/// <summary>One test's browser: its own context, closed at the end of the test.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, BrowserFixture fixture) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;
    public BrowserFixture Fixture { get; } = fixture;

    /// <summary>
    /// What the browser reported going wrong: script errors, and console errors such as a
    /// resource refused by the Content-Security-Policy or a redirect loop.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}
