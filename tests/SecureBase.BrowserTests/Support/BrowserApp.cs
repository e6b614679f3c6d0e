using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SecureBase.BrowserTests.Support;

/// <summary>
/// The real application on Kestrel at a free port of 127.0.0.1, so a browser can reach it, with a
/// fresh SQLite database in its own data folder and the demo school loaded on start.
/// </summary>
internal sealed class BrowserApp : WebApplicationFactory<Program>
{
    private readonly string _dataFolder;

    public BrowserApp(string dataFolder)
    {
        _dataFolder = dataFolder;
        // Port 0: Kestrel picks a free port on 127.0.0.1.
        UseKestrel(0);
    }

    /// <summary>Starts the application and answers where it listens.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("SecureBase:DataFolder", _dataFolder);
        builder.UseSetting("SecureBase:SeedDemo", "true");
        builder.UseSetting("SecureBase:MigrateOnStart", "true");
        builder.UseSetting("SecureBase:LoginAttemptsPerMinute", "100000");
        // SQLite in the data folder, whatever the machine's environment says.
        builder.UseSetting("ConnectionStrings:Postgres", "");
        builder.UseSetting("ConnectionStrings:Sqlite", "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
    }
}
