using SecureBase.Data;
using SecureBase.Web;

namespace SecureBase.Cli;

/// <summary>
/// The application's services without its web server, for commands that use the database. Options
/// come from the same configuration as the web application (appsettings, environment, <c>--Key=value</c>).
/// </summary>
internal static class CommandHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args.Where(a => a.Contains('=', StringComparison.Ordinal)).ToArray() });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSecureBase(builder.Configuration);
        return builder.Build();
    }

    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        long? target = null;
        if (CommandHost.Option(args, "--to") is { } to)
        {
            if (!long.TryParse(to, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) || t < 1)
            {
                await stderr.WriteLineAsync($"--to needs a schema version (the number a migration's file name starts with, e.g. 0008 or 202612041030), not '{to}'.");
                return 2;
            }

            target = t;
        }

        await using var app = CommandHost.Build(args);
        var db = app.Services.GetRequiredService<DatabaseConnection>();
        try
        {
            var report = await SchemaMigrator.MigrateAsync(db.Provider, db.ConnectionString, target);
            await stdout.WriteLineAsync(report.Applied.Count == 0
                ? $"The {db.Provider} database is already at schema version {report.To}; nothing to do."
                : $"Upgraded the {db.Provider} database from schema version {report.From} to {report.To}: {string.Join(", ", report.Applied)}.");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (System.Data.Common.DbException ex)
        {
            await stderr.WriteLineAsync($"The database could not be upgraded: {ex.Message}");
            return 1;
        }
    }
}

internal static class SchemaScriptCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var provider = args.FirstOrDefault() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" => DatabaseProvider.Postgres,
            _ => (DatabaseProvider?)null,
        };
        if (provider is null)
        {
            await stderr.WriteLineAsync("Say which database: schema-script sqlite  or  schema-script postgres");
            return 2;
        }

        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<SecureBaseDb>();
        DatabaseSetup.Configure(options, provider.Value, provider == DatabaseProvider.Postgres ? "Host=localhost" : "Data Source=:memory:");
        await using var db = new SecureBaseDb(options.Options, new SchoolContext(), new Audit.AuditKey(new byte[32]));
        await stdout.WriteLineAsync(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GenerateCreateScript(db.Database));
        return 0;
    }
}
