using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Demo;

public static class DemoModule
{
    public const string AccountsFile = "demo-accounts.txt";

    /// <summary>The demo school, loaded on first start of an empty database.</summary>
    public static IServiceCollection AddDemoModule(this IServiceCollection services)
    {
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<DemoAccounts>();
        services.AddHostedService<DemoStartup>();
        return services;
    }
}

/// <summary>The accounts created by this process's demo seeding (empty when the demo was loaded earlier).</summary>
public sealed class DemoAccounts
{
    public IReadOnlyList<DemoAccount> Created { get; internal set; } = [];
}

internal sealed class DemoStartup(
    IServiceProvider services,
    IOptions<SecureBaseOptions> options,
    DemoAccounts demoAccounts,
    IHostApplicationLifetime lifetime,
    ILogger<DemoStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SeedDemo)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            if (!await db.Schools.AnyAsync(cancellationToken))
            {
                demoAccounts.Created = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
                WriteAccountsFile(demoAccounts.Created);
                logger.LogInformation("Demo school loaded with {Count} demo accounts", demoAccounts.Created.Count);
            }
        }

        lifetime.ApplicationStarted.Register(PrintBanner);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string AccountsPath => Path.Combine(options.Value.FullDataFolder, DemoModule.AccountsFile);

    private void WriteAccountsFile(IReadOnlyList<DemoAccount> accounts)
    {
        Directory.CreateDirectory(options.Value.FullDataFolder);
        File.WriteAllText(AccountsPath, AccountsTable(accounts));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(AccountsPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string AccountsTable(IReadOnlyList<DemoAccount> accounts)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Demo accounts (role, username, password, who):");
        foreach (var a in accounts)
        {
            var info = RoleInfo.Of(a.Role);
            sb.AppendLine($"  {info.Name + (info.RequiresTwoFactor ? " *" : ""),-32} {a.UserName,-28} {a.Password,-30} {a.Who}");
        }

        sb.AppendLine("  * sets up an authenticator app (any TOTP app) at first sign-in, as the role requires.");
        return sb.ToString();
    }

    private void PrintBanner()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine("SecureBase is running.");
        foreach (var address in addresses)
        {
            sb.AppendLine($"  Sign in at {address.Replace("http://[::]", "http://localhost", StringComparison.Ordinal).Replace("http://0.0.0.0", "http://localhost", StringComparison.Ordinal)}/login");
        }

        var db = services.GetRequiredService<DatabaseConnection>();
        sb.AppendLine($"  Database: {db.Provider}{(db.Provider == DatabaseProvider.Sqlite ? " in " + options.Value.FullDataFolder : "")}");
        if (demoAccounts.Created.Count > 0)
        {
            sb.Append(AccountsTable(demoAccounts.Created));
            sb.AppendLine($"  These passwords are shown once; they are also in {AccountsPath} (readable only by you).");
        }
        else if (File.Exists(AccountsPath))
        {
            sb.AppendLine($"  Demo accounts and their passwords: {AccountsPath}");
        }

        sb.AppendLine("  Stop with Ctrl+C.");
        Console.Out.Write(sb.ToString());
    }
}
