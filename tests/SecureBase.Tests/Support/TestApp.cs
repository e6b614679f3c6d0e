using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureBase.Data;

namespace SecureBase.Tests.Support;

/// <summary>
/// The real application, started in memory on a real database (an SQLite file or a PostgreSQL
/// database of its own), with a test clock. Tests isolate themselves by creating their own school.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string AuditKeyBase64 = "dGVzdC1hdWRpdC1rZXktdGhhdC1pcy0zMi1ieXRlcyE=";

    private readonly TestDatabase _database;
    private readonly Dictionary<string, string?> _settings;

    private readonly bool _ownsDatabase;
    private readonly Action<IServiceCollection>? _services;

    private TestApp(TestDatabase database, IDictionary<string, string?>? settings, bool ownsDatabase = true, Action<IServiceCollection>? services = null)
    {
        _database = database;
        _services = services;
        _ownsDatabase = ownsDatabase;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["SecureBase:DataFolder"] = database.Folder,
            ["SecureBase:SeedDemo"] = "false",
            ["SecureBase:MigrateOnStart"] = "true",
            ["SecureBase:AuditKey"] = AuditKeyBase64,
            ["SecureBase:LoginAttemptsPerMinute"] = "100000",
            ["SecureBase:ApiClientRequestsPerMinute"] = "100000",
            ["SecureBase:BackgroundJobs"] = "false",
            // Tests witness the audit chain's head themselves, where they want it (AuditChainTests).
            ["SecureBase:AuditWitnessMinutes"] = "0",
            [database.Provider == DatabaseProvider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite"] = database.ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:SecureBase"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            _settings[k] = v;
        }
    }

    public TestClock Clock { get; } = new();
    public DatabaseProvider Provider => _database.Provider;
    public TestDatabase Database => _database;

    /// <summary>
    /// A dedicated application (its own database and clock) for tests that move time or need a clean
    /// slate; <paramref name="services"/> may add to it, e.g. an interceptor that plays another user.
    /// </summary>
    public static async Task<TestApp> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var db = await TestDatabases.CreateAsync(provider);
        var app = new TestApp(db, settings, services: services);
        _ = app.Server; // start now, so migrations run before the first request
        return app;
    }

    /// <summary>An application on a database the test owns (for example one left at an old schema version).</summary>
    public static TestApp StartOn(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        var app = new TestApp(database, settings, ownsDatabase: false);
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings)
        {
            builder.UseSetting(k, v);
        }

        builder.UseEnvironment("Production");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    public HttpClient NewBrowser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("http://localhost"),
    });

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>
/// One application per database for the whole test run. Tests share it safely because each
/// creates its own school; tests that move the clock start their own with <see cref="TestApp.StartAsync"/>.
/// </summary>
public static class SharedApps
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<TestApp>>> Apps = new();

    static SharedApps() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var app in Apps.Values.Where(a => a.IsValueCreated && a.Value.IsCompletedSuccessfully))
        {
            app.Value.Result.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
        }
    };

    public static Task<TestApp> GetAsync(DatabaseProvider provider) =>
        Apps.GetOrAdd(provider, p => new Lazy<Task<TestApp>>(() => TestApp.StartAsync(p))).Value;
}
