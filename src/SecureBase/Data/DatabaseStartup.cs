
namespace SecureBase.Data;

/// <summary>Brings the schema up to date before the application serves anything (when <c>MigrateOnStart</c> is on).</summary>
internal sealed class DatabaseStartup(DatabaseConnection database, IOptions<SecureBaseOptions> options, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            return;
        }

        var report = await SchemaMigrator.MigrateAsync(database.Provider, database.ConnectionString, ct: cancellationToken);
        if (report.Applied.Count > 0)
        {
            logger.LogInformation("Database schema upgraded from version {From} to {To} ({Provider})", report.From, report.To, database.Provider);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
