using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SecureBase.Data;

/// <summary>The database this installation uses, resolved once from configuration.</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString);

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Chooses the database: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, otherwise an
/// SQLite file in the data folder. The model and the behaviour are the same on both.
/// </summary>
internal static class DatabaseSetup
{
    public static (DatabaseProvider Provider, string ConnectionString) Resolve(IConfiguration config, SecureBaseOptions options)
    {
        var pg = config.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(pg))
        {
            return (DatabaseProvider.Postgres, pg);
        }

        var sqlite = config.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
        {
            Directory.CreateDirectory(options.FullDataFolder);
            sqlite = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(options.FullDataFolder, "securebase.db"),
                ForeignKeys = true,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
        }

        return (DatabaseProvider.Sqlite, sqlite);
    }

    /// <summary>Connections each instance keeps at most, unless the connection string says (<c>Maximum Pool Size</c>).</summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>
    /// Statements each pooled connection keeps prepared on the server, unless the connection string says
    /// (<c>Max Auto Prepare</c>; 0 turns it off). A statement is prepared after its fifth use on a connection.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 128;

    /// <summary>
    /// Settings every instance needs on PostgreSQL, where the connection string does not give its own:
    /// a capped connection pool, so that a burst of requests waits its turn for a connection instead of
    /// taking more than PostgreSQL allows (max_connections, 100 by default, shared by every instance):
    /// instances × pool size must stay below it (docs/deployment.md); and automatic preparation, so that
    /// the statements every page repeats are planned once per connection rather than on every request
    /// (the planning was a third of the database's CPU on the heaviest pages; README, speed at authority scale);
    /// and no reset when a connection goes back to the pool: EF opens and closes the connection around every query, and
    /// Npgsql's reset sends seven statements (<c>RESET ALL; UNLISTEN *; DISCARD TEMP</c>, …) with the next query each
    /// time, about a sixth of the database's CPU on the EHCP list. The application's connections never change session
    /// state (no <c>SET</c>, <c>LISTEN</c>, temporary tables or session advisory locks; the schema migrator, which takes
    /// one, uses its own connection with the reset left on); an open transaction is still rolled back on return.
    /// </summary>
    internal static string ForEachInstance(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var said = connectionString.Split(';').Select(part => part.Split('=')[0].Trim().Replace(" ", "", StringComparison.Ordinal)).ToList();
        bool Says(params string[] keys) => said.Any(key => keys.Any(k => key.Equals(k, StringComparison.OrdinalIgnoreCase)));
        if (!Says("MaxPoolSize", "MaximumPoolSize"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!Says("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!Says("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            builder.UseNpgsql(ForEachInstance(connectionString));
        }
        else
        {
            builder.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);
        }

        // The schema comes from the versioned SQL migrations, which a test checks against this model.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}

/// <summary>
/// Per-connection SQLite settings. <c>synchronous=FULL</c> is chosen deliberately: with WAL it
/// syncs the log on every commit, so a session note the user was told is saved survives a power
/// cut; NORMAL would be faster but can lose the last commits. See docs/adr/0003.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public const string Sql = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    public static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }
}
