using Npgsql;

namespace SecureBase.Bench.Authority;

/// <summary>The database a run fills: a SQLite file in the run's folder, or a fresh PostgreSQL database dropped afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _server;
    private readonly string? _name;

    private BenchDatabase(string settingName, string connectionString, string? server, string? name)
    {
        SettingName = settingName;
        ConnectionString = connectionString;
        _server = server;
        _name = name;
    }

    /// <summary>The configuration key that chooses this database (<c>ConnectionStrings:Sqlite</c> or <c>ConnectionStrings:Postgres</c>).</summary>
    public string SettingName { get; }
    public string ConnectionString { get; }

    public static BenchDatabase Sqlite(string file) =>
        new("ConnectionStrings:Sqlite", $"Data Source={file};Foreign Keys=True", null, null);

    public static async Task<BenchDatabase> CreatePostgresAsync(string server)
    {
        var name = $"securebase_load_{Guid.NewGuid():N}"[..28];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
#pragma warning disable CA2100 // The name is made here from a GUID, not from input.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
#pragma warning restore CA2100
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new BenchDatabase("ConnectionStrings:Postgres", builder.ConnectionString, server, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null || _name is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
#pragma warning disable CA2100 // The name is made here from a GUID, not from input.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
#pragma warning restore CA2100
        await drop.ExecuteNonQueryAsync();
    }
}
