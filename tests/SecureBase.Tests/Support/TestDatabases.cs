using Npgsql;
using SecureBase.Data;

namespace SecureBase.Tests.Support;

/// <summary>
/// Where the tests' databases come from. SQLite always; PostgreSQL when SECUREBASE_TEST_POSTGRES
/// holds a connection string for a role that may create databases (<c>.ci/run</c> sets it up).
/// With SECUREBASE_REQUIRE_ALL_TESTS=1 (set by <c>.ci/run</c>) a missing PostgreSQL fails instead of skipping.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "SECUREBASE_TEST_POSTGRES";

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    public static bool RequireAll => Environment.GetEnvironmentVariable("SECUREBASE_REQUIRE_ALL_TESTS") == "1";

    public static string? PostgresSkipReason =>
        PostgresAdmin is not null || RequireAll
            ? null
            : $"PostgreSQL tests skipped: set {PostgresVariable} to a connection string (the .ci/run script installs and starts PostgreSQL and sets it).";

    /// <summary>A new, empty database; dropped when disposed.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "securebase-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var cs = $"Data Source={Path.Combine(folder, "test.db")};Foreign Keys=True;Pooling=False;Default Timeout=60";
            return new TestDatabase(provider, cs, folder, async () =>
            {
                await Task.Yield();
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
            });
        }

        var admin = PostgresAdmin ?? throw new InvalidOperationException($"PostgreSQL is required (SECUREBASE_REQUIRE_ALL_TESTS=1) but {PostgresVariable} is not set.");
        var name = "sb_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, IncludeErrorDetail = true };
        var tempFolder = Path.Combine(Path.GetTempPath(), "securebase-tests", name);
        Directory.CreateDirectory(tempFolder);
        return new TestDatabase(provider, builder.ConnectionString, tempFolder, async () =>
        {
            // Best effort: a scratch database left behind (autovacuum still in it) is harmless.
            NpgsqlConnection.ClearAllPools();
            try
            {
                await using var conn = new NpgsqlConnection(admin);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            catch (PostgresException)
            {
            }
        });
    }
}

public sealed class TestDatabase(DatabaseProvider provider, string connectionString, string folder, Func<Task> drop) : IAsyncDisposable
{
    public DatabaseProvider Provider { get; } = provider;
    public string ConnectionString { get; } = connectionString;

    /// <summary>A scratch folder for the application's data folder (audit key, files).</summary>
    public string Folder { get; } = folder;

    public ValueTask DisposeAsync() => new(drop());
}

/// <summary>Runs a theory on SQLite.</summary>
public sealed class OnSqliteAttribute : Xunit.Sdk.DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[DatabaseProvider.Sqlite]];
}

/// <summary>Runs a theory on PostgreSQL, or reports it skipped (with the reason) when PostgreSQL is not configured.</summary>
public sealed class OnPostgresAttribute : Xunit.Sdk.DataAttribute
{
    public OnPostgresAttribute() => Skip = TestDatabases.PostgresSkipReason!;

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[DatabaseProvider.Postgres]];
}
